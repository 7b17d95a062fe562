import { defineConfig } from 'vitest/config';

// `npm run test:containers`: the deployment run for real (test/containers/). One file at a time:
// the compose file publishes fixed ports, and an image build or nine containers fill two cores.
export default defineConfig({
  test: {
    include: ['test/containers/**/*.test.ts'],
    globalSetup: ['test/containers/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 1_200_000,
    reporters: ['default'],
    // Ryuk (testcontainers' reaper) is an image from a registry; the tests stop what they start,
    // and the global teardown sweeps what a failed run left.
    env: { TESTCONTAINERS_RYUK_DISABLED: 'true' },
  },
});
