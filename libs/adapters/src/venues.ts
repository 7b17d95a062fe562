import { binanceSpot, binanceUsdm } from './binance/index.js';
import { ExchangeFactory } from './core/factory.js';
import { gateioFutures, gateioSpot } from './gateio/index.js';
import { mexcSpot } from './mexc/index.js';

/** Every venue this build knows. A new venue is a new folder and one line here. */
export function createExchangeFactory(): ExchangeFactory {
  return new ExchangeFactory().register(mexcSpot).register(gateioSpot).register(gateioFutures).register(binanceSpot).register(binanceUsdm);
}
