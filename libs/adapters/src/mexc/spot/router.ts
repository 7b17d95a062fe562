import { PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import type { Logger } from '../../core/logger.js';
import type { MessageParsingStrategy } from '../../core/message-parsing.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { redactSecretText } from '../../core/redact.js';
import { int64 } from './int64.js';
import { readDepthPush, type DepthLevel, type DepthPush } from './depth-reader.js';
import type { WireJsonFrame } from './wire.js';

const OPEN_BRACE = 0x7b;
const REFUSED = 'Not Subscribed successfully';

/** Handlers per push body; a public socket leaves the private ones out and vice versa. */
export interface MexcPushHandlers {
  /** `levelsChecked`: the push came through the depth reader, which checks each level (see LevelsChecked). */
  depth?(push: DepthPush, receivedUs: number, levelsChecked: boolean): void;
  deals?(push: PushDataV3ApiWrapper): void;
  bookTicker?(push: PushDataV3ApiWrapper): void;
  privateOrders?(push: PushDataV3ApiWrapper): void;
  privateDeals?(push: PushDataV3ApiWrapper): void;
  privateAccount?(push: PushDataV3ApiWrapper): void;
}

/**
 * What a JSON frame says: a pong, a refusal (an error code, or the "Not Subscribed successfully"
 * wording MEXC answers with code 0), or an acknowledgement.
 */
export function jsonFrameKind(frame: WireJsonFrame): 'pong' | 'refused' | 'ack' {
  const msg = frame.msg ?? '';
  if (msg === 'PONG') return 'pong';
  return msg.startsWith(REFUSED) || (frame.code !== undefined && frame.code !== 0) ? 'refused' : 'ack';
}

/** A version carried as a decimal string: NaN unless plain digits (Number("") would be 0, Number(" 1") 1). */
function version(value: string | null | undefined): number {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
}

/** The generic decoder's depth push in the shape the direct reader gives. */
function depthFromMessage(push: PushDataV3ApiWrapper): DepthPush {
  const body = push.publicAggreDepths!;
  const levels = (items: ReadonlyArray<{ price?: string | null; quantity?: string | null }>): DepthLevel[] => items.map((item) => [item.price ?? '', item.quantity ?? '']);
  return {
    symbol: push.symbol ?? '',
    sendTime: int64(push.sendTime),
    fromVersion: version(body.fromVersion),
    toVersion: version(body.toVersion),
    bids: levels(body.bids ?? []),
    asks: levels(body.asks ?? []),
  };
}

/**
 * One MEXC socket carries two formats: JSON text (acks, pongs, refusals) and binary protobuf
 * pushes (PushDataV3ApiWrapper). Each frame is classified by its first byte, so a venue that
 * sends either format on either frame type is still read correctly, then routed by the
 * wrapper's body. Depth pushes, the bulk of the traffic, are read directly off the wire
 * (depth-reader.ts); everything else goes through the generated decoder.
 */
export class MexcFrameRouter implements MessageParsingStrategy {
  constructor(
    private readonly handlers: MexcPushHandlers,
    private readonly metrics: AdapterMetrics,
    private readonly logger: Logger,
  ) {}

  handleFrame(data: Buffer, isBinary: boolean, receivedUs: number): void {
    // Nothing a frame contains may throw out of here (into the socket's event handler).
    try {
      this.dispatch(data, isBinary, receivedUs);
    } catch (error) {
      this.malformed(`handler failed: ${(error as Error).message}`, data);
    }
  }

  private dispatch(data: Buffer, _isBinary: boolean, receivedUs: number): void {
    if (data.length === 0) return this.malformed('empty frame', data);
    if (data[0] === OPEN_BRACE) return this.onJson(data.toString());
    const depth = this.handlers.depth && readDepthPush(data);
    if (depth) return this.handlers.depth!(depth, receivedUs, true);
    let push: PushDataV3ApiWrapper;
    try {
      push = PushDataV3ApiWrapper.decode(data);
    } catch (error) {
      return this.malformed(`protobuf: ${(error as Error).message}`, data);
    }
    const { handlers } = this;
    switch (push.body) {
      case 'publicAggreDepths':
        return handlers.depth?.(depthFromMessage(push), receivedUs, false);
      case 'publicAggreDeals':
        return handlers.deals?.(push);
      case 'publicAggreBookTicker':
        return handlers.bookTicker?.(push);
      case 'privateOrders':
        return handlers.privateOrders?.(push);
      case 'privateDeals':
        return handlers.privateDeals?.(push);
      case 'privateAccount':
        return handlers.privateAccount?.(push);
      default:
        this.logger.debug({ channel: push.channel, body: push.body }, 'push without a handler');
    }
  }

  private onJson(text: string): void {
    let frame: WireJsonFrame;
    try {
      frame = JSON.parse(text) as WireJsonFrame;
    } catch {
      return this.malformed('not JSON', Buffer.from(text));
    }
    const kind = jsonFrameKind(frame);
    if (kind === 'pong') return;
    const msg = frame.msg ?? '';
    if (kind === 'refused') {
      this.metrics.countError('venue_ws_error');
      this.logger.warn({ code: frame.code, venueMessage: redactSecretText(msg) }, 'venue refused a websocket request');
      return;
    }
    this.logger.debug({ venueMessage: redactSecretText(msg) }, 'subscription acknowledged');
  }

  private malformed(reason: string, data: Buffer): void {
    this.metrics.wsMessagesMalformed++;
    this.logger.warn({ reason, bytes: data.length }, 'malformed venue frame dropped');
  }
}
