import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { kebabCaseFiles } from '../scripts/eslint/kebab-case-files.js';

// The repository's file-name rule (eslint.config.js): kebab-case, dot-separated parts allowed.

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

new RuleTester().run('kebab-case-files', kebabCaseFiles, {
  valid: ['order-book.ts', 'gateio-spot.ws.test.ts', 'engine.depth-diff.test.ts', 'index.ts', '.dependency-cruiser.cjs', 'e2e.js'].map((name) => ({
    code: 'const a = 1;',
    filename: `/repo/libs/x/${name}`,
  })),
  invalid: [
    ['wsServer.ts', 'ws-server.ts'],
    ['topNDiffer.test.ts', 'top-n-differ.test.ts'],
    ['private_format.ts', 'private-format.ts'],
  ].map(([name, suggestion]) => ({ code: 'const a = 1;', filename: `/repo/libs/venue-sim/src/${name}`, errors: [{ messageId: 'notKebab', data: { name, suggestion } }] })),
});
