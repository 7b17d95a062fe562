import { describeType, type ModelRegistry, type WireType } from './schema.js';
import type { Violation } from './check.js';

// What an adapter reads from a payload, recorded by handing its reader a proxy of the payload:
// every member name it asks for (present or not) becomes a path such as `$[].trade_id`. The
// paths are then checked against the source's type: reading a member the venue's source does
// not have is the misreading that passes every simulator test and loses fills live.

/** Members that JavaScript itself asks for (await, JSON.stringify, coercion), not the adapter. */
const LANGUAGE_MEMBERS = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString', 'toLocaleString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__proto__']);

export interface ReadRecording<T> {
  /** Hand this to the adapter's reader instead of the payload. */
  readonly value: T;
  /** Paths read so far, e.g. `$.result[].id`; `.*` marks a walk over every member. */
  readonly paths: ReadonlySet<string>;
}

export function recordReads<T>(payload: T): ReadRecording<T> {
  const paths = new Set<string>();
  const proxies = new WeakMap<object, object>();
  const wrap = (value: unknown, path: string): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      proxy = Array.isArray(value) ? arrayProxy(value, path) : objectProxy(value as Record<string, unknown>, path);
      proxies.set(value, proxy);
    }
    return proxy;
  };
  const arrayProxy = (target: unknown[], path: string): object =>
    new Proxy(target, {
      get(array, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) return wrap(array[Number(prop)], `${path}[]`);
        return Reflect.get(array, prop, receiver) as unknown;
      },
    });
  const objectProxy = (target: Record<string, unknown>, path: string): object => {
    const note = (prop: string | symbol): void => {
      if (typeof prop === 'string' && !LANGUAGE_MEMBERS.has(prop)) paths.add(`${path}.${prop}`);
    };
    return new Proxy(target, {
      get(object, prop, receiver) {
        note(prop);
        const value: unknown = Reflect.get(object, prop, receiver);
        return typeof prop === 'string' && Object.hasOwn(object, prop) ? wrap(value, `${path}.${prop}`) : value;
      },
      has(object, prop) {
        note(prop);
        return Reflect.has(object, prop);
      },
      getOwnPropertyDescriptor(object, prop) {
        note(prop);
        return Reflect.getOwnPropertyDescriptor(object, prop);
      },
      ownKeys(object) {
        paths.add(`${path}.*`);
        return Reflect.ownKeys(object);
      },
    });
  };
  return { value: wrap(payload, '$') as T, paths };
}

/** Every recorded read must name a member the source's type has. */
export function checkReads(paths: Iterable<string>, type: WireType, models: ModelRegistry): Violation[] {
  const out: Violation[] = [];
  for (const path of paths) {
    const problem = resolve(path, type, models);
    if (problem) out.push({ path, message: `is read by the adapter, but ${problem}` });
  }
  return out;
}

/** Why the path does not exist in the type, or undefined when it does. */
function resolve(path: string, type: WireType, models: ModelRegistry): string | undefined {
  return walk(path.slice(1).match(/\[\]|\.[^.[]+/g) ?? [], type, models, '$');
}

function walk(segments: readonly string[], type: WireType, models: ModelRegistry, at: string): string | undefined {
  let current: WireType = type;
  let where = at;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (current.kind === 'any' || current.kind === 'object') return undefined;
    if (current.kind === 'oneOf') {
      // A read is fine when one of the alternatives has the member; otherwise say why the first
      // alternative that is not null lacks it.
      const rest = segments.slice(i);
      const problems = current.types.map((option) => walk(rest, option, models, where));
      if (problems.includes(undefined)) return undefined;
      return problems[current.types.findIndex((option) => option.kind !== 'null')] ?? problems[0];
    }
    if (segment === '[]') {
      if (current.kind !== 'array') return `${where} is ${describeType(current)}, not a list`;
      current = current.items;
    } else {
      const key = segment.slice(1);
      if (key === '*') return undefined;
      if (current.kind === 'map') {
        current = current.values;
      } else if (current.kind === 'model') {
        const model = models.model(current.name);
        const field = model?.fields.get(key);
        if (!model || !field) return `${current.name} (${model?.source.origin ?? 'no source'}) has no field ${key}`;
        current = field;
      } else {
        return `${where} is ${describeType(current)}, which has no member ${key}`;
      }
    }
    where += segment;
  }
  return undefined;
}
