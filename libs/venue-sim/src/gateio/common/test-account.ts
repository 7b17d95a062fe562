/**
 * The simulator's documented test key (Gate APIv4 keys are 32 hex digits, secrets 64). Accepted
 * by default; `apiKeys` / `--api-key KEY:SECRET` replace it.
 */
export const GATE_TEST_API_KEY = {
  apiKey: '5e1ec7ab1e5a1d0c0ffee5151a7e0001',
  apiSecret: '5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e0001',
} as const;
