import type { Account } from '../../engine/index.js';
import { SimWsConnection } from '../../common/ws-connection.js';

/** One MEXC client connection: its topics and the timestamps the venue's idle rules look at. */
export class MexcWsConnection extends SimWsConnection {
  /** Topics held by this connection (at most the venue's cap). */
  readonly topics = new Set<string>();
  readonly openedAt = performance.now();
  /** Last inbound frame (any request, pings included). */
  lastInbound = performance.now();
  /** Last outbound frame actually written. */
  lastOutbound = performance.now();
  /** Set on user data stream connections (/ws?listenKey=...). */
  listenKey: string | undefined;
  account: Account | undefined;
  /** Since when the connection has had no subscription. */
  unsubscribedSince: number | undefined = performance.now();

  protected override onWritten(): void {
    this.lastOutbound = performance.now();
  }

  noteTopicCount(): void {
    if (this.topics.size === 0) this.unsubscribedSince ??= performance.now();
    else this.unsubscribedSince = undefined;
  }
}
