import { healthClient, type Service, type SimVenue } from './processes.js';

// Which instance of each trading pair is the active one, as a client that follows
// grpc.health.v1 sees it: every instance is asked every `intervalMs`; the one that reports
// SERVING is active. Also times failovers: from a fault on the active process until an
// instance other than that process (a different pid) reports SERVING.

interface Watched {
  readonly service: Service;
  readonly health: ReturnType<typeof healthClient>;
  serving: boolean;
  /** The pid that last reported SERVING. */
  servingPid: number | undefined;
}

export class ActiveTracker {
  private readonly watched = new Map<SimVenue, Watched[]>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    groups: ReadonlyMap<SimVenue, readonly Service[]>,
    private readonly intervalMs = 50,
  ) {
    for (const [venue, services] of groups) {
      this.watched.set(
        venue,
        services.map((service) => ({ service, health: healthClient(service.spec.address), serving: false, servingPid: undefined })),
      );
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const all = [...this.watched.values()].flat();
      await Promise.all(
        all.map(async (w) => {
          const pid = w.service.child?.pid;
          w.serving = w.service.alive && (await w.health.status(Math.max(100, this.intervalMs * 4))) === 'SERVING';
          w.servingPid = w.serving ? pid : undefined;
        }),
      );
    } finally {
      this.polling = false;
    }
  }

  /** The instance serving now, if any. */
  active(venue: SimVenue): Service | undefined {
    return this.watched.get(venue)?.find((w) => w.serving)?.service;
  }

  /**
   * Milliseconds from `sinceMs` until a process other than `pid` serves `venue`; undefined when
   * none does within `timeoutMs` (the pair failed to fail over).
   */
  async failoverFrom(venue: SimVenue, pid: number, sinceMs: number, timeoutMs = 30_000): Promise<number | undefined> {
    const group = this.watched.get(venue) ?? [];
    while (Date.now() - sinceMs < timeoutMs) {
      if (group.some((w) => w.serving && w.servingPid !== undefined && w.servingPid !== pid)) return Date.now() - sinceMs;
      await new Promise((r) => setTimeout(r, 10));
    }
    return undefined;
  }

  stop(): void {
    clearInterval(this.timer);
    for (const w of [...this.watched.values()].flat()) w.health.close();
  }
}
