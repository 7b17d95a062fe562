// The latency edge's figures (issue 12) in one table at the end of `npm run bench`: each the
// ratio or difference against a baseline measured in the same run, beside its target.
export function printIssueTargets({ gate, mexc, endToEnd, order, fills, fanOut }) {
  const rows = [];
  const row = (path, figure, target, met) => rows.push({ path, figure, target, met });
  const hop = endToEnd.gateway.p50 - endToEnd.websocket.p50;
  const p99Ratio = endToEnd.gateway.p99 / endToEnd.websocket.p99;
  row('end to end at 10k/s: hop over a plain websocket client', `p50 +${hop.toFixed(0)} µs, p99 ${p99Ratio.toFixed(2)}x`, 'p50 +100 µs, p99 1.3x', hop <= 100 && p99Ratio <= 1.3);
  const { vsFloor: gateFloor, vsCcxt: gateCcxt } = gate;
  row('Gate obu frame -> OrderBookUpdate bytes', `${gateFloor.toFixed(2)}x JSON.parse, ${gateCcxt.toFixed(1)}x ccxt`, '0.6x, 5x', gateFloor >= 0.6 && gateCcxt >= 5);
  const { vsFloor: mexcFloor, vsCcxt: mexcCcxt } = mexc;
  row('MEXC depth frame -> OrderBookUpdate bytes', `${mexcFloor.toFixed(2)}x protobuf decode, ${mexcCcxt.toFixed(1)}x ccxt`, '0.6x, 5x', mexcFloor >= 0.6 && mexcCcxt >= 5);
  const orderP99 = order.order.p99 / order.http.p99;
  row(
    'order path: PlaceOrder received -> request leaves',
    `p50 ${order.order.p50.toFixed(0)} µs, p99 ${orderP99.toFixed(2)}x the HTTP floor`,
    'p50 80 µs, p99 1.5x',
    order.order.p50 <= 80 && orderP99 <= 1.5,
  );
  const wsRatio = order.ws.arrival.p50 / order.ws.rest.p50;
  row("orders over Gate's websocket API vs REST (received -> at the venue)", `p50 ${order.ws.arrival.p50.toFixed(0)} µs, ${wsRatio.toFixed(2)}x REST`, 'below REST', wsRatio < 1);
  const fillRatio = fills.journaled.p50 / fills.floor.p50;
  row('fill path to a gRPC client (journal NORMAL)', `p50 ${fills.journaled.p50.toFixed(0)} µs, ${fillRatio.toFixed(2)}x no journal`, 'p50 1.3x', fillRatio <= 1.3);
  const hundred = fanOut.rows.at(-1);
  const kept = hundred.perSecond / hundred.count / fanOut.rows[0].perSecond;
  row('100 subscribers of one book at 10k/s', `each ${(kept * 100).toFixed(0)} % of a lone subscriber, ${hundred.resets} resets`, 'keep up', kept >= 0.95 && hundred.resets === 0);
  const kb = Math.max(...Object.values(fanOut.wide).map((r) => r.kbPerSymbol));
  row('memory per streamed symbol (500 symbols)', `${kb.toFixed(0)} KB`, '< 100 KB', kb < 100);
  console.log('\nIssue 12 targets (each against its baseline in this run)');
  for (const r of rows) console.log(`  ${r.met ? 'met ' : 'MISS'} ${r.path.padEnd(58)}${r.figure.padEnd(44)}target ${r.target}`);
}
