import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['libs/*/test/**/*.test.ts', 'clients/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 300_000,
    // Two cores: end-to-end files start real processes, so run at most two files at once.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
