#!/usr/bin/env node
// npm run test:live: the live smoke suite (the specification's "run with live credentials").
// Every venue is checked at once; the report goes to stdout when all are done, progress to
// stderr. Whatever happens, the outcome is a report and an exit code, never a stack trace.
import { createExchangeFactory, symbolKey } from '@cexgw/adapters';
import { parseOptions, UsageError, USAGE, type SmokeOptions } from './options.js';
import { cancelOutstandingOrders } from './private-checks.js';
import { oneLine, VenueReport } from './report.js';
import { runVenue } from './run-venue.js';
import { LIVE_TRADING_FLAG, liveTarget, simTarget, type VenueTarget } from './targets.js';
import { SMOKE_VENUES, type SmokeVenue } from './venues.js';

const EXIT = { passed: 0, failed: 1, usage: 2, unreachable: 3 } as const;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function checkVenue(venue: SmokeVenue, options: SmokeOptions): Promise<VenueReport> {
  const report = new VenueReport(venue.id, symbolKey(options.symbol));
  let target: VenueTarget;
  try {
    const module = createExchangeFactory().module(venue.id);
    target = options.target === 'live' ? liveTarget(venue, module, process.env) : await simTarget(venue, options.symbol);
  } catch (error) {
    report.fail('setup', oneLine(error));
    return report;
  }
  try {
    await runVenue(venue, target, options, report, progress);
  } catch (error) {
    report.fail('run', oneLine(error));
  } finally {
    await target.close().catch((error) => report.fail('simulator shutdown', oneLine(error)));
  }
  return report;
}

function header(options: SmokeOptions): string {
  const privatePart = options.target === 'sim' ? "on the simulators' test keys" : process.env[LIVE_TRADING_FLAG] === '1' ? 'where keys are given' : `off (${LIVE_TRADING_FLAG} is not 1)`;
  return `cex-gateway smoke suite: target ${options.target}, ${symbolKey(options.symbol)} on ${options.venues.join(', ')}, book kept ${options.durationMs / 1000} s, private part ${privatePart}`;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: SmokeOptions;
  try {
    const parsed = parseOptions(
      argv,
      SMOKE_VENUES.map((v) => v.id),
    );
    if (parsed === 'help') {
      console.log(USAGE);
      return EXIT.passed;
    }
    options = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`test:live: ${error.message}`);
    return EXIT.usage;
  }
  console.log(header(options));
  const venues = options.venues.map((id) => SMOKE_VENUES.find((v) => v.id === id)!);
  const reports = await Promise.all(venues.map((venue) => checkVenue(venue, options)));
  for (const report of reports) console.log(report.format().join('\n'));
  const unreachable = reports.filter((r) => r.unreachable !== undefined).map((r) => r.venue);
  const failed = reports.filter((r) => r.failed && r.unreachable === undefined).map((r) => r.venue);
  const verdict = [failed.length > 0 && `failed: ${failed.join(', ')}`, unreachable.length > 0 && `unreachable: ${unreachable.join(', ')} (no network to the venues from here?)`].filter(Boolean);
  console.log(`summary: ${verdict.length === 0 ? 'PASS' : `FAIL; ${verdict.join('; ')}`}`);
  return failed.length > 0 ? EXIT.failed : unreachable.length > 0 ? EXIT.unreachable : EXIT.passed;
}

// Interrupted between placing the smoke order and cancelling it: cancel it before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`test:live: ${signal}: cancelling any smoke order still open, then exiting`);
    void cancelOutstandingOrders().then((problems) => {
      for (const problem of problems) console.error(`test:live: ${problem}`);
      process.exit(130);
    });
  });
}

process.on('unhandledRejection', (error) => {
  console.error(`test:live: ${oneLine(error)}`);
  process.exit(EXIT.failed);
});
process.on('uncaughtException', (error) => {
  console.error(`test:live: ${oneLine(error)}`);
  process.exit(EXIT.failed);
});

main(process.argv.slice(2)).then(
  // Lingering sockets of a venue that stopped answering must not keep the process alive.
  (code) => process.exit(code),
  (error) => {
    console.error(`test:live: ${oneLine(error)}`);
    process.exit(EXIT.failed);
  },
);
