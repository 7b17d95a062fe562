import * as grpc from '@grpc/grpc-js';
import { parseFlags, stringValue, type Values } from './args.js';
import type { Command, Io } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, formatServiceError, isServiceError, UsageError } from './errors.js';
import { commandHelp, globalHelp } from './help.js';
import { resolveToken } from './token.js';

export const VERSION = '0.1.0';

/** Runs one command line (without "node cexgw"); resolves with the exit code. Never throws. */
export async function run(argv: readonly string[], io: Io, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(globalHelp(commands));
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    io.stdout.write(globalHelp(commands));
    return EXIT_OK;
  }
  if (name === '--version') {
    io.stdout.write(`cexgw ${VERSION}\n`);
    return EXIT_OK;
  }
  if (name === 'help') {
    const topic = commands.find((c) => c.name === rest[0]);
    io.stdout.write(topic ? commandHelp(topic) : globalHelp(commands));
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`error: unknown command ${JSON.stringify(name)}; commands: ${commands.map((c) => c.name).join(', ')} (cexgw --help)\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  let values: Values | undefined;
  try {
    values = parseFlags(rest, command.options, command.name);
    return await command.run(values, io);
  } catch (error) {
    return report(error, command, values, io);
  }
}

function report(error: unknown, command: Command, values: Values | undefined, io: Io): number {
  if (error instanceof UsageError) {
    io.stderr.write(`error: ${error.message}\n(cexgw ${command.name} --help shows the options)\n`);
    return EXIT_USAGE;
  }
  if (isServiceError(error)) {
    io.stderr.write(formatServiceError(error));
    if (error.code === grpc.status.UNAUTHENTICATED && 'token' in command.options && values && !tokenGiven(values, io.env)) {
      io.stderr.write('hint: no token given; pass the Trading token with --token-file <file>, $CEXGW_TOKEN or --token\n');
    }
    return EXIT_FAILED;
  }
  io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_FAILED;
}

function tokenGiven(values: Values, env: NodeJS.ProcessEnv): boolean {
  try {
    return resolveToken({ token: stringValue(values, 'token'), tokenFile: stringValue(values, 'token-file') }, env) !== undefined;
  } catch {
    return true;
  }
}
