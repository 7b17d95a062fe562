// The simulator in its own process for end-to-end benchmarks: prints its URLs as one JSON line,
// and reports (update id, send time) pairs of depth frames to the parent in batches over IPC.
// process.hrtime is CLOCK_MONOTONIC, shared by every process on the machine.
import { SIMULATED_VENUES } from '@cexgw/venue-sim';

const options = JSON.parse(process.argv[2] ?? '{}');
let batch = [];
const { venue = 'gateio_spot', ...simOptions } = options;
const sim = await SIMULATED_VENUES[venue]({
  ...simOptions,
  onDepthPush: options.reportPushes ? (_symbol, u) => batch.push(u, Number(process.hrtime.bigint() / 1000n)) : undefined,
});
if (options.reportPushes) {
  setInterval(() => {
    if (batch.length === 0) return;
    process.send({ pushes: batch });
    batch = [];
  }, 50);
}
process.send({ ready: { restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl } });
process.on('message', async (message) => {
  if (message === 'stop') {
    if (batch.length) process.send({ pushes: batch });
    await sim.close();
    process.exit(0);
  }
});
