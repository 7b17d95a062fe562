import { describe, expect, it } from 'vitest';
import type { Account, Fill } from '../src/engine/index.js';
import { tradeHistoryPage, tradeHistoryQuery } from '../src/binance/common/trade-history.js';

// GET /api/v3/myTrades and /fapi/v1/userTrades page an account's fills the same way: oldest first;
// from fromId or startTime the first `limit`, otherwise the latest `limit`.

const fills = Array.from({ length: 10 }, (_, i) => ({ symbol: i % 5 === 4 ? 'ETHUSDT' : 'BTCUSDT', tradeId: 100 + i, timestamp: 1_000 + i * 10, order: { id: i < 5 ? '7' : '8' } }));
const account = { fills } as unknown as Account;
const ids = (page: Fill[]) => page.map((f) => f.tradeId);
const query = (params: Record<string, string>) => tradeHistoryQuery(new URLSearchParams(params));

describe('Binance trade history paging (simulator)', () => {
  it('gives the latest `limit` without a start, the first `limit` from fromId or startTime', () => {
    expect(ids(tradeHistoryPage(account, 'BTCUSDT', query({ limit: '3' })))).toEqual([106, 107, 108]);
    expect(ids(tradeHistoryPage(account, 'BTCUSDT', query({ fromId: '102', limit: '3' })))).toEqual([102, 103, 105]);
    expect(ids(tradeHistoryPage(account, 'BTCUSDT', query({ startTime: '1030', endTime: '1060' })))).toEqual([103, 105, 106]);
  });

  it('filters by order id, and keeps the limit within 1000 (500 by default)', () => {
    expect(ids(tradeHistoryPage(account, 'BTCUSDT', query({ orderId: '8' })))).toEqual([105, 106, 107, 108]);
    expect(query({}).limit).toBe(500);
    expect(query({ limit: '5000' }).limit).toBe(1000);
  });
});
