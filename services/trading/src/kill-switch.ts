import { existsSync } from 'node:fs';
import { GatewayError } from '@cexgw/adapters';

// The kill switch: while engaged, no new order leaves the gateway (PERMISSION_DENIED), and on
// engaging, every open order on the venue is cancelled. Three ways to engage it, since the
// public API has no admin RPC (an admin call on the same port would be one stolen client token
// away from turning trading back on):
//
//   CEXGW_KILL_SWITCH=1             at start; holds until the process restarts without it.
//   the kill-switch file            engaged while the file exists (checked every
//                                   CEXGW_KILL_SWITCH_POLL_MS, default 1 s, and at once on
//                                   SIGUSR2); removing the file releases it. Default path
//                                   <journal dir>/<venue>.kill, or CEXGW_KILL_SWITCH_FILE.
//                                   `touch` works from a shell, a container exec or a config
//                                   management tool, and survives restarts.
//   SIGUSR2                         engages at once and holds until restart (`kill -USR2 <pid>`,
//                                   `docker kill --signal=SIGUSR2 <container>`); it never
//                                   releases, so a signal sent twice cannot turn trading back on.
//
// Releasing is deliberate: remove the file (if that is what engaged it) or restart the process.

export interface KillSwitchOptions {
  readonly engagedAtStart: boolean;
  readonly file: string | undefined;
  readonly pollMs: number;
  /** File check (tests replace it). */
  readonly exists?: (path: string) => boolean;
}

export type KillSwitchListener = (engaged: boolean, reason: string) => void;

export class KillSwitch {
  private readonly exists: (path: string) => boolean;
  private readonly listeners = new Set<KillSwitchListener>();
  private readonly fromEnv: boolean;
  private fromSignal = false;
  private fromFile = false;
  private timer: NodeJS.Timeout | undefined;
  private wasEngaged: boolean;

  constructor(private readonly options: KillSwitchOptions) {
    this.exists = options.exists ?? existsSync;
    this.fromEnv = options.engagedAtStart;
    this.fromFile = options.file !== undefined && this.exists(options.file);
    this.wasEngaged = this.engaged;
  }

  get engaged(): boolean {
    return this.fromEnv || this.fromSignal || this.fromFile;
  }

  /** Why it is engaged ("" when not). */
  get reason(): string {
    const reasons: string[] = [];
    if (this.fromEnv) reasons.push('CEXGW_KILL_SWITCH was set at start (restart without it to release)');
    if (this.fromFile) reasons.push(`the file ${this.options.file} exists (remove it to release)`);
    if (this.fromSignal) reasons.push('SIGUSR2 was received (restart to release)');
    return reasons.join('; ');
  }

  /** The file the switch watches, if any. */
  get file(): string | undefined {
    return this.options.file;
  }

  onChange(listener: KillSwitchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching the file. */
  start(): void {
    if (this.options.file === undefined || this.timer) return;
    this.timer = setInterval(() => this.check(), this.options.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** SIGUSR2: engage now (latched) and re-read the file. */
  engageBySignal(): void {
    this.fromSignal = true;
    this.check();
  }

  /** Re-reads the file and notifies listeners when the engaged state changed. */
  check(): void {
    if (this.options.file !== undefined) this.fromFile = this.exists(this.options.file);
    const engaged = this.engaged;
    if (engaged === this.wasEngaged) return;
    this.wasEngaged = engaged;
    for (const listener of this.listeners) listener(engaged, this.reason);
  }

  /** PERMISSION_DENIED while engaged. */
  assertOpen(): void {
    if (!this.engaged) return;
    throw new GatewayError('permission_denied', `kill switch engaged: new orders are refused and open orders were cancelled. Engaged because ${this.reason}`);
  }
}
