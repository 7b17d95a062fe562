#!/usr/bin/env node
// `npm run bench`: every benchmark in one run, each beside the baselines it is judged against.
import { benchClientBook } from './client-book.js';
import { benchEndToEnd } from './end-to-end.js';
import { benchFanOut } from './fan-out.js';
import { benchGateioFrames } from './gateio-frames.js';
import { benchMexcFrames } from './mexc-frames.js';
import { benchTradingFillPath } from './trading-fill-path.js';
import { benchTradingOrderPath } from './trading-order-path.js';

console.log(`cex-gateway benchmarks — node ${process.version}, ${new Date().toISOString()}`);
benchGateioFrames();
await benchMexcFrames();
await benchEndToEnd();
await benchFanOut();
await benchTradingOrderPath();
await benchTradingFillPath();
benchClientBook();
process.exit(0);
