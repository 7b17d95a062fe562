import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import type { SymbolMsg } from './messages.js';

// Flags: node:util parseArgs, with a help line per option so that every command's --help is
// generated from the same table that parses it.

export interface OptionDef {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** Placeholder shown in help, e.g. "<host:port>". */
  readonly value?: string;
  /** Applied when the flag is absent, and shown in help. */
  readonly default?: string;
  readonly help: string;
}

export type OptionDefs = Readonly<Record<string, OptionDef>>;

export type Values = Readonly<Record<string, string | boolean | string[] | undefined>>;

export const HELP_OPTION: OptionDefs = { help: { type: 'boolean', short: 'h', help: 'show this help' } };

export function connectionOptions(defaultAddress: string): OptionDefs {
  return {
    addr: { type: 'string', value: '<host:port>', default: defaultAddress, help: 'address of the gateway process' },
    tls: { type: 'boolean', help: 'connect with TLS (system roots unless --ca); plaintext otherwise' },
    ca: { type: 'string', value: '<file>', help: 'PEM CA bundle that signed the server certificate (implies --tls)' },
    cert: { type: 'string', value: '<file>', help: 'PEM client certificate, for mutual TLS (with --key)' },
    key: { type: 'string', value: '<file>', help: 'PEM client private key, for mutual TLS (with --cert)' },
  };
}

export const TIMEOUT_OPTION: OptionDefs = {
  timeout: { type: 'string', value: '<ms>', default: '10000', help: 'deadline of each call' },
};

export const AUTH_OPTIONS: OptionDefs = {
  'token-file': { type: 'string', value: '<file>', help: 'file holding the Trading token (first non-comment line)' },
  token: { type: 'string', value: '<token>', help: 'the Trading token (visible in the process list: prefer --token-file or $CEXGW_TOKEN)' },
};

export const JSON_OPTION: OptionDefs = { json: { type: 'boolean', help: 'print each message as one line of JSON, exactly as received' } };

export const COUNT_OPTION: OptionDefs = { count: { type: 'string', value: '<n>', help: 'exit 0 after n messages (default: until Ctrl-C)' } };

export const SYMBOLS_OPTION: OptionDefs = {
  symbol: { type: 'string', multiple: true, value: '<BASE/QUOTE>', help: 'symbol, e.g. BTC/USDT (repeat or comma-separate for several)' },
};

/** Parses a command's flags; UsageError on unknown flags, stray arguments or a flag without its value. */
export function parseFlags(argv: readonly string[], options: OptionDefs, command: string): Values {
  const config = Object.fromEntries(Object.entries(options).map(([name, def]) => [name, { type: def.type, ...(def.multiple ? { multiple: true } : {}), ...(def.short ? { short: def.short } : {}) }]));
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), command);
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`, command);
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, def] of Object.entries(options)) values[name] = (parsed.values[name] as string | boolean | string[] | undefined) ?? def.default;
  return values;
}

export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireString(values: Values, name: string, command: string): string {
  const value = stringValue(values, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`, command);
  return value;
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

/** A positive integer flag, or undefined when absent. */
export function positiveInt(values: Values, name: string, command: string): number | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(raw)}`, command);
  return Number(raw);
}

/** "BTC/USDT" (or btc/usdt) -> {base: "BTC", quote: "USDT"}. */
export function parseSymbol(text: string, command: string): SymbolMsg {
  const match = /^\s*([A-Za-z0-9]{1,20})\/([A-Za-z0-9]{1,20})\s*$/.exec(text);
  if (!match) throw new UsageError(`symbol ${JSON.stringify(text)} is not BASE/QUOTE, e.g. BTC/USDT`, command);
  return { base: match[1]!.toUpperCase(), quote: match[2]!.toUpperCase() };
}

/** Every --symbol given (repeated or comma separated). */
export function symbolList(values: Values, command: string): SymbolMsg[] {
  const raw = values.symbol;
  const texts = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).flatMap((t) => t.split(',')).filter((t) => t.trim() !== '');
  return texts.map((t) => parseSymbol(t, command));
}

/** Exactly one --symbol. */
export function oneSymbol(values: Values, command: string): SymbolMsg {
  const symbols = symbolList(values, command);
  if (symbols.length !== 1) throw new UsageError(symbols.length === 0 ? '--symbol is required, e.g. --symbol BTC/USDT' : 'give exactly one --symbol', command);
  return symbols[0]!;
}

/** One of the listed words, e.g. --side buy|sell. */
export function choice<T extends string>(values: Values, name: string, allowed: readonly T[], command: string): T | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  const lower = raw.toLowerCase() as T;
  if (!allowed.includes(lower)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`, command);
  return lower;
}
