import { checkValue, type Violation } from './check.js';
import { checkReads, recordReads } from './reads.js';
import type { RecordedExchange } from './recording-proxy.js';
import { checkRequest, type RouteTable } from './routes.js';
import type { ModelRegistry } from './schema.js';

// Recorded REST traffic against a venue's published contract, three ways:
// - what the client sent (query parameters and JSON body) is what the operation takes;
// - what the venue (or simulator) answered carries only the fields the source names, typed as it
//   says;
// - what the adapter reads from each answer, by handing the adapter's own reader a recording
//   proxy of it, names only fields the source has; and the reader accepts the answer.

export interface RestContractSource {
  readonly models: ModelRegistry;
  readonly routes: RouteTable;
}

/** How the adapter turns one operation's answer into its own types. */
export interface AnswerReader {
  /** The adapter's JSON parse (e.g. exact, numbers as strings); JSON.parse when absent. */
  readonly parse?: (text: string) => unknown;
  readonly read: (answer: unknown) => unknown;
}

export interface RestTrafficReport {
  readonly violations: readonly string[];
  /** Operations seen with a successful answer. */
  readonly covered: ReadonlySet<string>;
}

export function checkRestTraffic(exchanges: readonly RecordedExchange[], source: RestContractSource, readers: Readonly<Record<string, AnswerReader>> = {}): RestTrafficReport {
  const violations: string[] = [];
  const covered = new Set<string>();
  const note = (where: string, list: readonly Violation[]) => list.forEach((v) => violations.push(`${where}: ${v.path} ${v.message}`));
  for (const exchange of exchanges) {
    const where = `${exchange.method} ${exchange.path}`;
    const route = source.routes.match(exchange.method, exchange.path);
    if (!route) {
      violations.push(`${where}: no operation of the venue's source has this method and path`);
      continue;
    }
    const named = `${where} (${route.operation})`;
    note(named, checkRequest(route, exchange.query, exchange.requestBody, source.models));
    if (exchange.status < 200 || exchange.status >= 300) continue;
    covered.add(route.operation);
    if (!route.response || exchange.responseBody.trim() === '') continue;
    let answer: unknown;
    try {
      answer = JSON.parse(exchange.responseBody);
    } catch {
      violations.push(`${named}: the answer is not JSON`);
      continue;
    }
    note(`${named} answer`, checkValue(answer, route.response, source.models));
    const reader = readers[route.operation];
    if (!reader) continue;
    const recording = recordReads((reader.parse ?? JSON.parse)(exchange.responseBody));
    try {
      reader.read(recording.value);
    } catch (error) {
      violations.push(`${named}: the adapter cannot read the answer: ${(error as Error).message}`);
    }
    note(`${named} read`, checkReads(recording.paths, route.response, source.models));
  }
  return { violations: [...new Set(violations)], covered };
}
