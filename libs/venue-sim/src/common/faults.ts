/** Fault-injection state shared by the REST and websocket halves of every simulated venue. */

export type FaultRequest =
  | { kind: 'drop_sockets' }
  | { kind: 'close_sockets' }
  /** The venue asks its websocket clients to reconnect (Gate: a frame with event "upgrade"). */
  | { kind: 'reconnect_request' }
  | { kind: 'skip_sequence' }
  | { kind: 'http_error'; status: 429 | 500 | 502 | 503; count: number }
  /** The next `count` answers of a websocket request API (Gate's order_place, ...) are lost; the requests are carried out. */
  | { kind: 'drop_answers'; count: number }
  | { kind: 'latency'; ms: number }
  | { kind: 'clock_skew'; ms: number }
  | { kind: 'clear' };

export const HTTP_ERROR_STATUSES = [429, 500, 502, 503] as const;

export class FaultState {
  latencyMs = 0;
  clockSkewMs = 0;
  private pendingHttpError: { status: number; remaining: number } | undefined;
  private answersToDrop = 0;
  readonly counts = {
    dropSockets: 0,
    closeSockets: 0,
    reconnectRequests: 0,
    skipSequence: 0,
    httpErrorsArmed: 0,
    httpErrorsServed: 0,
    answersDropped: 0,
    latencyChanges: 0,
    clockSkewChanges: 0,
    clears: 0,
  };

  armHttpError(status: number, count: number): void {
    this.pendingHttpError = { status, remaining: count };
    this.counts.httpErrorsArmed += count;
  }

  /** Takes one armed HTTP error, if any. */
  takeHttpError(): number | undefined {
    const p = this.pendingHttpError;
    if (!p || p.remaining <= 0) return undefined;
    p.remaining -= 1;
    if (p.remaining === 0) this.pendingHttpError = undefined;
    this.counts.httpErrorsServed += 1;
    return p.status;
  }

  armDroppedAnswers(count: number): void {
    this.answersToDrop = count;
  }

  /** True when this answer is to be lost (one armed drop taken). */
  takeDroppedAnswer(): boolean {
    if (this.answersToDrop <= 0) return false;
    this.answersToDrop -= 1;
    this.counts.answersDropped += 1;
    return true;
  }

  clear(): void {
    this.latencyMs = 0;
    this.clockSkewMs = 0;
    this.pendingHttpError = undefined;
    this.answersToDrop = 0;
    this.counts.clears += 1;
  }

  describe(): Record<string, unknown> {
    return {
      latency_ms: this.latencyMs,
      clock_skew_ms: this.clockSkewMs,
      http_error: this.pendingHttpError ? { status: this.pendingHttpError.status, remaining: this.pendingHttpError.remaining } : null,
      answers_to_drop: this.answersToDrop,
      counts: { ...this.counts },
    };
  }
}

/** Validates a POST /__sim/faults body. Returns the request or an error text. */
export function parseFaultRequest(body: unknown): FaultRequest | string {
  if (typeof body !== 'object' || body === null) return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  switch (b.kind) {
    case 'drop_sockets':
    case 'close_sockets':
    case 'reconnect_request':
    case 'skip_sequence':
    case 'clear':
      return { kind: b.kind };
    case 'http_error': {
      const status = Number(b.status);
      const count = b.count === undefined ? 1 : Number(b.count);
      if (!(HTTP_ERROR_STATUSES as readonly number[]).includes(status)) return `status must be one of ${HTTP_ERROR_STATUSES.join(', ')}`;
      if (!Number.isInteger(count) || count < 1) return 'count must be a positive integer';
      return { kind: 'http_error', status: status as 429 | 500 | 502 | 503, count };
    }
    case 'drop_answers': {
      const count = b.count === undefined ? 1 : Number(b.count);
      if (!Number.isInteger(count) || count < 1) return 'count must be a positive integer';
      return { kind: 'drop_answers', count };
    }
    case 'latency':
    case 'clock_skew': {
      const ms = Number(b.ms);
      if (!Number.isFinite(ms) || (b.kind === 'latency' && ms < 0)) return 'ms must be a number (latency: >= 0)';
      return { kind: b.kind, ms: Math.round(ms) };
    }
    default:
      return `unknown fault kind ${JSON.stringify(b.kind)}`;
  }
}
