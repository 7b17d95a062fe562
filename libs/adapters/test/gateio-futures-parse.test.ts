import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BookFeed } from '../src/core/book-feed.js';
import { silentLogger } from '../src/core/logger.js';
import { AdapterMetrics } from '../src/core/metrics.js';
import type { BookEvent } from '../src/core/types.js';
import type { ShardedWsClient } from '../src/core/ws-client.js';
import { contractsToBase, toContractInfo, toFundingRate, toLiquidation, toMarkPrice, toOrderBook, toSymbolInfo, toTrade } from '../src/gateio/futures/parse.js';
import { ObuBookSync } from '../src/gateio/common/book-obu.js';
import { GateioFrameRouter } from '../src/gateio/common/router.js';

// Gate.io USDT futures messages in the documented / captured shapes (fixtures/gateio-futures,
// sources in docs/venues/gateio-futures-wire.md). Sizes are contracts on the wire, base units here.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/gateio-futures/${name}`, import.meta.url), 'utf8');
const json = <T = any>(name: string) => JSON.parse(fixture(name)) as T;
const BTC = { base: 'BTC', quote: 'USDT' };

describe('Gate.io futures parsing', () => {
  it('converts contracts to base exactly, including fractional multipliers', () => {
    expect(contractsToBase(62, '0.0001')).toBe('0.0062');
    expect(contractsToBase('-108', '0.0001')).toBe('0.0108');
    expect(contractsToBase(3, '0.1')).toBe('0.3'); // 3 x 0.1 in floating point is 0.30000000000000004
    expect(contractsToBase('1.5', '10')).toBe('15'); // decimal sizes (X-Gate-Size-Decimal)
  });

  it('maps a contract to its rules and funding schedule', () => {
    const wire = json('rest-contract.json');
    expect(toContractInfo(wire, BTC)).toEqual({
      symbol: BTC,
      venueSymbol: 'BTC_USDT',
      contractMultiplier: '0.0001',
      priceTick: '0.1',
      minContracts: '1',
      maxContracts: '1000000',
      minLeverage: 1,
      maxLeverage: 100,
      fundingIntervalS: 28800,
      nextFundingTimeMs: 1610035200000,
      inDelisting: false,
    });
    expect(toSymbolInfo(wire, BTC)).toMatchObject({ quantityStep: '0.0001', minQuantity: '0.0001', maxQuantity: '100', priceTick: '0.1', status: 'trading' });
  });

  it('maps the REST book (object levels, seconds with a fraction) and trades (signed sizes)', () => {
    const book = toOrderBook(json('rest-order-book.json'), BTC, '0.0001');
    expect(book).toMatchObject({
      updateId: 123456,
      timestampMs: 1623898993123,
      asks: [
        ['1.52', '0.01'],
        ['1.53', '0.004'],
      ],
    });
    const [trade] = json<any[]>('rest-trades.json');
    expect(toTrade(trade, BTC, '0.0001')).toEqual({ symbol: BTC, tradeId: '121234231', price: '100.123', quantity: '0.01', takerSide: 'sell', timestampMs: 1514764800000 });
  });

  it('reads funding, mark and index from a futures.tickers push, and liquidations', () => {
    const [ticker] = json('ws-tickers.json').result;
    expect(toFundingRate(ticker, BTC, 5, 6)).toEqual({ symbol: BTC, rate: '-0.000114', predictedRate: '0.01875', nextFundingTimeMs: 5, timestampMs: 6 });
    expect(toMarkPrice(ticker, BTC, 6)).toEqual({ symbol: BTC, markPrice: '118.35', indexPrice: '118.36', timestampMs: 6 });
    const [liquidation] = json('ws-public-liquidates.json').result;
    const parsed = toLiquidation(liquidation, BTC, '0.0001');
    expect(parsed.contracts).not.toMatch(/^-/);
    expect(parsed.baseQuantity).toBe(contractsToBase(parsed.contracts, '0.0001'));
  });

  it('builds a book in base units from futures.obu frames', () => {
    const metrics = new AdapterMetrics();
    const ws = { subscribe() {}, unsubscribe() {}, resubscribe() {} } as unknown as ShardedWsClient;
    const sync = new ObuBookSync(ws, 400, metrics, silentLogger, 'futures.obu', (_stream, levels) => levels.map(([p, s]) => [p, contractsToBase(s, '0.0001')]));
    const router = new GateioFrameRouter(metrics, silentLogger);
    router.onFast((text, us) => sync.tryFastPath(text, us));
    router.on('futures.obu', (result, _frame, us) => sync.onUpdate(result, us));
    const feed = new BookFeed(BTC, () => {});
    const events: BookEvent[] = [];
    feed.addListener((e) => events.push(e));
    sync.start('BTC_USDT', feed);
    const full = json('ws-obu-full.json');
    router.route(JSON.stringify(full), 1);
    expect(events[0]?.type).toBe('snapshot');
    const [price, contracts] = full.result.b[0];
    expect(feed.book.bids.levels(1)).toEqual([[price, contractsToBase(contracts, '0.0001')]]);
  });
});
