import { seededRandom } from './prng.js';

// Deterministic Gate.io spot.obu frames in the venue's exact shape: one `full` snapshot of
// 50 levels a side, then deltas whose U..u continue the previous u, each changing 1-4 levels
// (sets, removals with "0", and levels entering from below).
export function makeObuFrames(count, seed = 1) {
  const random = seededRandom(seed);
  const stream = 'ob.BTC_USDT.50';
  const qty = () => (random() * 2).toFixed(4);
  const bidPrice = (i) => (65000 - i * 0.1).toFixed(1);
  const askPrice = (i) => (65000.1 + i * 0.1).toFixed(1);
  let u = 73777715168;
  let t = 1747054612673;
  const levels = (price) => Array.from({ length: 50 }, (_, i) => [price(i), qty()]);
  const full = JSON.stringify({ channel: 'spot.obu', result: { t, full: true, s: stream, u, b: levels(bidPrice), a: levels(askPrice) }, time_ms: t + 1 });
  const deltas = [];
  for (let n = 0; n < count; n++) {
    const changes = 1 + Math.floor(random() * 4);
    const b = [];
    const a = [];
    for (let c = 0; c < changes; c++) {
      const side = random() < 0.5 ? b : a;
      const index = Math.floor(random() * 55);
      const price = side === b ? bidPrice(index) : askPrice(index);
      side.push([price, random() < 0.2 ? '0' : qty()]);
    }
    const U = u + 1;
    u = U + changes - 1;
    t += 1;
    deltas.push(JSON.stringify({ channel: 'spot.obu', result: { t, s: stream, U, u, b, a }, time_ms: t + 1 }));
  }
  return { full, deltas };
}
