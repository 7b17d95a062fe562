import type { SyntheticFlow } from './synthetic-flow.js';

export interface FlowDriverOptions {
  /** Steps per second per flow. */
  ratePerSec: number;
  /** Timer granularity in ms (default 5). */
  tickMs?: number;
  paused?: boolean;
}

/**
 * Runs a set of SyntheticFlows on wall-clock time: each timer tick performs as many steps as
 * `ratePerSec` calls for since the last tick. The content of the flow does not depend on timing
 * (each flow is a deterministic sequence); only how fast it is played does.
 */
export class FlowDriver {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private carry = 0;
  private rate: number;
  private pausedFlag: boolean;
  private readonly tickMs: number;

  constructor(
    private readonly flows: SyntheticFlow[],
    options: FlowDriverOptions,
  ) {
    this.rate = Math.max(0, options.ratePerSec);
    this.tickMs = options.tickMs ?? 5;
    this.pausedFlag = options.paused ?? false;
  }

  get ratePerSec(): number {
    return this.rate;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.carry = 0;
    this.timer = setInterval(() => this.onTick(), this.tickMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  setRate(ratePerSec: number): void {
    this.rate = Math.max(0, ratePerSec);
  }

  setPaused(paused: boolean): void {
    this.pausedFlag = paused;
    this.last = performance.now();
    this.carry = 0;
  }

  /** Runs `count` steps on every flow right now (works while paused). */
  stepAll(count: number): void {
    for (let i = 0; i < count; i++) for (const flow of this.flows) flow.step();
  }

  private onTick(): void {
    const now = performance.now();
    const elapsed = now - this.last;
    this.last = now;
    if (this.pausedFlag || this.rate === 0) return;
    this.carry += (elapsed / 1000) * this.rate;
    // never try to catch up more than one second of backlog
    if (this.carry > this.rate) this.carry = this.rate;
    const steps = Math.floor(this.carry);
    this.carry -= steps;
    if (steps > 0) this.stepAll(steps);
  }
}
