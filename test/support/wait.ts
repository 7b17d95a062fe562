export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until it holds, or fails naming what it waited for. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Reads every 20 ms until what it read `agrees`, and returns that reading (or fails naming what it waited for). */
export async function untilRead<T>(what: string, read: () => Promise<T>, agrees: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (agrees(value)) return value;
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

/**
 * A depth-limited channel (Gate.io obu: the top 50) pushes only when the top levels change, so
 * the venue's update id can run ahead of the last push by changes deeper in the book; the levels
 * still agree. A full-depth channel pushes every change: its ids must match exactly.
 */
export function expectIdCovered(streamed: string | number, venue: number, topOfBookOnly: boolean): void {
  const ours = BigInt(streamed);
  const theirs = BigInt(venue);
  if (topOfBookOnly ? ours > theirs : ours !== theirs) {
    throw new Error(`stream at update id ${ours}, venue at ${theirs}${topOfBookOnly ? ' (a stream cannot be ahead of its venue)' : ''}`);
  }
}
