import type { Account, Fill } from '../../engine/index.js';
import { intParam, str, type Params } from './params.js';

// The account trade list both markets serve (spot GET /api/v3/myTrades, USDⓈ-M GET
// /fapi/v1/userTrades): the same parameters and paging; each market checks its own limits on
// them (spot refuses fromId with a time range and more than 24 hours, USDⓈ-M more than 7 days).

export interface TradeHistoryQuery {
  readonly orderId?: string;
  readonly fromId?: number;
  readonly startTime?: number;
  readonly endTime?: number;
  /** 500 by default, at most 1000. */
  readonly limit: number;
}

/** The query's parameters, read in the order both markets check them (a malformed one is -1102, named). */
export function tradeHistoryQuery(p: Params): TradeHistoryQuery {
  const limit = Math.min(intParam(p, 'limit') ?? 500, 1000);
  return { orderId: str(p, 'orderId'), fromId: intParam(p, 'fromId'), startTime: intParam(p, 'startTime'), endTime: intParam(p, 'endTime'), limit };
}

/** The account's fills of `symbol` the query selects, oldest first: from a start (time or id) the first `limit`, else the latest `limit`. */
export function tradeHistoryPage(account: Account, symbol: string, q: TradeHistoryQuery): Fill[] {
  const { orderId, fromId, startTime, endTime, limit } = q;
  const list = account.fills.filter(
    (f) =>
      f.symbol === symbol &&
      (orderId === undefined || f.order.id === orderId) &&
      (fromId === undefined || f.tradeId >= fromId) &&
      (startTime === undefined || f.timestamp >= startTime) &&
      (endTime === undefined || f.timestamp <= endTime),
  );
  return startTime !== undefined || fromId !== undefined ? list.slice(0, limit) : list.slice(Math.max(0, list.length - limit));
}
