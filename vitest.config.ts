import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['libs/*/test/**/*.test.ts', 'clients/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // The deployment under a Docker engine: npm run test:containers (vitest.containers.config.ts).
    exclude: ['**/node_modules/**', 'test/containers/**'],
    // A failure bound only: end-to-end tests run several venue round trips each, and on two loaded
    // cores (two files of processes at once) the slowest take 20-30 s.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Two cores: end-to-end files start real processes, so run at most two files at once.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
