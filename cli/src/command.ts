import type { OptionDefs, Values } from './args.js';

/** Where a command writes; process.stdout/stderr in the binary, buffers in unit tests. */
export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

export interface Command {
  readonly name: string;
  /** One line for `cexgw --help`. */
  readonly summary: string;
  /** The synopsis after `cexgw <name>`, e.g. "--symbol <BASE/QUOTE> [--depth <n>]". */
  readonly synopsis: string;
  readonly options: OptionDefs;
  /** Further lines of `cexgw <name> --help` (examples, notes). */
  readonly notes?: readonly string[];
  /** Resolves with the exit code; gRPC errors are thrown (printed by the caller). */
  run(values: Values, io: Io): Promise<number>;
}
