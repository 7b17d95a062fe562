import type { Logger } from '../../core/logger.js';
import type { MessageParsingStrategy } from '../../core/message-parsing.js';
import type { AdapterMetrics } from '../../core/metrics.js';
import { frameForLog } from '../../core/redact.js';
import { scanDepthFrame } from './depth-scanner.js';

/**
 * Handles the `data` of one kind of stream ("depth@100ms", "trade", "markPrice@1s", ...).
 * `levelsChecked`: the depth scanner read the event, checking each level (see LevelsChecked).
 */
export type StreamHandler = (data: Record<string, unknown>, receivedUs: number, levelsChecked: boolean) => void;

/**
 * Routes the frames of a combined-stream connection: events {"stream":"btcusdt@trade","data":{...}}
 * go to the handler of their stream kind (the name after the symbol's "@"); answers to requests
 * ({"result":null,"id":N}) are acknowledgements; {"error":..} or {"code","msg"} answers are the
 * venue refusing a request, logged. A frame that is not JSON, or an event of no known kind, is
 * counted as malformed and dropped.
 */
export class BinanceStreamRouter implements MessageParsingStrategy {
  private readonly handlers = new Map<string, StreamHandler>();

  constructor(
    private readonly metrics: AdapterMetrics,
    private readonly logger: Logger,
  ) {}

  on(kind: string, handler: StreamHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  handleFrame(data: Buffer, _isBinary: boolean, receivedUs: number): void {
    const text = data.toString();
    // Depth events, the bulk of the traffic, are read by a scanner that falls back on JSON.parse.
    let frame: { stream?: unknown; data?: unknown; id?: unknown; result?: unknown; error?: unknown; code?: unknown; msg?: unknown } | undefined = scanDepthFrame(text);
    const scanned = frame !== undefined;
    try {
      frame ??= JSON.parse(text) as NonNullable<typeof frame>;
    } catch {
      this.malformed(text, 'not JSON');
      return;
    }
    if (typeof frame.stream === 'string' && typeof frame.data === 'object' && frame.data !== null) {
      const at = frame.stream.indexOf('@');
      const handler = this.handlers.get(at < 0 ? frame.stream : frame.stream.slice(at + 1));
      if (handler) handler(frame.data as Record<string, unknown>, receivedUs, scanned);
      else if (frame.stream === '!serverShutdown') this.logger.warn({}, 'the venue announced a server shutdown; the connection will be renewed when it drops');
      else this.malformed(text, `no handler for stream ${frame.stream}`);
      return;
    }
    if ('result' in frame && 'id' in frame) return; // a request acknowledged
    if (frame.error !== undefined || frame.code !== undefined) {
      this.metrics.countError('venue_ws_error');
      this.logger.warn({ frame: frameForLog(text) }, 'the venue refused a stream request');
      return;
    }
    this.malformed(text, 'not an event or an answer');
  }

  private malformed(text: string, reason: string): void {
    this.metrics.wsMessagesMalformed++;
    this.logger.warn({ frame: frameForLog(text), reason }, 'malformed stream frame dropped');
  }
}
