import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

/**
 * The Trading token: --token, else --token-file (first line that is neither blank nor a
 * # comment), else $CEXGW_TOKEN; undefined when none is given (the service then answers
 * UNAUTHENTICATED). The token is never printed, not even in error messages.
 */
export function resolveToken(options: { token?: string; tokenFile?: string }, env: NodeJS.ProcessEnv): string | undefined {
  if (options.token !== undefined && options.tokenFile !== undefined) throw new UsageError('give --token or --token-file, not both');
  if (options.token !== undefined) return nonEmpty(options.token, '--token');
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.tokenFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --token-file ${options.tokenFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const line = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.length > 0 && !l.startsWith('#'));
    return nonEmpty(line ?? '', `--token-file ${options.tokenFile}`);
  }
  const fromEnv = env.CEXGW_TOKEN?.trim();
  return fromEnv ? fromEnv : undefined;
}

function nonEmpty(token: string, source: string): string {
  const trimmed = token.trim();
  if (!trimmed) throw new UsageError(`${source} holds no token`);
  if (/\s/.test(trimmed)) throw new UsageError(`${source}: the token contains whitespace`);
  return trimmed;
}
