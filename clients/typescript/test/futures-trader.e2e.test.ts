import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, MarginMode, OrderStatus, PositionSide, Trader, UnimplementedError } from '@cexgw/client';
import { startSim, startTrading, TEST_CLIENT_TOKEN, type ServiceHandle, type SimHandle } from '../../../test/support/processes.js';

// Trader's futures calls against the real trading service of the simulated Gate.io USDT
// perpetuals venue: leverage, an order sized in contracts, the position it opens (checked against
// the venue's own account), ClosePosition idempotent by client order id, the margin balance.

describe('Trader futures calls on gateio_futures', () => {
  let sim: SimHandle;
  let service: ServiceHandle;
  let trader: Trader;

  beforeAll(async () => {
    sim = await startSim('gateio_futures', ['--seed', '17', '--symbols', 'BTC_USDT', '--flow-rate', '0', '--liquidation-interval-ms', '0']);
    service = await startTrading('gateio_futures', sim, mkdtempSync(join(tmpdir(), 'cexgw-client-futures-')), { CEXGW_GATEIO_FUTURES_POSITION_POLL_MS: '300' });
    trader = new Trader({ endpoint: { addresses: service.address, token: TEST_CLIENT_TOKEN } });
  });

  afterAll(async () => {
    trader?.close();
    await service?.stop();
    await sim?.stop();
  });

  const venueSize = async () => {
    const account = await sim.control<{ positions?: Array<{ contract: string; size: number | string }> }>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    return String(account.positions?.find((p) => p.contract === 'BTC_USDT')?.size ?? '0');
  };

  it('sets leverage, opens a position in contracts, reads it back, and closes it once', async () => {
    expect(await trader.setLeverage({ symbol: 'BTC/USDT', leverage: 5, marginMode: 'isolated' })).toMatchObject({ leverage: 5, marginMode: MarginMode.MARGIN_MODE_ISOLATED });
    await expect(trader.setLeverage({ symbol: 'BTC/USDT', leverage: 100_000 })).rejects.toBeInstanceOf(InvalidArgumentError);

    const opened = await trader.placeFutures({ symbol: 'BTC/USDT', side: 'buy', type: 'market', contracts: '10' });
    expect(opened.contracts).toBe('10');
    expect(opened.order?.status).toBe(OrderStatus.ORDER_STATUS_FILLED);
    expect(await venueSize()).toBe('10');
    const [position] = await trader.positions('BTC/USDT');
    expect(position).toMatchObject({ side: PositionSide.POSITION_SIDE_LONG, contracts: '10', leverage: 5 });

    const clientOrderId = `close${Date.now().toString(36)}`;
    const closed = await trader.closePosition({ symbol: 'BTC/USDT', clientOrderId });
    const again = await trader.closePosition({ symbol: 'BTC/USDT', clientOrderId }); // a retry: the same order, not a second
    expect(again.order?.orderId).toBe(closed.order?.orderId);
    expect(closed.reduceOnly).toBe(true);
    expect(await venueSize()).toBe('0');
    const after = await trader.positions('BTC/USDT');
    expect(after.every((p) => p.side === PositionSide.POSITION_SIDE_FLAT && p.contracts === '0')).toBe(true);

    const balance = await trader.futuresBalance();
    expect(balance.asset).toBe('USDT');
    expect(balance.total).toMatch(/^\d+(\.\d+)?$/);
  });

  it('types a spot-only process answering a futures call', async () => {
    const spotSim = await startSim('gateio_spot', ['--seed', '2', '--symbols', 'BTC_USDT', '--flow-rate', '0']);
    const spot = await startTrading('gateio_spot', spotSim, mkdtempSync(join(tmpdir(), 'cexgw-client-spot-')));
    const spotTrader = new Trader({ endpoint: { addresses: spot.address, token: TEST_CLIENT_TOKEN } });
    try {
      await expect(spotTrader.futuresBalance()).rejects.toBeInstanceOf(UnimplementedError);
    } finally {
      spotTrader.close();
      await spot.stop();
      await spotSim.stop();
    }
  });
});
