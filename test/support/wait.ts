export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until it holds, or fails naming what it waited for. */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The simulators' own book, as GET /__sim/book returns it. */
export interface SimBook {
  u: number;
  bids: Array<[string, string]>;
  asks: Array<[string, string]>;
}
