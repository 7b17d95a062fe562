/**
 * Gate.io wallet currencies, one list for the whole account: spot lists them, and the futures
 * simulator serves the same /spot/currencies (clients such as ccxt load them for any market).
 */

export interface GateChainSpec {
  name: string;
  addr: string;
}

export interface GateCurrencySpec {
  currency: string;
  name: string;
  chain: string;
  chains: GateChainSpec[];
}

export const GATE_CURRENCIES: readonly GateCurrencySpec[] = [
  { currency: 'BTC', name: 'Bitcoin', chain: 'BTC', chains: [{ name: 'BTC', addr: '' }] },
  {
    currency: 'ETH',
    name: 'Ethereum',
    chain: 'ETH',
    chains: [
      { name: 'ETH', addr: '' },
      { name: 'ARBEVM', addr: '' },
    ],
  },
  {
    currency: 'USDT',
    name: 'Tether',
    chain: 'ETH',
    chains: [
      { name: 'ETH', addr: '0xdAC17F958D2ee523a2206206994597C13D831ec7' },
      { name: 'TRX', addr: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' },
      { name: 'BSC', addr: '0x55d398326f99059fF775485246999027B3197955' },
    ],
  },
  { currency: 'SOL', name: 'Solana', chain: 'SOL', chains: [{ name: 'SOL', addr: '' }] },
  { currency: 'XRP', name: 'Ripple', chain: 'XRP', chains: [{ name: 'XRP', addr: '' }] },
  { currency: 'DOGE', name: 'Dogecoin', chain: 'DOGE', chains: [{ name: 'DOGE', addr: '' }] },
  { currency: 'LTC', name: 'Litecoin', chain: 'LTC', chains: [{ name: 'LTC', addr: '' }] },
  { currency: 'ADA', name: 'Cardano', chain: 'ADA', chains: [{ name: 'ADA', addr: '' }] },
  { currency: 'TRX', name: 'TRON', chain: 'TRX', chains: [{ name: 'TRX', addr: '' }] },
  {
    currency: 'GT',
    name: 'GateToken',
    chain: 'GTEVM',
    chains: [
      { name: 'GTEVM', addr: '' },
      { name: 'ETH', addr: '0xE66747a101bFF2dBA3697199DCcE5b743b454759' },
    ],
  },
];

export function currencySpec(code: string): GateCurrencySpec {
  return GATE_CURRENCIES.find((c) => c.currency === code) ?? { currency: code, name: code, chain: code, chains: [{ name: code, addr: '' }] };
}

export function currency(code: string): Record<string, unknown> {
  const spec = currencySpec(code);
  return {
    currency: spec.currency,
    name: spec.name,
    delisted: false,
    withdraw_disabled: false,
    withdraw_delayed: false,
    deposit_disabled: false,
    trade_disabled: false,
    fixed_rate: '',
    chain: spec.chain,
    chains: spec.chains.map((c) => ({
      name: c.name,
      addr: c.addr,
      withdraw_disabled: false,
      withdraw_delayed: false,
      deposit_disabled: false,
    })),
  };
}
