/**
 * The venue's clock as seen from here: signed requests carry the venue's time, and a local clock
 * that drifts past the venue's window (MEXC recvWindow, Gate.io's 60 s) gets every order
 * rejected. The offset is measured against the venue's time endpoint, halving the round trip.
 */
export class ServerClock {
  private offsetMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly fetchServerTimeMs: () => Promise<number>) {}

  /** Venue time in ms. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  async sync(): Promise<number> {
    const sent = Date.now();
    const serverMs = await this.fetchServerTimeMs();
    const received = Date.now();
    this.offsetMs = Math.round(serverMs - (sent + received) / 2);
    return this.offsetMs;
  }

  /** Re-measures every `intervalMs`; failures keep the last offset. */
  startAutoSync(intervalMs: number, onError: (error: unknown) => void): void {
    this.stop();
    this.timer = setInterval(() => void this.sync().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
