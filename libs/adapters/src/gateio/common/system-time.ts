import { WireReader } from '../../core/wire-read.js';

/** GET /spot/time (gate-api SystemTime): the venue's clock in milliseconds. */
export interface WireSystemTime {
  server_time: number;
}

const read = new WireReader('gateio');

export function serverTimeMs(wire: WireSystemTime): number {
  return read.millis(wire.server_time, 'a server time');
}
