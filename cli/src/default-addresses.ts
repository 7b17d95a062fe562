import { defaultAddress } from '@cexgw/grpc/ports';

// Where the commands connect unless --addr says otherwise: the default addresses of Gate.io's
// services (spot for market data and trading, futures for the futures commands), which is where
// `npm start` runs them.

export const MARKET_DATA_ADDRESS = defaultAddress('gateio_spot', 'marketData');
export const TRADING_ADDRESS = defaultAddress('gateio_spot', 'trading');
export const FUTURES_ADDRESS = defaultAddress('gateio_futures', 'trading');
