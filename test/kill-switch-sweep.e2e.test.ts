import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeFactory, type OrderRequest, type PrivateExchange, type SymbolCatalog, type SymbolInfo } from '@cexgw/adapters';
import { SqliteJournal } from '../services/trading/src/journal/sqlite-journal.js';
import { KillSwitch } from '../services/trading/src/kill-switch.js';
import { NO_LIMITS } from '../services/trading/src/limits.js';
import { OrderManager } from '../services/trading/src/order-manager.js';
import { startSim, type SimHandle } from './support/processes.js';

// The kill switch sweep through the real MEXC adapter against the simulated venue, with the
// adapter's catalogue as large as live MEXC's (thousands of trading symbols): MEXC lists open
// orders per symbol only, so the sweep must ask per known symbol (finding 2 of issue 10: it
// asked for every symbol at once, which the adapter refuses past 50 symbols, and cancelled nothing).

const BTC = { base: 'BTC', quote: 'USDT' };
const ETH = { base: 'ETH', quote: 'USDT' };
const LIVE_LIKE_LISTING = 3_000;

describe('kill switch sweep on mexc_spot with a live-sized symbol list', () => {
  let sim: SimHandle;
  let exchange: PrivateExchange & { readonly catalog: SymbolCatalog };
  let journal: SqliteJournal;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cexgw-sweep-'));
    journal = new SqliteJournal({ path: join(dir, 'journal.sqlite') });
    sim = await startSim('mexc_spot', ['--seed', '43', '--symbols', 'BTCUSDT,ETHUSDT', '--flow-rate', '0']);
    const credentials = { apiKey: sim.apiKey, apiSecret: sim.apiSecret };
    exchange = createExchangeFactory().createPrivate('mexc_spot', { restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl, credentials }) as typeof exchange;
    await exchange.start({ onFill() {}, onOrder() {}, onBalances() {}, onStreamState() {} });
    const listed = exchange.catalog.list();
    const padding: SymbolInfo[] = Array.from({ length: LIVE_LIKE_LISTING }, (_, i) => ({ ...listed[0]!, symbol: { base: `C${i}`, quote: 'USDT' }, venueSymbol: `C${i}USDT` }));
    exchange.catalog.replace([...listed, ...padding]);
  });

  afterAll(async () => {
    await exchange?.close();
    await sim?.stop();
    await journal?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const limitBuy = (clientOrderId: string, symbol: typeof BTC, price: string, quantity: string): OrderRequest => ({
    symbol,
    side: 'buy',
    type: 'limit',
    quantity,
    price,
    quoteQuantity: '',
    timeInForce: 'gtc',
    postOnly: false,
    clientOrderId,
  });

  it('cancels the journaled orders and those on configured symbols, symbol by symbol', async () => {
    expect(exchange.listSymbols().length).toBeGreaterThan(LIVE_LIKE_LISTING);
    const orders = new OrderManager({
      exchange,
      journal,
      killSwitch: new KillSwitch({ engagedAtStart: false, file: undefined, pollMs: 1000 }),
      limits: NO_LIMITS,
      placeTimeoutMs: 5_000,
      resolveGraceMs: 60_000,
      configuredSymbols: [ETH],
    });
    await orders.place(limitBuy('sweep-btc', BTC, '30000', '0.001'));
    await exchange.placeOrder(limitBuy('elsewhere-eth', ETH, '1500', '0.01')); // not journaled: only the configuration names ETH
    const openBefore = await sim.control<{ openOrders: unknown[] }>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    expect(openBefore.openOrders).toHaveLength(2);

    expect(await orders.cancelAllOpenOrders()).toEqual({ symbols: 2, cancelled: 2, failed: 0 });
    const openAfter = await sim.control<{ openOrders: unknown[] }>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    expect(openAfter.openOrders).toEqual([]);
  });
});
