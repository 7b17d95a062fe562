import type { FaultKind } from './faults.js';
import type { OrderStats } from './order-driver.js';

export interface VenueResult {
  readonly venue: string;
  readonly orders: OrderStats;
  readonly venueFills: number;
  readonly delivered: number;
  readonly lost: number;
  /** A few of the lost fill ids, for the investigation. */
  readonly lostIds: readonly string[];
  readonly duplicated: number;
  /** Client order ids the venue holds more than one order under (must be none). */
  readonly placedTwice: readonly string[];
  readonly resumes: number;
  readonly restarts: number;
  /** Trading instances that lost their lease and exited to come back as the standby (failover soak). */
  readonly deposedExits: number;
}

export interface FailoverResult {
  readonly kind: FaultKind;
  readonly venue: string;
  /** From the fault on the active process until another process served; undefined = never (within 30 s). */
  readonly ms: number | undefined;
}

export interface SoakResult {
  readonly seed: number;
  /** How the Gate.io trading services send orders: signed REST or the websocket API. */
  readonly gateOrderTransport: 'rest' | 'ws';
  readonly durationMs: number;
  readonly faults: Map<FaultKind, number>;
  readonly venues: readonly VenueResult[];
  readonly books: ReadonlyArray<{ name: string; problems: string[] }>;
  readonly resyncMs: readonly number[];
  readonly unhealedBookFaults: number;
  readonly peakRssKb: ReadonlyArray<{ name: string; kb: number }>;
  /** Present in the failover soak. */
  readonly failovers?: readonly FailoverResult[];
  readonly failure: string | undefined;
}

function percentile(values: readonly number[], p: number): string {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]} ms`;
}

function table(rows: ReadonlyArray<readonly (string | number)[]>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join('  ')).join('\n');
}

/** The failover section (failover soak only); returns what failed, if anything. */
function failoverProblems(result: SoakResult, lines: string[]): string | undefined {
  if (!result.failovers) return undefined;
  const done = result.failovers.filter((f) => f.ms !== undefined).map((f) => f.ms!);
  const never = result.failovers.length - done.length;
  lines.push('');
  const byKind = new Map<FaultKind, number[]>();
  for (const f of result.failovers) if (f.ms !== undefined) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.ms]);
  lines.push(
    table([
      ['failover (fault on the active -> another instance SERVING)', 'count', 'p50', 'p99', 'max'],
      ...[...byKind.entries()].map(([kind, ms]) => [kind, ms.length, percentile(ms, 50), percentile(ms, 99), `${Math.max(...ms)} ms`]),
      ['all', done.length, percentile(done, 50), percentile(done, 99), done.length ? `${Math.max(...done)} ms` : '-'],
    ]),
  );
  lines.push(`deposed instances that exited and came back as the standby: ${result.venues.map((v) => `${v.venue} ${v.deposedExits}`).join(', ')}`);
  if (never > 0) return `${never} failover(s) never completed: no other instance served within 30 s`;
  if (done.length === 0) return 'no failover happened: the failover soak exercised nothing (run it longer)';
  return undefined;
}

/** Operations whose placements must have been accepted at least once for the run to mean anything. */
const PLACEMENTS = new Set(['PlaceOrder', 'PlaceFuturesOrder', 'ClosePosition']);

/** Refusals nobody planned for, and placements that never once went through: each fails the run. */
function coverageProblems(venues: readonly VenueResult[]): string[] {
  const problems: string[] = [];
  for (const v of venues) {
    for (const [why, { count, message }] of v.orders.unplannedBy) problems.push(`UNPLANNED ${v.venue}: ${why} x${count} (first: ${message})`);
    for (const [method, op] of v.orders.operations) {
      if (PLACEMENTS.has(method) && op.attempts > 0 && op.ok === 0) problems.push(`NOT COVERED ${v.venue}: ${method} attempted ${op.attempts} times, never accepted`);
    }
  }
  return problems;
}

/** Prints the soak's table; returns the exit code (1 when anything was lost, doubled or unequal). */
export function printReport(result: SoakResult): number {
  const totalFaults = [...result.faults.values()].reduce((a, b) => a + b, 0);
  const lines: string[] = [];
  lines.push(`\nsoak seed ${result.seed}, ${(result.durationMs / 1000).toFixed(0)} s, ${totalFaults} faults injected, Gate.io orders over ${result.gateOrderTransport}\n`);
  lines.push(table([['fault', 'injected'], ...[...result.faults.entries()].map(([kind, n]) => [kind, n]), ['total', totalFaults]]));
  lines.push('');
  lines.push(
    table([
      ['venue', 'orders placed', 'refused', 'retried (same id)', 'unresolved', 'placed twice', 'fills at venue', 'fills delivered', 'lost', 'duplicated', 'stream resumes', 'service restarts'],
      ...result.venues.map((v) => [
        v.venue,
        v.orders.placed,
        v.orders.refused,
        v.orders.retried,
        v.orders.unresolved,
        v.placedTwice.length,
        v.venueFills,
        v.delivered,
        v.lost,
        v.duplicated,
        v.resumes,
        v.restarts,
      ]),
    ]),
  );
  for (const v of result.venues) if (v.lost > 0) lines.push(`${v.venue}: lost fill ids ${v.lostIds.join(', ')}`);
  for (const v of result.venues) if (v.placedTwice.length > 0) lines.push(`${v.venue}: client order ids placed twice ${v.placedTwice.slice(0, 5).join(', ')}`);
  for (const v of result.venues) {
    if (v.orders.refusedBy.size === 0) continue;
    const reasons = [...v.orders.refusedBy.entries()].sort((a, b) => b[1] - a[1]).map(([why, n]) => `${why} x${n}`);
    lines.push(`${v.venue} refusals: ${reasons.join(', ')}`);
  }
  lines.push('');
  lines.push(
    table([
      ['operation', 'attempts', 'ok', 'retried (open outcome)', 'refused (planned)', 'refused (unplanned)'],
      ...result.venues.flatMap((v) => [...v.orders.operations.entries()].map(([method, op]) => [`${v.venue} ${method}`, op.attempts, op.ok, op.retried, op.planned, op.unplanned])),
    ]),
  );
  const problems = coverageProblems(result.venues);
  for (const problem of problems) lines.push(problem);
  lines.push('');
  lines.push(table([['book (stream vs venue)', 'result'], ...result.books.map((b) => [b.name, b.problems.length === 0 ? 'equal' : `UNEQUAL: ${b.problems[0]}`])]));
  lines.push('');
  lines.push(
    `resync after a book fault: p50 ${percentile(result.resyncMs, 50)}, p99 ${percentile(result.resyncMs, 99)} (${result.resyncMs.length} resyncs, ${result.unhealedBookFaults} faults without a reset that followed)`,
  );
  const failedOver = failoverProblems(result, lines);
  lines.push('');
  lines.push(table([['service', 'peak RSS'], ...result.peakRssKb.map((s) => [s.name, `${(s.kb / 1024).toFixed(1)} MB`])]));
  const lost = result.venues.reduce((n, v) => n + v.lost, 0);
  const duplicated = result.venues.reduce((n, v) => n + v.duplicated, 0);
  const unequal = result.books.filter((b) => b.problems.length > 0).length;
  const unresolved = result.venues.reduce((n, v) => n + v.orders.unresolved, 0);
  const twice = result.venues.reduce((n, v) => n + v.placedTwice.length, 0);
  const verdict = result.failure
    ? `FAIL: ${result.failure}`
    : lost || duplicated || unequal || unresolved || twice
      ? `FAIL: lost ${lost}, duplicated ${duplicated}, client order ids placed twice ${twice}, unequal books ${unequal}, orders without a definite outcome ${unresolved}`
      : failedOver
        ? `FAIL: ${failedOver}`
        : problems.length > 0
          ? `FAIL: ${problems.length} coverage problem(s) above (refusals the soak did not plan for, or placements never accepted)`
          : 'PASS: nothing lost, nothing doubled, every book equal';
  lines.push(`\n${verdict}`);
  console.log(lines.join('\n'));
  return verdict.startsWith('PASS') ? 0 : 1;
}
