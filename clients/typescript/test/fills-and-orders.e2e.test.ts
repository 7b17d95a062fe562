import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal, FailedPreconditionError, InvalidArgumentError, OrderStatus, Trader, type Order } from '@cexgw/client';
import { firstJsonLine, launch, startSim, startTrading, TEST_CLIENT_TOKEN, type Managed, type ServiceHandle, type SimHandle } from '../../../test/support/processes.js';
import { until } from '../../../test/support/wait.js';
import { compilePrograms } from './support/compile.js';

// Fills exactly once and orders placed exactly once, against the real trading service on the
// simulated Gate.io spot venue: the fill consumer (its own process, FillFollower + FileCursorStore)
// and the trading service are each SIGKILLed and restarted while the venue keeps filling our
// order; at the end the consumer's records equal the venue's own fill list, none missing, none
// twice. Trader retries a placement across a killed service with the same client order id.

const SYMBOL = 'BTC/USDT';
const VENUE_SYMBOL = 'BTC_USDT';

describe('FillFollower and Trader on gateio_spot', () => {
  let sim: SimHandle;
  let service: ServiceHandle;
  let port: number;
  let journalDir: string;
  let trader: Trader;
  let fillClient: string;
  let work: string;

  const restartService = async () => {
    await service.stop('SIGKILL');
    service = await startTrading('gateio_spot', sim, journalDir, {}, port);
  };

  beforeAll(async () => {
    journalDir = mkdtempSync(join(tmpdir(), 'cexgw-client-journal-'));
    work = mkdtempSync(join(tmpdir(), 'cexgw-client-fills-'));
    fillClient = compilePrograms([fileURLToPath(new URL('./fixtures/fill-client.ts', import.meta.url))])[0]!;
    sim = await startSim('gateio_spot', ['--seed', '5', '--symbols', 'BTC_USDT,ETH_USDT', '--flow-rate', '0']);
    service = await startTrading('gateio_spot', sim, journalDir);
    port = Number(service.address.split(':')[1]);
    trader = new Trader({ endpoint: { addresses: service.address, token: TEST_CLIENT_TOKEN }, backoff: { initialMs: 100, maxMs: 1_000 }, attempts: 30 });
  });

  afterAll(async () => {
    trader?.close();
    await service?.stop();
    await sim?.stop();
  });

  /** One tick above the best bid (when the spread allows): our buy is first in line for sells. */
  async function frontOfBook(): Promise<string> {
    const book = await sim.control<{ bids: Array<[string, string]>; asks: Array<[string, string]> }>(`book?currency_pair=${VENUE_SYMBOL}&depth=1`);
    const bid = book.bids[0]![0];
    const places = (bid.split('.')[1] ?? '').length;
    const better = Decimal.parse(bid).plus(Decimal.parse(places ? `0.${'1'.padStart(places, '0')}` : '1'));
    return better.compare(Decimal.parse(book.asks[0]![0])) < 0 ? better.toString() : bid;
  }

  const cross = (quantity = '0.001') => sim.control('cross', { symbol: VENUE_SYMBOL, side: 'sell', quantity });

  function startFillClient(): Managed {
    return launch([fillClient, service.address, join(work, 'cursor.json'), join(work, 'fills.jsonl')], { CEXGW_TOKEN: TEST_CLIENT_TOKEN });
  }

  it('places idempotently, and refuses with typed errors carrying the venue code', async () => {
    const price = await frontOfBook();
    const clientOrderId = `cl${Date.now().toString(36)}`;
    const first = await trader.place({ symbol: SYMBOL, side: 'buy', quantity: '0.0005', price, clientOrderId });
    const again = await trader.place({ symbol: SYMBOL, side: 'buy', quantity: '0.0005', price, clientOrderId });
    expect(again.orderId).toBe(first.orderId);
    const cancelled = await trader.cancel({ symbol: SYMBOL, clientOrderId });
    expect(cancelled.status).toBe(OrderStatus.ORDER_STATUS_CANCELLED);

    const tooPrecise = await trader.place({ symbol: SYMBOL, side: 'buy', quantity: '0.0000000001', price }).catch((e: unknown) => e);
    expect(tooPrecise).toBeInstanceOf(InvalidArgumentError);
    const tooBig = await trader.place({ symbol: SYMBOL, side: 'buy', quantity: '2', price }).catch((e: unknown) => e); // > 100,000 USDT
    expect(tooBig, String(tooBig)).toBeInstanceOf(FailedPreconditionError);
    expect((tooBig as FailedPreconditionError).venueCode).toBeTruthy();
    expect((tooBig as FailedPreconditionError).venue).toBe('gateio_spot');
  });

  it('retries a placement across a killed trading service with the same client order id: one order', async () => {
    const price = await frontOfBook();
    const clientOrderId = `rt${Date.now().toString(36)}`;
    await service.stop('SIGKILL');
    const placing = trader.place({ symbol: SYMBOL, side: 'buy', quantity: '0.0005', price, clientOrderId });
    service = await startTrading('gateio_spot', sim, journalDir, {}, port);
    const order: Order = await placing;
    expect(order.clientOrderId).toBe(clientOrderId);
    const open = await trader.openOrders(SYMBOL);
    expect(open.filter((o) => o.clientOrderId === clientOrderId)).toHaveLength(1);
    await trader.cancel({ symbol: SYMBOL, clientOrderId });
  });

  it('delivers every fill exactly once across a killed trading service and a killed client', async () => {
    const order = await trader.place({ symbol: SYMBOL, side: 'buy', quantity: '0.05', price: await frontOfBook() });
    // The consumer creates its record file at its first fill: no file is no records yet.
    const recordFile = join(work, 'fills.jsonl');
    const records = () =>
      (existsSync(recordFile) ? readFileSync(recordFile, 'utf8') : '')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { cursor: string; fillId: string; orderId: string })
        .filter((r) => r.orderId === order.orderId);
    let client = startFillClient();
    await firstJsonLine(client);
    for (let i = 0; i < 4; i++) await cross();
    // Each kill lands on a consumer part-way through the order's fills, on any machine's speed.
    await until('the consumer recording the first fills', () => records().length > 0, 30_000);

    await service.stop('SIGKILL'); // fills at the venue while the service is down come back from REST history
    for (let i = 0; i < 3; i++) await cross();
    service = await startTrading('gateio_spot', sim, journalDir, {}, port);
    for (let i = 0; i < 4; i++) await cross();
    const beforeRestart = records().length;
    await until('the consumer recording fills from the restarted service', () => records().length > beforeRestart, 30_000);

    await client.stop('SIGKILL'); // and fills while the consumer is down come from its cursor
    for (let i = 0; i < 3; i++) await cross();
    client = startFillClient();
    for (let i = 0; i < 4; i++) await cross();
    await restartService(); // a second service restart, with the consumer connected
    for (let i = 0; i < 2; i++) await cross();

    const venueFills = async () =>
      (await sim.control<{ fills: Array<{ venueTradeId: string; orderId: string }> }>(`fills?apiKey=${encodeURIComponent(sim.apiKey)}`)).fills.filter((f) => String(f.orderId) === order.orderId);
    const atVenue = await venueFills();
    expect(atVenue).toHaveLength(20);
    await until('every venue fill recorded by the consumer', () => records().length >= atVenue.length, 60_000);
    await client.stop('SIGTERM');

    const delivered = records();
    expect(delivered.map((r) => r.fillId).sort()).toEqual(atVenue.map((f) => String(f.venueTradeId)).sort());
    expect(new Set(delivered.map((r) => r.cursor)).size).toBe(delivered.length);
    const cursors = delivered.map((r) => BigInt(r.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await trader.cancel({ symbol: SYMBOL, orderId: order.orderId });
  }, 120_000);
});
