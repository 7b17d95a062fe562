import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBookAndOrder, runExample, startExampleGateway, type ExampleGateway } from './support/example-clients.js';
import { buildGoExample, goToolchain } from './support/tools.js';

// The API is language-neutral: examples/go, a Go client generated from the .proto files alone
// (examples/go/generate.sh), streams the venue's book and places, reads back and cancels an order.
// The first run downloads Go modules from the module proxy and builds the generators (about half
// a minute); Go's caches make later runs take a second.

const toolchain = goToolchain();

describe.skipIf(!toolchain.go)(`Go client (examples/go)${toolchain.reason ? ` (skipped: ${toolchain.reason})` : ''}`, () => {
  let binary: string;
  let gateway: ExampleGateway;

  beforeAll(async () => {
    binary = await buildGoExample(toolchain.go!);
    gateway = await startExampleGateway();
  }, 600_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  const flags = () => ['-market-data', gateway.marketData.address, '-trading', gateway.trading.address, '-symbol', 'BTC/USDT'];

  it('holds the venue book from snapshot and deltas, then places, reads back and cancels an order at the venue', async () => {
    const run = await runExample(gateway, binary, [...flags(), '-duration', '4s', '-client-order-id', 'go-example-1']);
    await expectBookAndOrder(gateway, run, 'go-example-1');
  }, 60_000);

  it('prints the code, details and cexgw-* trailers of a refused call, and exits 1', async () => {
    const unknown = await runExample(gateway, binary, [...flags(), '-symbol', 'NOPE/USDT']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^StreamOrderBook failed: NotFound: .*NOPE\/USDT/m);
    expect(unknown.stderr).toMatch(/^ {2}cexgw-error-class: not_found$/m);
    expect(unknown.stderr).toMatch(/^ {2}cexgw-venue: gateio_spot$/m);

    const badToken = await runExample(gateway, binary, [...flags(), '-duration', '500ms'], 'not-the-gateway-token');
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/^PlaceOrder failed: Unauthenticated: /m);
    expect(badToken.stderr).toMatch(/^ {2}cexgw-error-class: unauthenticated$/m);
  }, 60_000);
});
