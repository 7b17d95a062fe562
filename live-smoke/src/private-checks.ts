import { randomBytes } from 'node:crypto';
import { isFuturesPrivateExchange, symbolKey, type Fill, type OrderRequest, type OrderState, type PrivateExchange, type PublicExchange, type Pair } from '@cexgw/adapters';
import { until, within } from './deadline.js';
import type { Deadline } from './market-checks.js';
import { priceBelow, smallestQuantity } from './order-sizing.js';
import { distinctProblems, fillProblems } from './sanity.js';
import { oneLine, type Finding, type VenueReport } from './report.js';

// The private part: balances, one post-only limit order far below the market placed and
// cancelled by its client order id (the only order the suite ever sends), and fills since a time.
// Never more: no market order, nothing that can take liquidity, nothing left open.

/** What the private stream delivered while the checks ran. */
class PrivateEvents {
  readonly orders: OrderState[] = [];
  readonly fills: Fill[] = [];
  balanceUpdates = 0;
  connected = false;
  readonly listener = {
    onOrder: (order: OrderState) => void this.orders.push(order),
    onFill: (fill: Fill) => void this.fills.push(fill),
    onBalances: () => void this.balanceUpdates++,
    onStreamState: (connected: boolean) => void (this.connected = connected),
    onPosition: () => {},
  };

  statusesOf(clientOrderId: string): string[] {
    return this.orders.filter((o) => o.clientOrderId === clientOrderId).map((o) => o.status);
  }
}

export interface PrivatePlan {
  readonly symbol: Pair;
  /** Fraction below the best bid for the post-only buy. */
  readonly orderOffset: string;
  /** Fills are read from this time on. */
  readonly fillsSinceMs: number;
  readonly stepTimeoutMs: number;
}

/** Cancellations of smoke orders placed (or being placed) and not yet cancelled. */
const outstanding = new Set<() => Promise<string[]>>();

/**
 * Cancels every smoke order still outstanding, for a run interrupted between placement and
 * cancel; what could not be cancelled is returned (secrets scrubbed), to be said.
 */
export async function cancelOutstandingOrders(): Promise<string[]> {
  const pending = [...outstanding];
  outstanding.clear();
  return (await Promise.all(pending.map((cancelNow) => cancelNow()))).flat();
}

/** Our client order ids: letters and digits only, short enough for every venue (Gate: 28). */
function smokeClientOrderId(): string {
  return `smoke${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

function orderProblems(order: OrderState, expected: { clientOrderId: string; price: string; quantity: string }, what: string): string[] {
  const problems: string[] = [];
  if (order.clientOrderId !== expected.clientOrderId) problems.push(`${what}: client order id ${JSON.stringify(order.clientOrderId)}, sent ${expected.clientOrderId}`);
  if (order.price !== expected.price) problems.push(`${what}: price ${order.price}, sent ${expected.price}`);
  if (order.quantity !== expected.quantity) problems.push(`${what}: quantity ${order.quantity}, sent ${expected.quantity}`);
  if (!order.orderId) problems.push(`${what}: no venue order id`);
  return problems;
}

export async function runPrivateChecks(report: VenueReport, trading: PrivateExchange, market: PublicExchange, plan: PrivatePlan): Promise<void> {
  const events = new PrivateEvents();
  const deadline: Deadline = (work, what) => within(work, plan.stepTimeoutMs, what);
  const { symbol } = plan;

  let signedIn = false;
  await report.check('private: sign in and stream', async () => {
    await deadline(trading.start(events.listener), 'start (symbols, clock, private stream)');
    signedIn = true;
    const connected = await until(() => events.connected, plan.stepTimeoutMs);
    return {
      detail: connected ? 'signed requests accepted, private stream connected' : 'signed in',
      problems: connected ? [] : [`the private stream did not connect within ${plan.stepTimeoutMs} ms`],
    };
  });
  if (!signedIn) return report.skip('private: balances, orders and fills', 'not run: the private adapter did not start');

  await report.check('private: balances', async () => {
    const balances = await deadline(trading.getBalances(), 'balances');
    let detail = `${balances.length} assets read`;
    if (isFuturesPrivateExchange(trading)) {
      await deadline(trading.getFuturesBalance(), 'futures account');
      const positions = await deadline(trading.getPositions(), 'positions');
      detail += `; futures account and ${positions.length} open positions read`;
    }
    return detail;
  });

  await report.check('private: post-only order placed and cancelled by client order id', () => placeAndCancel(report, trading, market, plan, events, deadline));

  await report.check('private: fills since a time', async () => {
    const fills = await deadline(trading.fillsSince(plan.fillsSinceMs, [symbol]), 'fills since');
    const problems = distinctProblems(fills.map((fill) => fillProblems(fill, symbol, plan.fillsSinceMs)));
    const ids = new Set(fills.map((fill) => fill.fillId));
    if (ids.size !== fills.length) problems.push(`${fills.length - ids.size} fills listed twice`);
    return { detail: `${fills.length} fills of ${symbolKey(symbol)} since ${new Date(plan.fillsSinceMs).toISOString()}`, problems };
  });
}

async function placeAndCancel(report: VenueReport, trading: PrivateExchange, market: PublicExchange, plan: PrivatePlan, events: PrivateEvents, deadline: Deadline): Promise<Finding> {
  const { symbol } = plan;
  const info = trading.symbolInfo(symbol);
  const book = await deadline(market.getOrderBook(symbol, 1), 'order book for the best bid');
  const bestBid = book.bids[0]?.[0];
  if (!bestBid) return { detail: 'no order placed', problems: ['the book has no bid to place a buy far below'] };
  const price = priceBelow(bestBid, plan.orderOffset, info.priceTick);
  const quantity = smallestQuantity(info, price);
  const clientOrderId = smokeClientOrderId();
  const request: OrderRequest = { symbol, side: 'buy', type: 'limit', quantity, price, quoteQuantity: '', timeInForce: 'gtc', postOnly: true, clientOrderId };
  const expected = { clientOrderId, price, quantity };
  const problems: string[] = [];
  const what = `post-only buy ${quantity} @ ${price} (best bid ${bestBid}), client order id ${clientOrderId}`;

  const cancelNow = () => cancel(trading, symbol, clientOrderId, deadline);
  const onInterrupt = async () => (await cancelNow()).map((problem) => report.conceal(`${report.venue}: ${problem}`));
  outstanding.add(onInterrupt);
  try {
    const placed = await deadline(trading.placeOrder(request), 'place');
    problems.push(...orderProblems(placed, expected, 'placement answer'));
    const got = await deadline(trading.getOrder({ symbol, clientOrderId }), 'order by client order id');
    problems.push(...orderProblems(got, expected, 'order by client order id'));
    if (got.status !== 'open') problems.push(`order by client order id: status ${got.status}, expected open (a post-only order far below the market rests)`);
    const open = await deadline(trading.listOpenOrders(symbol), 'open orders');
    if (!open.some((o) => o.clientOrderId === clientOrderId)) problems.push(`open orders of ${symbolKey(symbol)} (${open.length}) do not list it`);
  } finally {
    outstanding.delete(onInterrupt);
    problems.push(...(await cancelNow()));
  }
  const streamed = await until(() => events.statusesOf(clientOrderId).includes('cancelled'), plan.stepTimeoutMs);
  const statuses = events.statusesOf(clientOrderId);
  if (!streamed) problems.push(`the private stream did not report it cancelled within ${plan.stepTimeoutMs} ms (statuses streamed: ${statuses.join(', ') || 'none'})`);
  return { detail: `${what}: placed, read, listed open, cancelled; streamed ${statuses.join(' -> ') || 'nothing'}`, problems };
}

/** Cancels by client order id and reads it back; anything less is said loudly. */
async function cancel(trading: PrivateExchange, symbol: Pair, clientOrderId: string, deadline: Deadline): Promise<string[]> {
  try {
    const cancelled = await deadline(trading.cancelOrder({ symbol, clientOrderId }), 'cancel by client order id');
    const after = await deadline(trading.getOrder({ symbol, clientOrderId }), 'order after cancel');
    const problems: string[] = [];
    if (cancelled.status !== 'cancelled') problems.push(`cancel answer: status ${cancelled.status}, expected cancelled`);
    if (after.status !== 'cancelled') problems.push(`order after cancel: status ${after.status}, expected cancelled`);
    return problems;
  } catch (error) {
    // Not found: the placement itself failed, so nothing rests. Anything else: it may.
    const text = oneLine(error);
    if (text.startsWith('not_found')) return [];
    return [`cancel failed (${text}): order ${clientOrderId} on ${symbolKey(symbol)} may still be open on the venue; cancel it there`];
  }
}
