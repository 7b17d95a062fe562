/** Messages per second over the last second or so, from a running total sampled on each redraw. */
export class RateMeter {
  private readonly samples: Array<{ at: number; total: number }> = [];

  constructor(
    private readonly windowMs = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records the running total; returns the rate over the window. */
  sample(total: number): number {
    const at = this.now();
    this.samples.push({ at, total });
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const elapsed = at - first.at;
    return elapsed > 0 ? ((total - first.total) * 1_000) / elapsed : 0;
  }
}
