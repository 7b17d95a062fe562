import { GatewayError } from './errors.js';

/**
 * One switch a venue accepts in VenueConfig.options (the services read it from
 * CEXGW_<VENUE>_<NAME>): what it accepts, in words a person reads, and how its text is read.
 */
export interface VenueOption<T> {
  /** What it accepts: `"obu" or "order_book_update"`, `an integer from 100 to 3600000, or 0 (off)`. */
  readonly accepts: string;
  readonly fallback: T;
  /** The value of a text, or undefined when the text is not one it accepts. */
  read(text: string): T | undefined;
}

/** A venue's options by name (lower snake case: book_channel). */
export type VenueOptionTable = Readonly<Record<string, VenueOption<unknown>>>;

/** The typed values of a table's options. */
export type VenueOptionValues<Table extends VenueOptionTable> = { readonly [Name in keyof Table]: Table[Name] extends VenueOption<infer T> ? T : never };

/** One of a few words. */
export function oneOf<const T extends string>(values: readonly T[], fallback: NoInfer<T>): VenueOption<T> {
  return {
    accepts: values.map((value) => `"${value}"`).join(' or '),
    fallback,
    read: (text) => values.find((value) => value === text),
  };
}

/** One of a few whole numbers. */
export function oneOfNumbers<const T extends number>(values: readonly T[], fallback: NoInfer<T>): VenueOption<T> {
  return {
    accepts: values.join(' or '),
    fallback,
    read: (text) => values.find((value) => String(value) === text),
  };
}

/** A whole number in [min, max], or 0 where 0 turns the feature off. */
export function wholeNumber(min: number, max: number, fallback: number, options: { zeroMeansOff?: boolean } = {}): VenueOption<number> {
  return {
    accepts: `a whole number from ${min} to ${max}${options.zeroMeansOff ? ', or 0 (off)' : ''}`,
    fallback,
    read: (text) => {
      if (!/^\d{1,15}$/.test(text)) return undefined;
      const value = Number(text);
      if (value === 0 && options.zeroMeansOff) return 0;
      return value >= min && value <= max ? value : undefined;
    },
  };
}

/** A ws:// or wss:// URL; empty (the fallback) when the venue derives the address itself. */
export function websocketUrl(): VenueOption<string> {
  return {
    accepts: 'a ws:// or wss:// URL',
    fallback: '',
    read: (text) => {
      if (text === '') return '';
      try {
        const { protocol } = new URL(text);
        return protocol === 'ws:' || protocol === 'wss:' ? text : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Reads a venue's options, refusing any name the venue does not know and any value it does not
 * accept, with a message that names the option (`label` turns a name into what the user set,
 * e.g. CEXGW_GATEIO_SPOT_OBU_DEPTH) and says what it accepts.
 */
export function readVenueOptions<Table extends VenueOptionTable>(
  venue: string,
  table: Table,
  given: Readonly<Record<string, string>> | undefined,
  label?: (name: string) => string,
): VenueOptionValues<Table> {
  const named = label ?? ((name: string) => `${venue} option ${name}`);
  for (const name of Object.keys(given ?? {})) {
    if (Object.hasOwn(table, name)) continue;
    const known = Object.keys(table).map(label ?? ((option) => option));
    const takes = known.length > 0 ? `it takes ${known.join(', ')}` : 'it takes none';
    throw new GatewayError('invalid_argument', label ? `${label(name)} is not an option of ${venue}; ${takes}` : `${venue} has no option ${name}; ${takes}`);
  }
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(table)) {
    const text = given?.[name];
    if (text === undefined || text === '') {
      values[name] = option.fallback;
      continue;
    }
    const value = option.read(text.trim());
    if (value === undefined) throw new GatewayError('invalid_argument', `${named(name)} must be ${option.accepts}, got ${JSON.stringify(text)}`);
    values[name] = value;
  }
  return values as VenueOptionValues<Table>;
}
