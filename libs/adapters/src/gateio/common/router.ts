import type { Logger } from '../../core/logger.js';
import type { MessageParsingStrategy } from '../../core/message-parsing.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import type { WsConnection } from '../../core/ws-client.js';
import { frameForLog, redactSecretText } from '../../core/redact.js';
import type { WireWsFrame } from './wire.js';

export type PushHandler = (result: unknown, frame: WireWsFrame, receivedUs: number) => void;

/**
 * Routes parsed Gate.io websocket frames: pushes (event "update", or a result with no event as
 * spot.obu sends them) to the channel's handler; subscription answers and pongs are
 * acknowledged; errors are counted and logged. Parsing stays in the handlers.
 */
export class GateioFrameRouter implements MessageParsingStrategy {
  private readonly handlers = new Map<string, PushHandler>();
  /** Tried before JSON.parse; returns true when it handled the frame. */
  private fastPath: ((text: string, receivedUs: number) => boolean) | undefined;

  constructor(
    private readonly metrics: AdapterMetrics,
    private readonly logger: Logger,
  ) {}

  on(channel: string, handler: PushHandler): void {
    this.handlers.set(channel, handler);
  }

  /** Installs a specialised reader for the hottest frame kind (see obu-scanner.ts). */
  onFast(handler: (text: string, receivedUs: number) => boolean): void {
    this.fastPath = handler;
  }

  /** Gate.io speaks JSON text frames only. `connection`: the socket it came on (renewed on "upgrade"). */
  handleFrame(data: Buffer, _isBinary: boolean, receivedUs: number, connection?: WsConnection): void {
    this.route(data.toString(), receivedUs, connection);
  }

  route(text: string, receivedUs: number, connection?: WsConnection): void {
    if (this.fastPath) {
      try {
        if (this.fastPath(text, receivedUs)) return;
      } catch (error) {
        this.malformed(`handler failed: ${(error as Error).message}`, text);
        return;
      }
    }
    let frame: WireWsFrame;
    try {
      frame = JSON.parse(text) as WireWsFrame;
    } catch {
      this.malformed('not JSON', text);
      return;
    }
    if (frame !== null && typeof frame === 'object' && frame.event === 'upgrade') {
      // The venue is about to move this connection (Gate's own SDK, gateio/gatews
      // python/gate_ws/client.py, closes and reconnects on it): reconnect now, which
      // resubscribes; book channels resynchronise from a fresh snapshot as on any reconnect.
      this.logger.warn({ channel: frame.channel }, 'venue asked for a reconnect (event "upgrade"): reconnecting');
      connection?.terminate('venue asked for a reconnect (event "upgrade")');
      return;
    }
    if (frame === null || typeof frame !== 'object' || typeof frame.channel !== 'string') {
      this.malformed('no channel', text);
      return;
    }
    if (frame.error) {
      this.metrics.countError('venue_ws_error');
      this.logger.warn({ channel: frame.channel, event: frame.event, code: frame.error.code, message: redactSecretText(String(frame.error.message)) }, 'venue websocket error');
      return;
    }
    const event = frame.event;
    if (event === 'update' || event === undefined || event === 'all') {
      const handler = this.handlers.get(frame.channel);
      if (handler && frame.result !== undefined && frame.result !== null) {
        try {
          handler(frame.result, frame, receivedUs);
        } catch (error) {
          this.malformed(`handler failed: ${(error as Error).message}`, text);
        }
      }
      return;
    }
    if (event === 'subscribe' || event === 'unsubscribe') {
      this.logger.debug({ channel: frame.channel, event, id: frame.id }, 'subscription acknowledged');
    }
  }

  private malformed(reason: string, text: string): void {
    this.metrics.wsMessagesMalformed++;
    // A private frame may carry auth (KEY, SIGN) or echo it: redacted before it is cut to 200 characters.
    this.logger.warn({ reason: redactSecretText(reason), frame: frameForLog(text) }, 'malformed venue frame dropped');
  }
}
