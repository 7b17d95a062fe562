import { describe, expect, it } from 'vitest';
import { launch } from './support/processes.js';

// The fault soak, short: all six services on the simulated venues with flow, our own orders and
// a seeded fault every 700 ms (dropped sockets, 1005 closes, sequence gaps, 429/5xx, slow
// answers, clock skew, trading services SIGKILLed and restarted, fill clients resuming). It
// fails unless every venue fill reached the streams exactly once and every book is equal.
// `npm run soak -- --duration 10m` is the long version.

// Gate.io orders over REST, then over Gate's websocket API (with lost websocket answers among the faults).
describe.each(['rest', 'ws'])('fault soak (short), Gate.io orders over %s', (transport) => {
  it('loses nothing, doubles nothing, and every book rebuilt from the streams equals its venue', async () => {
    const soak = launch([
      'soak/dist/main.js',
      '--duration',
      transport === 'ws' ? '20s' : '30s',
      '--seed',
      '11',
      '--fault-every-ms',
      '700',
      '--gate-order-transport',
      transport,
      '--port-base',
      transport === 'ws' ? '23000' : '21000',
    ]);
    const code = await new Promise<number | null>((resolve) => soak.child.once('exit', resolve));
    const output = soak.output();
    expect(output, output).toContain('PASS: nothing lost, nothing doubled, every book equal');
    expect(code, output).toBe(0);
    expect(output).toMatch(/total\s+\d+/);
  }, 300_000);
});
