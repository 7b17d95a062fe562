import { RecordingProxy, type RecordedExchange, type RecordedFrame } from '@cexgw/wire-contracts';

// One recording proxy per upstream origin of a venue (MEXC and Gate futures serve REST and
// websocket from different hosts, Gate spot and the simulators from one). The adapters are
// given the proxies' URLs, exactly as they would be given the venue's: only base URLs change.

/** The http(s) origin a REST or websocket URL lives on. */
function originOf(url: string): string {
  const parsed = new URL(url);
  const scheme = parsed.protocol === 'wss:' ? 'https:' : parsed.protocol === 'ws:' ? 'http:' : parsed.protocol;
  return `${scheme}//${parsed.host}`;
}

export class VenueProxies {
  private constructor(private readonly byOrigin: ReadonlyMap<string, RecordingProxy>) {}

  static async start(urls: readonly string[]): Promise<VenueProxies> {
    const byOrigin = new Map<string, RecordingProxy>();
    for (const origin of new Set(urls.map(originOf))) byOrigin.set(origin, await new RecordingProxy(origin).start());
    return new VenueProxies(byOrigin);
  }

  /** `url` on the venue, as the adapter must be given it to go through the proxy. */
  urlFor(url: string): string {
    const proxy = this.byOrigin.get(originOf(url));
    if (!proxy) throw new Error(`no recording proxy for ${originOf(url)}`);
    return proxy.urlFor(url);
  }

  /** Every REST exchange recorded so far, on every origin. */
  exchanges(): RecordedExchange[] {
    return [...this.byOrigin.values()].flatMap((proxy) => proxy.exchanges);
  }

  /** Every websocket frame recorded so far, on every origin. */
  frames(): RecordedFrame[] {
    return [...this.byOrigin.values()].flatMap((proxy) => proxy.frames);
  }

  async close(): Promise<void> {
    await Promise.all([...this.byOrigin.values()].map((proxy) => proxy.close()));
  }
}
