#!/usr/bin/env node
// `npm run bench`: every benchmark in one run, each beside the baselines it is judged against.
import { benchBinanceFrames } from './binance-frames.js';
import { benchClientBook } from './client-book.js';
import { benchEndToEnd } from './end-to-end.js';
import { benchFanOut } from './fan-out.js';
import { benchGateioFrames } from './gateio-frames.js';
import { printIssueTargets } from './issue-targets.js';
import { benchMexcFrames } from './mexc-frames.js';
import { benchTradingFillPath } from './trading-fill-path.js';
import { benchTradingOrderPath } from './trading-order-path.js';

console.log(`cex-gateway benchmarks — node ${process.version}, ${new Date().toISOString()}`);
const gate = benchGateioFrames();
const mexc = await benchMexcFrames();
await benchBinanceFrames();
const endToEnd = await benchEndToEnd();
const fanOut = await benchFanOut();
const order = await benchTradingOrderPath();
const fills = await benchTradingFillPath();
benchClientBook();
printIssueTargets({ gate, mexc, endToEnd, order, fills, fanOut });
process.exit(0);
