import { describe, expect, it } from 'vitest';
import { createExchangeFactory, GatewayError, oneOf, readVenueOptions, wholeNumber } from '../src/index.js';

// Venue options are declared by each venue module and checked when an adapter is built: a typo
// or a bad value is refused with the option's name and what it accepts, never ignored.

const factory = createExchangeFactory();

function refusal(work: () => unknown): GatewayError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a refusal');
}

describe('venue options', () => {
  it('every registered venue declares its options, each with a fallback it accepts', () => {
    for (const id of factory.venueIds()) {
      const module = factory.module(id);
      for (const [name, option] of Object.entries(module.options)) {
        expect(option.read(String(option.fallback)), `${id} ${name}`).toEqual(option.fallback);
      }
    }
  });

  it('builds adapters with the options a venue accepts', () => {
    expect(factory.createPublic('gateio_spot', { options: { book_channel: 'order_book_update', legacy_interval: '20ms' } }).maxStreamDepth).toBe(20);
    expect(factory.createPublic('gateio_spot', { options: { obu_depth: '400' } }).maxStreamDepth).toBe(400);
  });

  it.each([
    ['gateio_spot', { obu_depth: '40' }, 'gateio_spot option obu_depth must be 50 or 400, got "40"'],
    ['gateio_spot', { book_chanel: 'obu' }, 'gateio_spot has no option book_chanel; it takes book_channel, obu_depth, legacy_interval, order_transport'],
    ['mexc_spot', { interval: 'fast' }, 'mexc_spot option interval must be "100ms" or "10ms", got "fast"'],
    ['gateio_futures', { position_poll_ms: 'NaN' }, 'gateio_futures option position_poll_ms must be a whole number from 100 to 3600000, or 0 (off), got "NaN"'],
    ['gateio_futures', { order_transport: 'websocket' }, 'gateio_futures option order_transport must be "rest" or "ws", got "websocket"'],
  ])('refuses %s %j: %s', (venue, options, message) => {
    const error = refusal(() => factory.createPublic(venue, { options }));
    expect(error.kind).toBe('invalid_argument');
    expect(error.message).toBe(message);
  });

  it('reads whole numbers within their range only, and 0 as off where the option allows it', () => {
    const table = { poll: wholeNumber(100, 1000, 500, { zeroMeansOff: true }), mode: oneOf(['a', 'b'], 'a') };
    expect(readVenueOptions('v', table, {})).toEqual({ poll: 500, mode: 'a' });
    expect(readVenueOptions('v', table, { poll: '0', mode: 'b' })).toEqual({ poll: 0, mode: 'b' });
    for (const bad of ['99', '1001', '1e3', '-5', '2.5', '0x10']) {
      expect(() => readVenueOptions('v', table, { poll: bad })).toThrow('v option poll must be a whole number from 100 to 1000, or 0 (off)');
    }
  });
});
