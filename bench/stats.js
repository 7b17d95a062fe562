/** Percentile of a sorted Float64Array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Runs `handle` over every frame `rounds` times: the best round's throughput, and per-message
 * latency (p50/p99 in µs) from a separate timed pass so timers do not distort throughput.
 */
export function measure(name, frames, prepare, handle, rounds = 5) {
  let bestRate = 0;
  for (let r = 0; r < rounds; r++) {
    prepare();
    const start = process.hrtime.bigint();
    for (let i = 0; i < frames.length; i++) handle(frames[i]);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    bestRate = Math.max(bestRate, frames.length / seconds);
  }
  prepare();
  const samples = new Float64Array(frames.length);
  for (let i = 0; i < frames.length; i++) {
    const start = process.hrtime.bigint();
    handle(frames[i]);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  return { name, rate: bestRate, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export function printTable(title, rows, baseline) {
  console.log(`\n${title}`);
  console.log('  path'.padEnd(46) + 'msgs/s'.padStart(12) + 'p50 µs'.padStart(10) + 'p99 µs'.padStart(10) + `  vs ${baseline.name}`);
  for (const row of rows) {
    console.log(
      `  ${row.name}`.padEnd(46) +
        Math.round(row.rate).toLocaleString('en-US').padStart(12) +
        row.p50.toFixed(2).padStart(10) +
        row.p99.toFixed(2).padStart(10) +
        `  ${(row.rate / baseline.rate).toFixed(2)}x`,
    );
  }
}

function timePass(frames, handle) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < frames.length; i++) handle(frames[i]);
  return Number(process.hrtime.bigint() - start);
}

/**
 * How many times faster `subject` handles the frames than `baseline`: the median over `rounds`
 * of the two timed back to back. Other work on the machine slows both passes of a round alike,
 * so this ratio moves far less under load than two best-of figures taken minutes apart.
 * Each side is `{ prepare, handle }` as measure() takes them.
 */
export function medianSpeedRatio(frames, subject, baseline, rounds = 9) {
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    subject.prepare();
    const subjectNs = timePass(frames, subject.handle);
    baseline.prepare();
    ratios.push(timePass(frames, baseline.handle) / subjectNs);
  }
  ratios.sort((a, b) => a - b);
  return ratios[rounds >> 1];
}
