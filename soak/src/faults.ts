import type { Prng } from '@cexgw/venue-sim';
import type { Service, Sim } from './processes.js';

// The seeded fault schedule: what goes wrong, where, and when it is undone. Each fault is
// injected through the simulators' control API (the venue misbehaving) or by acting on a
// process (the gateway crashing, a client going away).

export type FaultKind =
  | 'drop_sockets'
  | 'close_1005'
  | 'sequence_gap'
  | 'http_429'
  | 'http_5xx'
  | 'slow_responses'
  | 'clock_skew'
  | 'trading_killed'
  | 'client_resume'
  | 'active_killed'
  | 'active_paused'
  | 'active_db_cut'
  | 'lost_answers';

export const FAULT_KINDS: readonly FaultKind[] = ['drop_sockets', 'close_1005', 'sequence_gap', 'http_429', 'http_5xx', 'slow_responses', 'clock_skew', 'trading_killed', 'client_resume'];

/** With a trading pair per venue: the single process's death becomes the active's kill -9, freeze past its lease, or lost database. */
export const FAILOVER_FAULTS: readonly FaultKind[] = ['active_killed', 'active_paused', 'active_db_cut'];
export const FAILOVER_FAULT_KINDS: readonly FaultKind[] = [...FAULT_KINDS.filter((kind) => kind !== 'trading_killed'), ...FAILOVER_FAULTS];

/** Faults after which every book stream of the venue must resynchronise. */
export const BOOK_FAULTS: ReadonlySet<FaultKind> = new Set(['drop_sockets', 'close_1005', 'sequence_gap']);

export interface InjectedFault {
  readonly kind: FaultKind;
  readonly venue: Sim['venue'];
  readonly atMs: number;
}

export interface FaultTargets {
  readonly sims: readonly Sim[];
  readonly tradingFor: (venue: Sim['venue']) => Service;
  readonly restartTrading: (service: Service) => Promise<void>;
  readonly resumeClient: (venue: Sim['venue'], awayMs: number) => void;
  /** Present with trading pairs (the failover soak). */
  readonly failover?: FailoverTargets;
  /** Venues whose orders go over a websocket API: their answers may be lost (carried out, never answered). */
  readonly lostAnswers?: readonly Sim[];
}

export interface FailoverTargets {
  /** The venue's active trading instance, undefined while none serves (a failover in progress). */
  active(venue: Sim['venue']): Service | undefined;
  /** The lease time to live: pauses and cuts outlast it, so that the active is deposed. */
  readonly leaseTtlMs: number;
  cutDatabase(service: Service, ms: number): void;
  /** Times the failover that a fault on process `pid` at `atMs` starts. */
  measure(kind: FaultKind, venue: Sim['venue'], pid: number, atMs: number): void;
}

export class FaultInjector {
  readonly injected: InjectedFault[] = [];
  private readonly undo = new Set<NodeJS.Timeout>();
  private readonly restarting = new Set<Promise<void>>();

  private readonly kinds: readonly FaultKind[];

  constructor(
    private readonly random: Prng,
    private readonly targets: FaultTargets,
  ) {
    const kinds = targets.failover ? FAILOVER_FAULT_KINDS : FAULT_KINDS;
    this.kinds = targets.lostAnswers?.length ? [...kinds, 'lost_answers'] : kinds;
  }

  /** One fault, chosen by the seeded generator. */
  async injectOne(): Promise<void> {
    const kind = this.random.pick(this.kinds);
    const sim = this.random.pick(kind === 'lost_answers' ? this.targets.lostAnswers! : this.targets.sims);
    const later = (ms: number, work: () => Promise<unknown>) => {
      const timer = setTimeout(() => {
        this.undo.delete(timer);
        void work().catch(() => undefined);
      }, ms);
      this.undo.add(timer);
    };
    switch (kind) {
      case 'drop_sockets':
        await sim.control('faults', { kind: 'drop_sockets' });
        break;
      case 'close_1005':
        await sim.control('faults', { kind: 'close_sockets' });
        break;
      case 'sequence_gap':
        await sim.control('faults', { kind: 'skip_sequence' });
        break;
      case 'http_429':
        await sim.control('faults', { kind: 'http_error', status: 429, count: 2 + Math.floor(this.random.next() * 4) });
        break;
      case 'http_5xx':
        await sim.control('faults', { kind: 'http_error', status: this.random.pick([500, 502, 503]), count: 2 + Math.floor(this.random.next() * 4) });
        break;
      case 'slow_responses':
        await sim.control('faults', { kind: 'latency', ms: 200 + Math.floor(this.random.next() * 800) });
        later(1_000 + Math.floor(this.random.next() * 2_000), () => sim.control('faults', { kind: 'latency', ms: 0 }));
        break;
      case 'clock_skew':
        // Within the venues' receive windows: the gateway's clock sync must absorb it.
        await sim.control('faults', { kind: 'clock_skew', ms: (this.random.next() < 0.5 ? -1 : 1) * (500 + Math.floor(this.random.next() * 2_000)) });
        later(2_000 + Math.floor(this.random.next() * 3_000), () => sim.control('faults', { kind: 'clock_skew', ms: 0 }));
        break;
      case 'trading_killed': {
        const service = this.targets.tradingFor(sim.venue);
        if (!service.child || service.child.exitCode !== null || service.child.signalCode !== null) return; // already down: pick again next time
        const restart = this.targets.restartTrading(service).finally(() => this.restarting.delete(restart));
        this.restarting.add(restart);
        break;
      }
      case 'lost_answers':
        await sim.control('faults', { kind: 'drop_answers', count: 1 + Math.floor(this.random.next() * 2) });
        break;
      case 'client_resume':
        this.targets.resumeClient(sim.venue, 300 + Math.floor(this.random.next() * 2_000));
        break;
      case 'active_killed':
      case 'active_paused':
      case 'active_db_cut': {
        const failover = this.targets.failover!;
        const active = failover.active(sim.venue);
        const pid = active?.child?.pid;
        if (!active || pid === undefined) return; // a failover is already under way: pick again next time
        // Past the lease: long enough that the standby takes over, short enough to come back meanwhile.
        const pastLeaseMs = failover.leaseTtlMs + 1_000 + Math.floor(this.random.next() * 3_000);
        const atMs = Date.now();
        if (kind === 'active_killed') {
          const restart = this.targets.restartTrading(active).finally(() => this.restarting.delete(restart));
          this.restarting.add(restart);
        } else if (kind === 'active_paused') {
          active.pause(pastLeaseMs);
        } else {
          failover.cutDatabase(active, pastLeaseMs);
        }
        failover.measure(kind, sim.venue, pid, atMs);
        break;
      }
    }
    this.injected.push({ kind, venue: sim.venue, atMs: Date.now() });
  }

  /** Undoes pending faults and waits for restarts in progress. */
  async settle(): Promise<void> {
    for (const timer of this.undo) clearTimeout(timer);
    this.undo.clear();
    await Promise.all(this.targets.sims.map((sim) => sim.control('faults', { kind: 'clear' }).catch(() => undefined)));
    await Promise.all([...this.restarting]);
  }

  countByKind(): Map<FaultKind, number> {
    const counts = new Map<FaultKind, number>(this.kinds.map((kind) => [kind, 0]));
    for (const fault of this.injected) counts.set(fault.kind, counts.get(fault.kind)! + 1);
    return counts;
  }
}
