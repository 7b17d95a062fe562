import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeInBatches } from '../src/batched-writes.js';

/** A call shaped like grpc-js's: object mode, `_write` only, each write completing later, when the test says. */
function fakeCall() {
  const handed: string[] = [];
  const completions: Array<() => void> = [];
  const call = new Writable({
    objectMode: true,
    write(chunk: string, _encoding, callback) {
      handed.push(chunk);
      completions.push(() => callback());
    },
  });
  const completeNext = () => completions.shift()!();
  return { call, handed, completeNext, inFlight: () => completions.length };
}

describe('writeInBatches', () => {
  it('hands everything that queued behind an in-flight write on at once, in order', async () => {
    const { call, handed, completeNext, inFlight } = fakeCall();
    writeInBatches(call);
    for (const message of ['a', 'b', 'c', 'd']) call.write(message);
    expect(handed).toEqual(['a']); // the rest waits for the first write, as before
    completeNext();
    await new Promise((resolve) => setImmediate(resolve));
    expect(handed).toEqual(['a', 'b', 'c', 'd']); // one batch, not one message per completed write
    expect(inFlight()).toBe(3);
    const drained = new Promise((resolve) => call.once('drain', resolve));
    for (let i = 0; i < 16; i++) call.write(`x${i}`); // past the high-water mark: 'drain' must follow
    completeNext();
    completeNext();
    completeNext();
    await new Promise((resolve) => setImmediate(resolve));
    expect(handed.length).toBe(20);
    while (inFlight() > 0) completeNext();
    await drained;
  });

  it('without it a Writable feeds one message per completed write (the behaviour it replaces)', async () => {
    const { call, handed, completeNext } = fakeCall();
    for (const message of ['a', 'b', 'c']) call.write(message);
    completeNext();
    await new Promise((resolve) => setImmediate(resolve));
    expect(handed).toEqual(['a', 'b']);
  });
});
