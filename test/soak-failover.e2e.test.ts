import { describe, expect, it } from 'vitest';
import { launch } from './support/processes.js';

// The failover soak, short: each trading service as an active/standby pair on a throwaway
// PostgreSQL cluster, while the active instances are killed -9, frozen past their lease
// (SIGSTOP) and cut off from the database, among the venue faults of the plain soak. It fails
// unless every venue fill reached the streams exactly once, no client order id was placed twice,
// every failover completed, and every book is equal. `npm run soak -- --failover --duration 10m`
// is the long version.

describe('fault soak with active/standby pairs (short)', () => {
  it('loses no fill, doubles none, places no client order id twice, and always fails over', async () => {
    const soak = launch(['soak/dist/main.js', '--failover', '--duration', '45s', '--seed', '21', '--fault-every-ms', '700', '--port-base', '25000']);
    const code = await new Promise<number | null>((resolve) => soak.child.once('exit', resolve));
    const output = soak.output();
    expect(output, output).toContain('PASS: nothing lost, nothing doubled, every book equal');
    expect(code, output).toBe(0);
    // At least one failover happened and was timed.
    expect(output).toMatch(/^all\s+[1-9]\d*\s+\d+ ms\s+\d+ ms/m);
  }, 420_000);
});
