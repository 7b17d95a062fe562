import * as grpc from '@grpc/grpc-js';
import { MARKET_DATA_ADDRESS } from '../default-addresses.js';
import { connectionOptions, flag, HELP_OPTION, JSON_OPTION, TIMEOUT_OPTION, type Values } from '../args.js';
import type { Command, Io } from '../command.js';
import { targetFrom, type Target } from '../connection.js';
import { EXIT_FAILED, EXIT_OK, isServiceError, statusName } from '../errors.js';
import type { VenueHealthMsg } from '../messages.js';
import { unary } from '../rpc.js';
import { renderTable } from '../table.js';

/** The API services a gateway process may register with grpc.health.v1 (each process serves some). */
const KNOWN_SERVICES = ['cexgw.v1.MarketData', 'cexgw.v1.FuturesMarketData', 'cexgw.v1.Trading', 'cexgw.v1.FuturesTrading'];

const NOT_REGISTERED = 'NOT_REGISTERED';

async function check(target: Target, service: string): Promise<string> {
  try {
    return (await unary<{ status: string }>(target, 'Health', 'Check', { service })).status;
  } catch (error) {
    if (service !== '' && isServiceError(error) && error.code === grpc.status.NOT_FOUND) return NOT_REGISTERED;
    throw error;
  }
}

/** Diagnostics/GetHealth: what the process knows of its venue connection; null when it does not answer. */
async function venueHealth(target: Target): Promise<VenueHealthMsg | { error: string }> {
  try {
    return await unary<VenueHealthMsg>(target, 'Diagnostics', 'GetHealth', {});
  } catch (error) {
    return { error: isServiceError(error) ? `${statusName(error.code)}: ${error.details}` : String(error) };
  }
}

export const healthCommand: Command = {
  name: 'health',
  summary: 'grpc.health.v1 Check of the process and of its services, plus its venue connection; exit 1 unless SERVING',
  synopsis: '[--addr <host:port>] [--service <name>...] [--json]',
  options: {
    ...connectionOptions(MARKET_DATA_ADDRESS),
    service: {
      type: 'string',
      multiple: true,
      value: '<name>',
      help: 'require this service (e.g. cexgw.v1.Trading) to be SERVING; default: the overall status and every cexgw.v1 service the process registers',
    },
    ...TIMEOUT_OPTION,
    ...JSON_OPTION,
    ...HELP_OPTION,
  },
  notes: ['examples:', '  cexgw health --addr 127.0.0.1:50052', '  cexgw health --addr 127.0.0.1:50062 --service cexgw.v1.Trading && echo ready'],
  run: (values, io) => runHealth(values, io),
};

async function runHealth(values: Values, io: Io): Promise<number> {
  const target = targetFrom(values, io.env, 'health');
  const required = (values.service as string[] | undefined) ?? [];
  const overall = await check(target, '');
  const services: Record<string, string> = {};
  for (const name of required.length ? required : KNOWN_SERVICES) {
    const status = await check(target, name);
    if (status !== NOT_REGISTERED || required.length) services[name] = status;
  }
  const venue = await venueHealth(target);
  const serving = overall === 'SERVING' && Object.values(services).every((s) => s === 'SERVING');

  if (flag(values, 'json')) {
    io.stdout.write(`${JSON.stringify({ address: target.address, serving, status: overall, services, venue })}\n`);
  } else {
    const rows = [['(overall)', overall], ...Object.entries(services)];
    io.stdout.write(`${target.address}  ${serving ? 'SERVING' : 'NOT SERVING'}\n\n`);
    io.stdout.write(renderTable(['service', 'status'], rows, ['left', 'left']));
    io.stdout.write(`\n${venueLine(venue)}\n`);
  }
  return serving ? EXIT_OK : EXIT_FAILED;
}

function venueLine(venue: VenueHealthMsg | { error: string }): string {
  if ('error' in venue) return `venue health unavailable (${venue.error})`;
  const ok = (value: boolean) => (value ? 'ok' : 'DOWN');
  const line = `venue ${venue.venue}: rest ${ok(venue.rest_connectivity)}, websocket ${ok(venue.websocket_connectivity)}, authentication ${ok(venue.authentication)}, venue features ${ok(venue.exchange_specific_features)}`;
  return venue.detail ? `${line}\n  ${venue.detail}` : line;
}
