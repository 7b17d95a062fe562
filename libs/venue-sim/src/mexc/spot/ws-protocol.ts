/**
 * MEXC spot websocket JSON envelopes (requests, acks, refusals, pong) and the public topic
 * grammar. Pushes themselves are protobuf (see feeds.ts).
 */

export interface ClientRequest {
  method?: unknown;
  params?: unknown;
  id?: unknown;
}

export type TopicKind = 'aggre.depth' | 'aggre.deals' | 'aggre.bookTicker' | 'limit.depth';

export interface Topic {
  /** The topic exactly as subscribed; it is the `channel` of every push it produces. */
  name: string;
  kind: TopicKind;
  symbol: string;
  /** aggre.* topics: 10 or 100 (ms). */
  intervalMs?: number;
  /** limit.depth: 5, 10 or 20 levels. */
  level?: number;
}

const AGGRE_RE = /^spot@public\.aggre\.(depth|deals|bookTicker)\.v3\.api\.pb@(10ms|100ms)@([A-Z0-9]+)$/;
const LIMIT_RE = /^spot@public\.limit\.depth\.v3\.api\.pb@([A-Z0-9]+)@(5|10|20)$/;

/** Parses a public topic; undefined when the venue would not serve it. */
export function parseTopic(name: string): Topic | undefined {
  let m = AGGRE_RE.exec(name);
  if (m) return { name, kind: `aggre.${m[1]}` as TopicKind, symbol: m[3] as string, intervalMs: m[2] === '10ms' ? 10 : 100 };
  m = LIMIT_RE.exec(name);
  if (m) return { name, kind: 'limit.depth', symbol: m[1] as string, level: Number(m[2]) };
  return undefined;
}

/** The `eventType` a push of this topic carries (the topic without its symbol). */
export function eventTypeOf(topic: Topic): string {
  switch (topic.kind) {
    case 'limit.depth':
      return 'spot@public.limit.depth.v3.api.pb';
    default:
      return `spot@public.${topic.kind}.v3.api.pb@${topic.intervalMs}ms`;
  }
}

/** The request id echoed in answers: an unsigned integer, 0 when absent or not a number. */
export function requestId(request: ClientRequest): number {
  const n = typeof request.id === 'string' && /^\d+$/.test(request.id) ? Number(request.id) : request.id;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/** Subscription or unsubscription accepted: msg repeats the topics, comma-separated. */
export function ack(id: number, topics: readonly string[]): Record<string, unknown> {
  return { id, code: 0, msg: topics.join(',') };
}

/** Subscription refused; the venue keeps code 0 and says so in msg. */
export function refused(id: number, topics: readonly string[]): Record<string, unknown> {
  return { id, code: 0, msg: `Not Subscribed successfully! [${topics.join(',')}].  Reason： Blocked! ` };
}

export function pong(id: number): Record<string, unknown> {
  return { id, code: 0, msg: 'PONG' };
}
