// Preloaded into the market-data service by the end-to-end bench (node --import): times each
// StreamOrderBook message through the gRPC write path (frame receipt -> call.write -> grpc-js
// hands it to HTTP/2 -> HTTP/2 done with it), watches the event loop, the GC and the CPU, and
// writes one JSON report to $HOP_PROBE_OUT on SIGTERM. It only observes: the service runs its
// normal code. The write path is read through grpc-js internals, so it follows grpc-js 1.x.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';

// grpc-js is CommonJS: its modules are loaded into the same cache the service's import uses.
const load = createRequire(import.meta.url);
const serverCall = load('@grpc/grpc-js/build/src/server-call.js');
const interceptors = load('@grpc/grpc-js/build/src/server-interceptors.js');

const nowUs = () => (performance.timeOrigin + performance.now()) * 1000;
const stamps = new WeakMap(); // chunk -> [call.write µs]
const queued = []; // call.write -> _write (waited in grpc-js's Writable buffer)
const flushed = []; // sendMessage -> its callback (http2 stream write done)
const receipt = []; // frame receipt (received_timestamp_us in the message) -> call.write
let started = false;
setTimeout(() => (started = true), Number(process.env.PROBE_WARMUP_MS ?? 1500)).unref();

function receivedUsOf(buffer) {
  // received_timestamp_us is the last field (tag 80): a varint at the end of the message.
  const at = buffer.lastIndexOf(80, buffer.length - 6);
  if (at < 0) return 0;
  let value = 0;
  let scale = 1;
  for (let i = at + 1; i < buffer.length; i++) {
    value += (buffer[i] & 0x7f) * scale;
    if (buffer[i] < 0x80) return i === buffer.length - 1 ? value : 0;
    scale *= 128;
  }
  return 0;
}

const Writable = serverCall.ServerWritableStreamImpl.prototype;
const write = Writable.write;
Writable.write = function (chunk, ...rest) {
  if (started && Buffer.isBuffer(chunk)) {
    const now = nowUs();
    const received = receivedUsOf(chunk);
    if (received) receipt.push(now - received);
    stamps.set(chunk, now);
  }
  return write.call(this, chunk, ...rest);
};
const _write = Writable._write;
Writable._write = function (chunk, encoding, callback) {
  const at = stamps.get(chunk);
  if (at !== undefined) queued.push(nowUs() - at);
  return _write.call(this, chunk, encoding, callback);
};
const Base = interceptors.BaseServerInterceptingCall.prototype;
const sendMessage = Base.sendMessage;
Base.sendMessage = function (message, callback) {
  if (!started) return sendMessage.call(this, message, callback);
  const at = nowUs();
  return sendMessage.call(this, message, () => {
    flushed.push(nowUs() - at);
    callback();
  });
};

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const gc = { scavenges: 0, scavengeMs: 0, major: 0, majorMs: 0, maxPauseMs: 0 };
new PerformanceObserver((list) => {
  if (!started) return;
  for (const entry of list.getEntries()) {
    const minor = entry.detail?.kind === 1; // NODE_PERFORMANCE_GC_MINOR
    if (minor) {
      gc.scavenges++;
      gc.scavengeMs += entry.duration;
    } else {
      gc.major++;
      gc.majorMs += entry.duration;
    }
    gc.maxPauseMs = Math.max(gc.maxPauseMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
const cpuAtStart = { value: undefined, at: 0 };
setTimeout(
  () => {
    cpuAtStart.value = process.cpuUsage();
    cpuAtStart.at = performance.now();
    loop.reset();
  },
  Number(process.env.PROBE_WARMUP_MS ?? 1500),
).unref();

function pct(values, p) {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const summary = (values) => ({ n: values.length, p50: pct(values, 50), p99: pct(values, 99), max: pct(values, 100) });

process.prependListener('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtStart.value);
  const wallMs = performance.now() - cpuAtStart.at;
  const report = {
    receiptToWrite: summary(receipt),
    writableQueue: summary(queued),
    writeToFlushed: summary(flushed),
    loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    gc,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    wallMs,
    heapMb: process.memoryUsage().heapUsed / 1048576,
    rssMb: process.memoryUsage().rss / 1048576,
  };
  writeFileSync(process.env.HOP_PROBE_OUT, JSON.stringify(report));
});
