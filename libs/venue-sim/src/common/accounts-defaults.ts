/**
 * Default starting balances of simulated trading accounts: 100000 of each quote asset and a
 * comparable amount of each listed base asset, so that both sides of every market can trade.
 */

const BASE_AMOUNTS: Record<string, string> = {
  BTC: '2',
  ETH: '20',
  SOL: '200',
  XRP: '50000',
  DOGE: '200000',
  LTC: '200',
  ADA: '50000',
  TRX: '200000',
  GT: '2000',
  MX: '5000',
};

export const DEFAULT_QUOTE_BALANCE = '100000';

export function defaultBalances(markets: Iterable<{ base: string; quote: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of markets) {
    out[m.quote] ??= m.quote === 'USDT' ? DEFAULT_QUOTE_BALANCE : (BASE_AMOUNTS[m.quote] ?? '1000');
    out[m.base] ??= BASE_AMOUNTS[m.base] ?? '1000';
  }
  return out;
}

/** Parses "ASSET=AMOUNT,ASSET=AMOUNT" (the CLI's --balances). */
export function parseBalanceList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9]+)=(\d+(?:\.\d+)?)$/.exec(item);
    if (!m) throw new Error(`bad balance ${JSON.stringify(item)}; expected ASSET=AMOUNT`);
    out[(m[1] as string).toUpperCase()] = m[2] as string;
  }
  return out;
}
