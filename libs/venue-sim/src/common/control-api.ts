import type { FlowDriver, Level } from '../engine/index.js';
import type { ControlResponse } from './control-response.js';
import { handleAccountsControl, type AccountsControl } from './accounts-control.js';
import { parseFaultRequest, type FaultState } from './faults.js';
import type { SimVenueCore } from './sim-venue.js';

/**
 * The venue-neutral JSON control API under /__sim/ (not part of any venue): book, faults, flow,
 * step, stats. Each venue plugs in how it names symbols, renders a book and reaches its sockets.
 */

/** What the control API needs from a simulated venue. */
export interface ControlTarget {
  faults: FaultState;
  driver: FlowDriver;
  /** Query parameter naming the symbol in GET /__sim/book (Gate: currency_pair, MEXC: symbol). */
  bookSymbolParam: string;
  /** Listed venue symbols, in listing order. */
  symbols(): Iterable<string>;
  hasSymbol(symbol: string): boolean;
  /** The engine's book of a symbol, cut to `depth` levels when given. */
  view(symbol: string, depth?: number): { updateId: number; bids: Level[]; asks: Level[] };
  /** Renders levels as the venue prints them ([price, quantity] strings). */
  renderLevels(symbol: string, levels: readonly Level[]): [string, string][];
  updateId(symbol: string): number;
  /** Per-symbol figures for GET /__sim/stats. */
  symbolStats(symbol: string): Record<string, unknown>;
  /** Websocket figures for GET /__sim/stats. */
  wsStats(): Record<string, unknown>;
  restStats(): Record<string, unknown>;
  /** drop_sockets: abrupt teardown; returns the number of connections. */
  dropSockets(): number;
  /** close_sockets: close frames without a status (1005); returns the number of connections. */
  closeSockets(): number;
  /** reconnect_request: the venue's own "please reconnect" notice, where it has one; returns the connections told. */
  requestReconnect?(): number;
  /** skip_sequence: the next depth delta of every stream is lost; returns the number of streams. */
  armSkip(): number;
  /** Trading accounts: GET /__sim/account, GET /__sim/fills, POST /__sim/cross. */
  accounts?: AccountsControl;
}

/** The parts of a simulator that the control API reaches the same way on every venue. */
export interface StandardControlSources {
  core: SimVenueCore;
  ws: { readonly connectionCount: number; dropAll(): number; closeAll(): number };
}

/** The control hooks every venue wires identically: engine, flow, faults, counters, sockets. */
export function standardControlHooks({ core, ws }: StandardControlSources) {
  return {
    faults: core.faults,
    driver: core.driver,
    view: (symbol: string, depth?: number) => core.engine.view(symbol, depth),
    updateId: (symbol: string) => core.engine.updateId(symbol),
    symbolStats: (symbol: string) => {
      const book = core.engine.book(symbol);
      return { u: core.engine.updateId(symbol), bidLevels: book.levelCount('bid'), askLevels: book.levelCount('ask'), trades: core.market.trades(symbol).length };
    },
    wsStats: (): Record<string, unknown> => ({
      connections: ws.connectionCount,
      connectionsTotal: core.counters.wsConnectionsTotal,
      messagesSent: core.counters.wsMessagesSent,
      messagesReceived: core.counters.wsMessagesReceived,
    }),
    restStats: () => ({ requests: core.counters.restRequests }),
    dropSockets: () => ws.dropAll(),
    closeSockets: () => ws.closeAll(),
  };
}

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: message } });

export function handleControl(target: ControlTarget, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__sim/book': {
      const symbol = query.get(target.bookSymbolParam) ?? '';
      if (!target.hasSymbol(symbol)) return bad(`unknown ${target.bookSymbolParam} ${JSON.stringify(symbol)}`);
      const depthText = query.get('depth');
      const depth = depthText === null ? undefined : Number(depthText);
      if (depth !== undefined && (!Number.isInteger(depth) || depth < 1)) return bad('depth must be a positive integer');
      const view = target.view(symbol, depth);
      return { status: 200, body: { u: view.updateId, bids: target.renderLevels(symbol, view.bids), asks: target.renderLevels(symbol, view.asks) } };
    }
    case 'GET /__sim/faults':
      return { status: 200, body: target.faults.describe() };
    case 'POST /__sim/faults': {
      const fault = parseFaultRequest(body);
      if (typeof fault === 'string') return bad(fault);
      const result: Record<string, unknown> = { ok: true, kind: fault.kind };
      const faults = target.faults;
      switch (fault.kind) {
        case 'drop_sockets':
          faults.counts.dropSockets += 1;
          result.connections = target.dropSockets();
          break;
        case 'close_sockets':
          faults.counts.closeSockets += 1;
          result.connections = target.closeSockets();
          break;
        case 'reconnect_request':
          if (!target.requestReconnect) return bad('this venue has no way to ask its clients to reconnect');
          faults.counts.reconnectRequests += 1;
          result.connections = target.requestReconnect();
          break;
        case 'skip_sequence':
          faults.counts.skipSequence += 1;
          result.streams = target.armSkip();
          break;
        case 'http_error':
          faults.armHttpError(fault.status, fault.count);
          break;
        case 'drop_answers':
          faults.armDroppedAnswers(fault.count);
          break;
        case 'latency':
          faults.latencyMs = fault.ms;
          faults.counts.latencyChanges += 1;
          break;
        case 'clock_skew':
          faults.clockSkewMs = fault.ms;
          faults.counts.clockSkewChanges += 1;
          break;
        case 'clear':
          faults.clear();
          break;
      }
      return { status: 200, body: result };
    }
    case 'POST /__sim/flow': {
      if (typeof body !== 'object' || body === null) return bad('body must be a JSON object');
      const b = body as Record<string, unknown>;
      if (b.ratePerSec !== undefined) {
        const rate = Number(b.ratePerSec);
        if (!Number.isFinite(rate) || rate < 0) return bad('ratePerSec must be a number >= 0');
        target.driver.setRate(rate);
      }
      if (b.paused !== undefined) {
        if (typeof b.paused !== 'boolean') return bad('paused must be a boolean');
        target.driver.setPaused(b.paused);
      }
      return { status: 200, body: { ratePerSec: target.driver.ratePerSec, paused: target.driver.paused } };
    }
    case 'POST /__sim/step': {
      const count = Number((body as Record<string, unknown> | null)?.count ?? 1);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000) return bad('count must be an integer in 1..1000000');
      target.driver.stepAll(count);
      return { status: 200, body: { updateIds: Object.fromEntries([...target.symbols()].map((s) => [s, target.updateId(s)])) } };
    }
    case 'GET /__sim/stats': {
      const symbols: Record<string, unknown> = {};
      for (const s of target.symbols()) symbols[s] = target.symbolStats(s);
      return {
        status: 200,
        body: {
          ws: target.wsStats(),
          rest: target.restStats(),
          flow: { ratePerSec: target.driver.ratePerSec, paused: target.driver.paused },
          faults: target.faults.describe(),
          symbols,
        },
      };
    }
    default: {
      const out = target.accounts ? handleAccountsControl(target.accounts, route, query, body) : undefined;
      return out ?? { status: 404, body: { error: `no control route ${route}` } };
    }
  }
}
