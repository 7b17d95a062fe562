import { GatewayError } from './errors.js';
import type { MarketFeeds } from './market-feeds.js';
import type { HealthReport } from './types.js';

/** A public adapter's health: a live REST probe, websocket state, and book synchronisation. */
export async function venueHealth(probeRest: () => Promise<unknown>, ws: { isConnected(): boolean }, feeds: MarketFeeds, listedSymbols: number): Promise<HealthReport> {
  const problems: string[] = [];
  let rest = true;
  try {
    await probeRest();
  } catch (error) {
    rest = false;
    problems.push(`REST: ${(error as Error).message}`);
  }
  const websocket = ws.isConnected();
  if (!websocket) problems.push('websocket: reconnecting');
  const unsynced = feeds.unsyncedBooks();
  if (unsynced.length > 0) problems.push(`order books resynchronising: ${unsynced.join(', ')}`);
  return {
    restConnectivity: rest,
    websocketConnectivity: websocket,
    authentication: true,
    exchangeSpecificFeatures: unsynced.length === 0 && listedSymbols > 0,
    detail: problems.join('; '),
  };
}

/** A private adapter's health: an authenticated REST probe (is the key accepted?) and the private stream. */
export async function privateVenueHealth(probeAuthenticated: () => Promise<unknown>, privateStreamConnected: boolean): Promise<HealthReport> {
  const problems: string[] = [];
  let authentication = true;
  try {
    await probeAuthenticated();
  } catch (error) {
    const kind = error instanceof GatewayError ? error.kind : 'internal';
    authentication = kind !== 'unauthenticated' && kind !== 'permission_denied';
    problems.push(`REST: ${(error as Error).message}`);
  }
  if (!privateStreamConnected) problems.push('private websocket: reconnecting');
  return {
    restConnectivity: !problems.some((p) => p.startsWith('REST')),
    websocketConnectivity: privateStreamConnected,
    authentication,
    exchangeSpecificFeatures: privateStreamConnected,
    detail: problems.join('; '),
  };
}
