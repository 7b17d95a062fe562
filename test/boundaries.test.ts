import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

// The import boundaries of .dependency-cruiser.cjs (run on the repository by `npm run lint`) must
// bite: each rule is run here on a small tree laid out like the repository that breaks it once,
// and on one that keeps every rule, which must pass.

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[]; options: ICruiseOptions };
const trees: string[] = [];

afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

/** The rule names broken in a tree of TypeScript files (path -> the modules it imports). */
async function broken(files: Record<string, string[]>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'cexgw-boundaries-'));
  trees.push(root);
  for (const [path, imports] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    const body = imports.map((target, i) => `import type { T${i} } from '${target}';`).join('\n');
    writeFileSync(join(root, path), `${body}\nexport type T = 1;\n${imports.map((_, i) => `export type U${i} = T${i};`).join('\n')}\n`);
  }
  const tops = [...new Set(Object.keys(files).map((path) => path.split('/')[0]!))];
  // Paths are reported relative to baseDir, as the rules expect them.
  const { output } = await cruise(tops, { ...config.options, baseDir: root, ruleSet: { forbidden: config.forbidden }, validate: true });
  return [...new Set((output as ICruiseResult).summary.violations.map((v) => v.rule.name))].sort();
}

const leaf: string[] = [];

describe('import boundaries', () => {
  it('keep a tree laid out as the repository is: core below venues, markets sharing their exchange common, services on the package', async () => {
    expect(
      await broken({
        'libs/adapters/src/core/errors.ts': leaf,
        'libs/adapters/src/gateio/common/router.ts': ['../../core/errors.js'],
        'libs/adapters/src/gateio/spot/public.ts': ['../common/router.js', '../../core/errors.js', './wire.js'],
        'libs/adapters/src/gateio/spot/wire.ts': leaf,
        'libs/adapters/src/gateio/futures/public.ts': ['../common/router.js'],
        'libs/adapters/src/gateio/index.ts': ['./spot/public.js', './futures/public.js'],
        'libs/adapters/src/venues.ts': ['./gateio/index.js'],
        'libs/venue-sim/src/engine/book.ts': leaf,
        'libs/venue-sim/src/common/sim-venue.ts': ['../engine/book.js'],
        'libs/venue-sim/src/gateio/common/ws-server.ts': ['../../common/sim-venue.js'],
        'libs/venue-sim/src/gateio/futures/sim.ts': ['../common/ws-server.js'],
        'services/trading/src/app.ts': ['../../other/src/x.js'],
        'services/other/src/x.ts': leaf,
      }),
    ).toEqual([]);
  });

  it('refuse core importing a venue (adapters and simulators)', async () => {
    expect(await broken({ 'libs/adapters/src/core/factory.ts': ['../mexc/spot/public.js'], 'libs/adapters/src/mexc/spot/public.ts': leaf })).toEqual(['core-imports-no-venue']);
    expect(await broken({ 'libs/adapters/src/core/factory.ts': ['../venues.js'], 'libs/adapters/src/venues.ts': leaf })).toEqual(['core-imports-no-venue']);
    expect(await broken({ 'libs/venue-sim/src/engine/accounts.ts': ['../gateio/common/auth.js'], 'libs/venue-sim/src/gateio/common/auth.ts': leaf })).toEqual(['core-imports-no-venue']);
  });

  it('refuse one exchange importing another', async () => {
    expect(await broken({ 'libs/adapters/src/mexc/spot/private.ts': ['../../gateio/common/auth.js'], 'libs/adapters/src/gateio/common/auth.ts': leaf })).toEqual(['venue-imports-no-other-exchange']);
    expect(await broken({ 'libs/venue-sim/src/gateio/spot/sim.ts': ['../../mexc/spot/catalogue.js'], 'libs/venue-sim/src/mexc/spot/catalogue.ts': leaf })).toEqual(['venue-imports-no-other-exchange']);
  });

  it('refuse a market importing its sibling market instead of their common/', async () => {
    expect(await broken({ 'libs/adapters/src/gateio/futures/public.ts': ['../spot/router.js'], 'libs/adapters/src/gateio/spot/router.ts': leaf })).toEqual(['market-imports-no-other-market']);
    expect(await broken({ 'libs/venue-sim/src/gateio/futures/ws-server.ts': ['../spot/private-auth.js'], 'libs/venue-sim/src/gateio/spot/private-auth.ts': leaf })).toEqual([
      'market-imports-no-other-market',
    ]);
  });

  it("refuse an exchange's common/ importing one of its markets", async () => {
    expect(await broken({ 'libs/adapters/src/gateio/common/router.ts': ['../spot/wire.js'], 'libs/adapters/src/gateio/spot/wire.ts': leaf })).toEqual(['exchange-common-imports-no-market']);
  });

  it("refuse services and tools reaching into the adapter library's files", async () => {
    expect(await broken({ 'services/trading/src/app.ts': ['../../../libs/adapters/src/core/errors.js'], 'libs/adapters/src/core/errors.ts': leaf })).toEqual(['adapters-only-through-their-entry']);
    expect(await broken({ 'libs/grpc/src/status.ts': ['../../adapters/src/gateio/spot/public.js'], 'libs/adapters/src/gateio/spot/public.ts': leaf })).toEqual(['adapters-only-through-their-entry']);
  });

  it('refuse import cycles, type-only ones included', async () => {
    expect(await broken({ 'libs/venue-sim/src/gateio/futures/context.ts': ['./risk.js'], 'libs/venue-sim/src/gateio/futures/risk.ts': ['./context.js'] })).toEqual(['no-circular']);
  });
});
