import { symbolKey, type Pair } from '@cexgw/adapters';
import type { TradingJournal } from './journal/journal.js';

/**
 * The symbols this gateway has to look after at the venue: those with journaled orders or fills
 * plus the configured ones (CEXGW_FILL_RECOVERY_SYMBOLS, else the allow-list), each once. Fill
 * recovery and the kill switch sweep ask the venue about these, symbol by symbol, since a venue
 * such as MEXC lists thousands of symbols and answers per symbol only.
 */
export async function knownSymbols(journal: Pick<TradingJournal, 'activeSymbols'>, configured: readonly Pair[]): Promise<Pair[]> {
  const byKey = new Map<string, Pair>();
  for (const symbol of [...(await journal.activeSymbols()), ...configured]) byKey.set(symbolKey(symbol), symbol);
  return [...byKey.values()];
}
