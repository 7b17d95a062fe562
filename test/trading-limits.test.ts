import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError, type OrderRequest } from '@cexgw/adapters';
import { KillSwitch } from '../services/trading/src/kill-switch.js';
import { checkPreTradeLimits, parseAssetLimits, parseSymbolList, type PreTradeLimits } from '../services/trading/src/limits.js';
import { BTC, ETH } from './support/scripted-private-exchange.js';

// The operator's pre-trade limits (PERMISSION_DENIED naming the limit and the values) and the
// kill switch's three ways in (environment at start, a file, SIGUSR2).

const order = (fields: Partial<OrderRequest> = {}): OrderRequest => ({
  symbol: BTC,
  side: 'buy',
  type: 'limit',
  quantity: '0.5',
  price: '60000',
  quoteQuantity: '',
  timeInForce: 'gtc',
  postOnly: false,
  clientOrderId: 'c',
  ...fields,
});

const limits = (fields: Partial<PreTradeLimits>): PreTradeLimits => ({ maxNotional: new Map(), maxQuantity: new Map(), allowedSymbols: undefined, ...fields });

function denial(work: () => unknown): GatewayError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).kind).toBe('permission_denied');
    return error as GatewayError;
  }
  throw new Error('expected PERMISSION_DENIED');
}

describe('pre-trade limits', () => {
  it('parses per-asset and default limits, exactly', () => {
    expect(parseAssetLimits('10000', 'V')).toEqual(new Map([['*', '10000']]));
    expect(parseAssetLimits('usdt:10000.50, BTC:0.5,*:1', 'V')).toEqual(
      new Map([
        ['USDT', '10000.5'],
        ['BTC', '0.5'],
        ['*', '1'],
      ]),
    );
    expect(parseAssetLimits('', 'V').size).toBe(0);
    expect(() => parseAssetLimits('USDT:-1', 'CEXGW_TRADING_MAX_NOTIONAL')).toThrow('CEXGW_TRADING_MAX_NOTIONAL: the USDT limit "-1" is not a decimal number: it must not be negative');
    expect(() => parseAssetLimits('US DT:1', 'V')).toThrow('not ASSET:AMOUNT');
    expect(parseSymbolList('BTC/USDT, eth_usdt,SOL-USDT', 'V')).toEqual(new Set(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']));
    expect(parseSymbolList(' ', 'V')).toBeUndefined();
    expect(() => parseSymbolList('BTCUSDT', 'CEXGW_TRADING_SYMBOLS')).toThrow('CEXGW_TRADING_SYMBOLS: "BTCUSDT" is not a symbol like BTC/USDT');
  });

  it('allows what is within every limit, including exactly at the limit', () => {
    const l = limits({ maxNotional: new Map([['USDT', '30000']]), maxQuantity: new Map([['BTC', '0.5']]), allowedSymbols: new Set(['BTC/USDT']) });
    expect(() => checkPreTradeLimits(order(), l)).not.toThrow();
  });

  it('refuses symbols outside the allow-list', () => {
    const error = denial(() => checkPreTradeLimits(order({ symbol: ETH }), limits({ allowedSymbols: new Set(['BTC/USDT']) })));
    expect(error.message).toBe("ETH/USDT is not in this gateway's symbol allow-list (CEXGW_TRADING_SYMBOLS: BTC/USDT)");
  });

  it('refuses orders above the max notional, computed exactly', () => {
    // 0.1 x 3 is 0.30000000000000004 in floating point: exactly at the limit here, not above.
    expect(() => checkPreTradeLimits(order({ price: '0.1', quantity: '3' }), limits({ maxNotional: new Map([['*', '0.3']]) }))).not.toThrow();
    const error = denial(() => checkPreTradeLimits(order({ price: '60000.01', quantity: '0.5' }), limits({ maxNotional: new Map([['USDT', '30000']]) })));
    expect(error.message).toBe("notional 30000.005 USDT is above this gateway's limit 30000 (CEXGW_TRADING_MAX_NOTIONAL)");
  });

  it('refuses orders above the max quantity, per base asset or by default', () => {
    const perAsset = limits({
      maxQuantity: new Map([
        ['BTC', '0.1'],
        ['*', '100'],
      ]),
    });
    expect(denial(() => checkPreTradeLimits(order({ quantity: '0.1000001' }), perAsset)).message).toBe("quantity 0.1000001 BTC is above this gateway's limit 0.1 (CEXGW_TRADING_MAX_QUANTITY)");
    expect(() => checkPreTradeLimits(order({ symbol: ETH, quantity: '50' }), perAsset)).not.toThrow();
  });

  it('fails closed for market orders whose size cannot be bounded', () => {
    const notional = limits({ maxNotional: new Map([['*', '1000']]) });
    expect(denial(() => checkPreTradeLimits(order({ type: 'market', price: '', side: 'sell' }), notional)).message).toContain('has no price to check against the max notional 1000 USDT');
    expect(() => checkPreTradeLimits(order({ type: 'market', price: '', quantity: '', quoteQuantity: '999' }), notional)).not.toThrow();
    expect(denial(() => checkPreTradeLimits(order({ type: 'market', price: '', quantity: '', quoteQuantity: '1000.01' }), notional)).message).toContain('notional 1000.01 USDT');
    const quantity = limits({ maxQuantity: new Map([['*', '1']]) });
    expect(denial(() => checkPreTradeLimits(order({ type: 'market', price: '', quantity: '', quoteQuantity: '10' }), quantity)).message).toContain('sized by quote_quantity cannot be checked');
  });
});

async function eventually(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('kill switch', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cexgw-kill-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is engaged from start by CEXGW_KILL_SWITCH and refuses with a reason', () => {
    const ks = new KillSwitch({ engagedAtStart: true, file: undefined, pollMs: 1000 });
    expect(ks.engaged).toBe(true);
    expect(() => ks.assertOpen()).toThrow('kill switch engaged: new orders are refused and open orders were cancelled. Engaged because CEXGW_KILL_SWITCH was set at start');
  });

  it('follows the presence of its file: engaged while it exists, released when removed', async () => {
    const file = join(dir, 'venue.kill');
    const ks = new KillSwitch({ engagedAtStart: false, file, pollMs: 20 });
    const changes: boolean[] = [];
    ks.onChange((engaged) => changes.push(engaged));
    ks.start();
    expect(ks.engaged).toBe(false);
    writeFileSync(file, '');
    await eventually(() => ks.engaged);
    expect(ks.reason).toContain(`the file ${file} exists (remove it to release)`);
    rmSync(file);
    await eventually(() => !ks.engaged);
    expect(changes).toEqual([true, false]);
    ks.stop();
  });

  it('is engaged at start when the file already exists', () => {
    const file = join(dir, 'venue.kill');
    writeFileSync(file, '');
    expect(new KillSwitch({ engagedAtStart: false, file, pollMs: 1000 }).engaged).toBe(true);
  });

  it('latches on SIGUSR2: a second signal or the file going away does not release it', () => {
    const file = join(dir, 'venue.kill');
    const ks = new KillSwitch({ engagedAtStart: false, file, pollMs: 1000 });
    const changes: boolean[] = [];
    ks.onChange((engaged) => changes.push(engaged));
    ks.engageBySignal();
    ks.engageBySignal();
    ks.check();
    expect(ks.engaged).toBe(true);
    expect(changes).toEqual([true]);
    expect(ks.reason).toBe('SIGUSR2 was received (restart to release)');
  });
});
