import GateApi from 'gate-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateioFuturesSim, type GateioFuturesSim } from '@cexgw/venue-sim';
import { GatewayError } from '../src/core/errors.js';
import { createExchangeFactory } from '../src/venues.js';

// The gateway trades single position mode only. An account switched to dual (hedge) mode, here
// with Gate's own SDK as its owner would, is refused at start with a reason an operator can act
// on, instead of every order failing later with POSITION_DUAL_MODE.

const noListener = { onOrder: () => {}, onFill: () => {}, onBalances: () => {}, onStreamState: () => {}, onPosition: () => {} };

describe('Gate.io futures position mode at start', () => {
  let sim: GateioFuturesSim;
  let api: InstanceType<typeof GateApi.FuturesApi>;

  beforeAll(async () => {
    sim = await startGateioFuturesSim({ seed: 11, symbols: ['BTC_USDT'], flowRatePerSec: 0, liquidationIntervalMs: 0, indexTickMs: 0 });
    const client = new GateApi.ApiClient(sim.restBaseUrl);
    client.setApiKeySecret(sim.apiKey, sim.apiSecret);
    api = new GateApi.FuturesApi(client);
  });
  afterAll(async () => sim?.close());

  const adapter = () => createExchangeFactory().createPrivate('gateio_futures', { restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl, credentials: { apiKey: sim.apiKey, apiSecret: sim.apiSecret } });

  it('refuses an account in dual mode, naming the mode and how to leave it, and starts once it is single again', async () => {
    expect((await api.setDualMode('usdt', true)).body.inDualMode).toBe(true);
    const refused = adapter();
    const error = await refused.start(noListener).then(
      () => undefined,
      (e: unknown) => e,
    );
    await refused.close();
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'venue_rejected', venueCode: 'POSITION_DUAL_MODE' });
    expect((error as Error).message).toMatch(/dual position mode.*single position mode only.*dual_mode=false/);

    expect((await api.setDualMode('usdt', false)).body.inDualMode).toBe(false);
    const accepted = adapter();
    await accepted.start(noListener);
    await accepted.close();
  });
});
