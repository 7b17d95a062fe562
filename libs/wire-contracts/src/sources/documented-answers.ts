import { readFileSync } from 'node:fs';
import { Models, NULL, STRING, type Provenance, type WireType } from '../schema.js';
import { RouteTable } from '../routes.js';

// A venue's REST contract from its documented example answers (and, where the docs are wrong or
// short, answers captured from the live venue), kept in the repository as data: each answer names
// its source. A field is in the contract if any listed answer carries it, typed as the answers
// give it (a string in one and null in another: either). For venues without machine-readable
// models (MEXC); a new venue writes one such file and loads it with `documentedRestContract`.

/** Query parameter types as the docs' parameter tables give them; a list is an enumeration. */
type QueryType = 'string' | 'integer' | 'decimal' | readonly string[];

type ScalarKind = 'string' | 'integer' | 'number' | 'boolean' | 'null';

interface ExampleAnswer {
  /** Key into the file's `sources`. */
  readonly source: string;
  /** Where in the source (a heading), and anything a reader should know about the example. */
  readonly note: string;
  /** Where the example sits in the answer when it shows only a part (`$.symbols[]`). */
  readonly at?: string;
  /** An example answer (or part of one, at `at`)... */
  readonly example?: unknown;
  /** ...or members a response table documents that no example shows, with their types. */
  readonly fields?: Readonly<Record<string, ScalarKind>>;
}

interface ExampleRoute {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly signed?: boolean;
  readonly query: Readonly<Record<string, QueryType>>;
  /** Answer members named so whose values are one of `enums` (the docs' enumerations). */
  readonly enums?: readonly string[];
  readonly answers: readonly ExampleAnswer[];
}

interface ExamplesFile {
  readonly sources: Readonly<Record<string, Provenance>>;
  /** Parameters every signed operation takes besides its own (timestamp, signature, ...). */
  readonly signedQuery?: Readonly<Record<string, QueryType>>;
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  readonly routes: readonly ExampleRoute[];
}

export interface DocumentedRestContract {
  readonly models: Models;
  readonly routes: RouteTable;
}

/** What the examples show at one place of an answer. */
interface Shape {
  readonly kinds: Set<ScalarKind>;
  members?: Map<string, Shape>;
  items?: Shape;
}

const newShape = (): Shape => ({ kinds: new Set() });

function observe(shape: Shape, value: unknown): void {
  if (value === null) shape.kinds.add('null');
  else if (typeof value === 'string') shape.kinds.add('string');
  else if (typeof value === 'number') shape.kinds.add(Number.isInteger(value) ? 'integer' : 'number');
  else if (typeof value === 'boolean') shape.kinds.add('boolean');
  else if (Array.isArray(value)) {
    shape.items ??= newShape();
    for (const item of value) observe(shape.items, item);
  } else if (typeof value === 'object') {
    shape.members ??= new Map();
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      let inner = shape.members.get(key);
      if (!inner) shape.members.set(key, (inner = newShape()));
      observe(inner, member);
    }
  }
}

/** Adds what one answer entry shows to the shape of its route or message. */
function observeAnswer(root: Shape, answer: ExampleAnswer): void {
  const shape = answer.at ? shapeAt(root, answer.at) : root;
  if (answer.example !== undefined) observe(shape, answer.example);
  for (const [name, kind] of Object.entries(answer.fields ?? {})) shapeAt(shape, `$.${name}`).kinds.add(kind);
}

/** The shape at `$.a.b[]` (created as needed), for an example that shows only that part. */
function shapeAt(root: Shape, at: string): Shape {
  let shape = root;
  for (const segment of at.slice(1).match(/\[\]|\.[^.[]+/g) ?? []) {
    if (segment === '[]') shape = shape.items ??= newShape();
    else {
      shape.members ??= new Map();
      const key = segment.slice(1);
      let inner = shape.members.get(key);
      if (!inner) shape.members.set(key, (inner = newShape()));
      shape = inner;
    }
  }
  return shape;
}

function typeOf(shape: Shape, name: string, models: Models, source: Provenance, enums: (member: string) => readonly string[] | undefined, member = ''): WireType {
  const options: WireType[] = [];
  if (shape.kinds.has('string')) {
    const values = enums(member);
    options.push(values ? { kind: 'string', values } : STRING);
  }
  if (shape.kinds.has('number')) options.push({ kind: 'number' });
  else if (shape.kinds.has('integer')) options.push({ kind: 'number', integer: true });
  if (shape.kinds.has('boolean')) options.push({ kind: 'boolean' });
  if (shape.items) options.push({ kind: 'array', items: typeOf(shape.items, `${name}Item`, models, source, enums, member) });
  if (shape.members) {
    const fields = new Map<string, WireType>();
    for (const [key, inner] of shape.members) fields.set(key, typeOf(inner, `${name}.${key}`, models, source, enums, key));
    models.add({ name, fields, source });
    options.push({ kind: 'model', name });
  }
  if (shape.kinds.has('null')) options.push(NULL);
  if (options.length === 0) return { kind: 'any' }; // only empty lists seen: the source says nothing more
  return options.length === 1 ? options[0]! : { kind: 'oneOf', types: options };
}

function queryType(type: QueryType): WireType {
  if (Array.isArray(type)) return { kind: 'string', values: type as readonly string[] };
  if (type === 'integer') return { kind: 'number', integer: true };
  return type === 'decimal' ? { kind: 'number' } : STRING;
}

/** The contract a documented-examples file describes. */
export function documentedRestContract(path: string): DocumentedRestContract {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ExamplesFile;
  const models = new Models();
  const routes = new RouteTable();
  for (const route of file.routes) {
    const { root, provenance } = shapeOfAnswers(route.answers, file.sources, `${path}: ${route.operation}`);
    const enumerated = new Set(route.enums ?? []);
    const enums = (member: string) => (enumerated.has(member) ? file.enums?.[member] : undefined);
    const query = new Map<string, WireType>(Object.entries({ ...route.query, ...(route.signed ? file.signedQuery : {}) }).map(([name, type]) => [name, queryType(type)]));
    routes.add({
      operation: route.operation,
      method: route.method,
      template: route.path,
      query,
      response: typeOf(root, route.operation.replace(/\W+/g, ''), models, provenance, enums),
      source: provenance,
    });
  }
  return { models, routes };
}

interface ExampleMessage {
  readonly name: string;
  readonly answers: readonly ExampleAnswer[];
  /** Members whose values are one of these (the docs' enumerations). */
  readonly enums?: Readonly<Record<string, readonly string[]>>;
}

interface MessagesFile {
  readonly sources: Readonly<Record<string, Provenance>>;
  readonly messages: readonly ExampleMessage[];
}

export interface DocumentedMessagesContract {
  readonly models: Models;
  /** Each message's type by name. */
  readonly types: ReadonlyMap<string, WireType>;
}

/** Message contracts (websocket frames, say) from documented examples, the same way as REST answers. */
export function documentedMessagesContract(path: string): DocumentedMessagesContract {
  const file = JSON.parse(readFileSync(path, 'utf8')) as MessagesFile;
  const models = new Models();
  const types = new Map<string, WireType>();
  for (const message of file.messages) {
    const { root, provenance } = shapeOfAnswers(message.answers, file.sources, `${path}: ${message.name}`);
    types.set(
      message.name,
      typeOf(root, message.name, models, provenance, (member) => message.enums?.[member]),
    );
  }
  return { models, types };
}

/** What a route's or message's answers show together, and where they come from. */
function shapeOfAnswers(answers: readonly ExampleAnswer[], sources: Readonly<Record<string, Provenance>>, where: string): { root: Shape; provenance: Provenance } {
  const root = newShape();
  const used = new Set<Provenance>();
  for (const answer of answers) {
    const source = sources[answer.source];
    if (!source) throw new Error(`${where} names an unknown source ${answer.source}`);
    used.add(source);
    observeAnswer(root, answer);
  }
  return { root, provenance: mergedProvenance([...used], answers.map((a) => `${a.source}: ${a.note}`).join('; ')) };
}

function mergedProvenance(sources: readonly Provenance[], note: string): Provenance {
  return { origin: sources.map((s) => `${s.origin}${s.path ? ` ${s.path}` : ''}${s.version ? ` @ ${s.version}` : ''}`).join(' + '), note };
}
