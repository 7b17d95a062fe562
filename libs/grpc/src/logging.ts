import { redactSecretText } from '@cexgw/adapters';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

// Logs of processes that hold secrets. Three layers, so that neither a careless field nor a
// venue error message that echoes a key can put a secret in the logs:
//  1. pino redaction of every field whose NAME says it is secret (api keys and secrets,
//     signatures, the venues' SIGN/KEY headers, authorization headers, tokens, listen keys),
//     at any depth up to four levels;
//  2. a scrubber on the output that replaces the VALUES of the process's own secrets (its API
//     key, API secret, client tokens) wherever they appear, e.g. inside an error message;
//  3. on the same output, secrets recognised by shape (redactSecretText): secret-named fields
//     inside quoted text (a venue frame with its auth KEY/SIGN), listenKey= and signature= in
//     URLs, bearer tokens, and long hex runs (request signatures, which are never known ahead).

/** Field names whose values are never logged. */
export const SECRET_FIELD_NAMES: readonly string[] = [
  'apiKey',
  'apiSecret',
  'api_key',
  'api_secret',
  'secret',
  'secretKey',
  'signature',
  'sign',
  'SIGN',
  'KEY',
  'Timestamp-Signature',
  'x-mexc-apikey',
  'X-MEXC-APIKEY',
  'authorization',
  'Authorization',
  'token',
  'tokens',
  'password',
  'credentials',
  'listenKey',
  'cookie',
];

const SAFE_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** pino redact paths for SECRET_FIELD_NAMES at depths 0..3 (`apiKey`, `*.apiKey`, `*.*.apiKey`, ...). */
export function redactPaths(names: readonly string[] = SECRET_FIELD_NAMES, depth = 4): string[] {
  const paths: string[] = [];
  for (const name of names) {
    const leaf = SAFE_IDENTIFIER.test(name) ? name : `["${name}"]`;
    for (let level = 0; level < depth; level++) {
      const prefix = '*.'.repeat(level);
      if (leaf.startsWith('[')) paths.push(level === 0 ? leaf : `${prefix.slice(0, -1)}${leaf}`);
      else paths.push(`${prefix}${leaf}`);
    }
  }
  return paths;
}

export const REDACTED = '[Redacted]';

/** Secret values shorter than this are not scrubbed by value (they would match ordinary text). */
const MIN_SCRUB_LENGTH = 6;

/**
 * Wraps a destination so that every occurrence of a secret value in a log line is replaced by
 * [Redacted]. The set can grow after creation (secrets read later, e.g. a listen key).
 */
export class SecretScrubber implements DestinationStream {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly destination: DestinationStream,
    secrets: Iterable<string> = [],
  ) {
    for (const secret of secrets) this.add(secret);
  }

  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SCRUB_LENGTH) return;
    this.secrets.add(secret);
    // A value may also appear JSON-escaped inside the line.
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) this.secrets.add(escaped);
  }

  scrub(line: string): string {
    return redactSecretText(scrubText(line, this.secrets));
  }

  write(line: string): void {
    this.destination.write(this.scrub(line));
  }
}

/** `text` with every occurrence of each secret replaced by [Redacted]. */
export function scrubText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

export interface ServiceLoggerOptions {
  readonly level: string;
  /** Bound to every line, e.g. { service: 'trading', venue: 'mexc_spot' }. */
  readonly base: Record<string, unknown>;
  /** Secret values to scrub from every line (API key, API secret, client tokens). */
  readonly secrets?: Iterable<string>;
  /** Where lines go (default stdout); tests pass a capturing stream. */
  readonly destination?: DestinationStream;
}

export interface ServiceLogger {
  readonly logger: PinoLogger;
  readonly scrubber: SecretScrubber;
}

/** A pino logger with secret-field redaction and secret-value scrubbing. */
export function createServiceLogger(options: ServiceLoggerOptions): ServiceLogger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  const scrubber = new SecretScrubber(destination, options.secrets);
  const logger = pino(
    {
      level: options.level,
      base: options.base,
      redact: { paths: redactPaths(), censor: REDACTED },
      serializers: { err: pino.stdSerializers.err },
    },
    scrubber,
  );
  return { logger, scrubber };
}
