import { describe, expect, it } from 'vitest';
import { createExchangeFactory } from '@cexgw/adapters';
import { defaultAddress, defaultPort, DEFAULT_PORTS } from '../src/default-ports.js';

describe('default ports', () => {
  it('give every registered venue a market-data and a trading port, none shared', () => {
    const ids = createExchangeFactory().venueIds();
    expect(Object.keys(DEFAULT_PORTS).sort()).toEqual([...ids].sort());
    const ports = ids.flatMap((id) => [defaultPort(id, 'marketData'), defaultPort(id, 'trading')]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('move together with a port base (npm start --port-base)', () => {
    expect(defaultAddress('gateio_spot', 'marketData')).toBe('127.0.0.1:50052');
    expect(defaultAddress('gateio_futures', 'trading')).toBe('127.0.0.1:50063');
    expect(defaultPort('mexc_spot', 'trading', 51050)).toBe(51061);
  });

  it('say where to add a venue that has none', () => {
    expect(() => defaultPort('okx_spot', 'marketData')).toThrow('okx_spot has no default port: set CEXGW_GRPC_ADDRESS, or give the venue a row in libs/grpc/src/default-ports.ts');
  });
});
