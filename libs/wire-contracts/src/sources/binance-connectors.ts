import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RouteTable, type RouteContract } from '../routes.js';
import { Models, type Provenance, type WireType } from '../schema.js';

// Binance's REST and stream contracts, read at run time from its official connectors on npm
// (@binance/spot, @binance/derivatives-trading-usds-futures), which Binance generates from its
// OpenAPI specifications: every model interface of the bundled type declarations (dist/index.d.ts,
// one `//#region src/<api>/types/<model>.d.ts` per model) with its members' types, and every REST
// operation of the bundled code (dist/index.js: endpoint, method and query parameters) with the
// request and answer models its declaration names. Nothing is copied by hand, so a newer
// connector brings Binance's newer contract with it.

const require = createRequire(import.meta.url);

/** A market stream of the connector: its method, the stream names it subscribes, the event it pushes. */
export interface StreamContract {
  readonly operation: string;
  /** The stream name template ("<symbol>@depth@<updateSpeed>") as a pattern over concrete names. */
  readonly pattern: RegExp;
  readonly event: WireType;
}

/** A WebSocket API method: its name on the wire ("userDataStream.subscribe.signature"), parameters and answer. */
export interface WsApiContract {
  readonly operation: string;
  readonly params?: WireType;
  readonly answer?: WireType;
}

export interface BinanceConnectorContract {
  readonly packageName: string;
  readonly version: string;
  readonly models: Models;
  /** REST operations, by their connector method name. */
  readonly routes: RouteTable;
  /** Market streams (dist/index.js templates, typed by the declarations' WebsocketStream<...>). */
  readonly streams: readonly StreamContract[];
  /** The user data stream's events (a union by `e`). */
  readonly userData: WireType | undefined;
  /** WebSocket API methods by wire name. */
  readonly wsApi: ReadonlyMap<string, WsApiContract>;
}

const cache = new Map<string, BinanceConnectorContract>();

/** The installed connector's models and REST routes (loaded once per process). */
export function binanceConnectorContract(packageName: '@binance/spot' | '@binance/derivatives-trading-usds-futures'): BinanceConnectorContract {
  let contract = cache.get(packageName);
  if (!contract) cache.set(packageName, (contract = load(packageName)));
  return contract;
}

function load(packageName: string): BinanceConnectorContract {
  // The package's exports hide package.json: find it beside the resolved entry point.
  const root = join(dirname(require.resolve(packageName)), '..');
  const packageJson = join(root, 'package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const origin = `npm ${packageName} ${version}`;
  const declarations = readFileSync(join(root, 'dist', 'index.d.ts'), 'utf8');
  const models = new Models();
  const parsed = parseDeclarations(declarations, origin);
  for (const model of parsed.models) {
    for (const [name, field] of DOCUMENTED_NULLS) {
      const type = model.name === name ? model.fields.get(field) : undefined;
      if (type) model.fields.set(field, { kind: 'oneOf', types: [type, { kind: 'null' }] });
    }
    models.add(model);
  }
  const routes = new RouteTable();
  const typeOfName = (name: string) => typeOf(name, parsed.context);
  const code = readFileSync(join(root, 'dist', 'index.js'), 'utf8');
  for (const route of restOperations(code, declarations, models, typeOfName, { origin, path: 'dist/index.js' })) routes.add(route);
  const streams = streamOperations(code, declarations, typeOfName);
  const userDataName = /^ {2}userData\(listenKey: string, id\?: string\): WebsocketStream<(\w+\$?\d*)>;$/m.exec(declarations)?.[1];
  const userData = userDataName ? typeOfName(userDataName) : undefined;
  const wsApi = wsApiOperations(code, declarations, typeOfName);
  // Discriminated unions (`{e: 'X'} & Event`) name models that exist only once their base does
  // (every type above is resolved by now, so every such name has been met).
  for (const [name, { base, extra }] of parsed.context.synthetic) {
    const model = models.model(base);
    if (model) models.add({ name, fields: new Map([...model.fields, ...extra]), source: { ...model.source, note: `${base} with ${[...extra.keys()].join(', ')} as the union names it` } });
  }
  return { packageName, version, models, routes, streams, userData, wsApi };
}

/**
 * Members Binance documents as null where the generated models say only their type: spot's
 * executionReport `"N": null` (commission asset, before any fill; binance-spot-api-docs
 * user-data-stream.md, "Order Update" example).
 */
const DOCUMENTED_NULLS: readonly (readonly [string, string])[] = [
  ['ExecutionReport', 'N'],
  ['ExecutionReport$1', 'N'],
];

/** What resolving a type name needs: aliases, list interfaces, and the intersection models met on the way. */
interface TypeContext {
  readonly aliases: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, string>;
  readonly synthetic: Map<string, { base: string; extra: Map<string, WireType> }>;
}

/** Each market stream method: `name: (...) => { ... replaceWebsocketStreamsPlaceholders)("/<symbol>@depth@<updateSpeed>"`. */
function streamOperations(code: string, declarations: string, typeOfName: (name: string) => WireType): StreamContract[] {
  const events = new Map<string, string>();
  for (const m of declarations.matchAll(/^ {2}(\w+)\(requestParameters\??: \w+\$?\d*\): WebsocketStream<(\w+\$?\d*)>;$/gm)) events.set(m[1]!, m[2]!);
  const out: StreamContract[] = [];
  for (const m of code.matchAll(/\n\t\t(\w+): \([^)]*\) => \{[^}]*?replaceWebsocketStreamsPlaceholders\)\("\/([^"]+)"/g)) {
    const event = events.get(m[1]!);
    if (!event) continue;
    // An optional placeholder is left out with its "@" when not given ("btcusdt@depth").
    const pattern = `^${m[2]!
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/@<\w+>/g, '(?:@[^@]+)?')
      .replace(/<\w+>/g, '[^@]+')}$`;
    out.push({ operation: m[1]!, pattern: new RegExp(pattern), event: typeOfName(event) });
  }
  // The most specific template first: "<symbol>@depth@<speed>" before "<symbol>@<levels>".
  return out.sort((a, b) => b.pattern.source.replace(/\(\?:@\[\^@\]\+\)\?|\[\^@\]\+/g, '').length - a.pattern.source.replace(/\(\?:@\[\^@\]\+\)\?|\[\^@\]\+/g, '').length);
}

/** Each WebSocket API method: `name(requestParameters...) { return this.websocketBase.sendMessage("/method.name"`. */
function wsApiOperations(code: string, declarations: string, typeOfName: (name: string) => WireType): Map<string, WsApiContract> {
  const signatures = new Map<string, { request?: string; answer: string }>();
  for (const m of declarations.matchAll(/^ {2}(\w+)\(requestParameters\??: (\w+\$?\d*)\): Promise<WebsocketApiResponse<(\w+\$?\d*)>>;$/gm)) signatures.set(m[1]!, { request: m[2], answer: m[3]! });
  const out = new Map<string, WsApiContract>();
  for (const m of code.matchAll(/\n\t(\w+)\(requestParameters[^)]*\) \{\s*return this\.websocketBase\.sendMessage\("\/([\w.]+)"/g)) {
    const signature = signatures.get(m[1]!);
    if (!signature || out.has(m[2]!)) continue;
    out.set(m[2]!, { operation: m[1]!, params: signature.request ? typeOfName(signature.request) : undefined, answer: typeOfName(signature.answer) });
  }
  return out;
}

interface ParsedModel {
  readonly name: string;
  readonly fields: Map<string, WireType>;
  readonly source: Provenance;
}

/**
 * Interfaces (`interface X { a?: T; }`) become models; list interfaces (`interface X extends
 * Array<Y> {}`) and type aliases (unions of models, discriminated filter unions
 * `({filterType: 'A'} & AFilter) | ...`, enums) are resolved wherever a member or an answer names them.
 */
function parseDeclarations(source: string, origin: string): { models: ParsedModel[]; context: TypeContext } {
  const aliases = new Map<string, string>();
  const lines = source.split('\n');
  // An alias runs until its brackets balance on a line ending in ";" (unions span many lines).
  for (let i = 0; i < lines.length; i++) {
    const head = /^type (\w+\$?\d*) = (.*)$/.exec(lines[i]!);
    if (!head) continue;
    let body = head[2]!;
    while (!(balanced(body) && body.trimEnd().endsWith(';')) && i + 1 < lines.length) body += `\n${lines[++i]}`;
    aliases.set(head[1]!, body.trimEnd().slice(0, -1));
  }
  const lists = new Map<string, string>();
  for (const m of source.matchAll(/^interface (\w+\$?\d*) extends Array<(\w+\$?\d*)> \{\}/gm)) lists.set(m[1]!, m[2]!);
  const context: TypeContext = { aliases, lists, synthetic: new Map() };
  const out: ParsedModel[] = [];
  let region = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = /^\/\/#region (.+)$/.exec(line);
    if (at) region = at[1]!;
    const head = /^interface (\w+\$?\d*) \{$/.exec(line);
    if (!head) continue;
    const fields = new Map<string, WireType>();
    for (i++; i < lines.length && lines[i] !== '}'; i++) {
      const member = /^ {2}(?:readonly )?'?([\w$]+)'?\??: (.+);$/.exec(lines[i]!);
      if (member) fields.set(member[1]!, typeOf(member[2]!, context));
    }
    out.push({ name: head[1]!, fields, source: { origin, path: region || 'dist/index.d.ts' } });
  }
  return { models: out, context };
}

/** A TypeScript type of the declarations as a wire type. */
function typeOf(text: string, ctx: TypeContext, depth = 0): WireType {
  let t = text.trim();
  // Outer parentheses only when they enclose it all: `(A) | (B)` is a union, not one group.
  while (t.startsWith('(') && t.endsWith(')') && splitTop(t, '|').length === 1 && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  if (depth > 8) return { kind: 'any' };
  const array = /^Array<(.+)>$/s.exec(t);
  if (array) return { kind: 'array', items: typeOf(array[1]!, ctx, depth + 1) };
  const map = /^\{ \[key: string\]: (.+); \}$/s.exec(t);
  if (map) return { kind: 'map', values: typeOf(map[1]!, ctx, depth + 1) };
  const union = splitTop(t, '|');
  if (union.length > 1) return { kind: 'oneOf', types: union.map((u) => typeOf(u, ctx, depth + 1)) };
  const intersection = splitTop(t, '&');
  if (intersection.length > 1) return intersectionOf(intersection, ctx);
  switch (t) {
    case 'string':
      return { kind: 'string' };
    case 'number':
      return { kind: 'number' };
    case 'bigint':
      return { kind: 'number', integer: true };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      return { kind: 'object' };
    case 'any':
    case 'unknown':
      return { kind: 'any' };
    case 'null':
      return { kind: 'null' };
  }
  if (/^'[^']*'$/.test(t)) return { kind: 'string', values: [t.slice(1, -1)] };
  const list = ctx.lists.get(t);
  if (list) return { kind: 'array', items: typeOf(list, ctx, depth + 1) };
  const alias = ctx.aliases.get(t);
  // Enums are `declare const X: {...}; type X = (typeof X)[keyof typeof X]`: strings.
  if (alias !== undefined) return alias.includes('keyof typeof') ? { kind: 'string' } : typeOf(alias, ctx, depth + 1);
  if (/^\{/.test(t)) return { kind: 'object' };
  return { kind: 'model', name: t };
}

/**
 * `{ e: 'ORDER_TRADE_UPDATE'; } & OrderTradeUpdate`: the model with the literal members added
 * (materialised once every model is parsed); any other intersection as its last named part.
 */
function intersectionOf(parts: readonly string[], ctx: TypeContext): WireType {
  const base = parts.find((part) => /^\w+\$?\d*$/.test(part));
  if (!base) return { kind: 'any' };
  const extra = new Map<string, WireType>();
  for (const part of parts) {
    for (const m of part.matchAll(/(\w+): '([^']*)';/g)) extra.set(m[1]!, { kind: 'string', values: [m[2]!] });
  }
  if (extra.size === 0) return { kind: 'model', name: base };
  const name = `${base} & {${[...extra].map(([key, type]) => `${key}: ${type.kind === 'string' ? type.values?.[0] : ''}`).join(', ')}}`;
  ctx.synthetic.set(name, { base, extra });
  return { kind: 'model', name };
}

function balanced(text: string): boolean {
  let level = 0;
  for (const c of text) {
    if (c === '<' || c === '{' || c === '(' || c === '[') level++;
    else if (c === '>' || c === '}' || c === ')' || c === ']') level--;
  }
  return level === 0;
}

/** Splits at `sep` outside brackets, braces and parentheses. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '{' || c === '(' || c === '[') level++;
    else if (c === '>' || c === '}' || c === ')' || c === ']') level--;
    else if (c === sep && level === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * Every REST operation: the code's `name: async (...) => { ... endpoint: "/api/...", method: "GET" ... }`
 * with its `localVarQueryParameter["x"]` names, typed by the request interface the declarations'
 * `name(requestParameters: XRequest): Promise<RestApiResponse<XResponse>>` names.
 */
function restOperations(code: string, declarations: string, models: Models, typeOfName: (name: string) => WireType, source: Provenance): RouteContract[] {
  const signatures = new Map<string, { request?: string; response: string }>();
  for (const m of declarations.matchAll(/^ {2}(\w+)\(requestParameters\??: (\w+\$?\d*)\): Promise<RestApiResponse<(\w+\$?\d*|void)>>;$/gm)) signatures.set(m[1]!, { request: m[2], response: m[3]! });
  for (const m of declarations.matchAll(/^ {2}(\w+)\(\): Promise<RestApiResponse<(\w+\$?\d*|void)>>;$/gm)) signatures.set(m[1]!, { response: m[2]! });
  const out: RouteContract[] = [];
  for (const m of code.matchAll(/\n\t\t(\w+): async \(([^)]*)\) => \{([\s\S]*?)\n\t\t\}/g)) {
    const name = m[1]!;
    const body = m[3]!;
    const endpoint = /endpoint: "([^"]+)"/.exec(body)?.[1];
    const method = /method: "(\w+)"/.exec(body)?.[1];
    if (!endpoint || !method) continue;
    const signature = signatures.get(name);
    const request = signature?.request ? models.model(signature.request) : undefined;
    const query = new Map<string, WireType>();
    for (const q of body.matchAll(/localVarQueryParameter\["(\w+)"\]/g)) query.set(q[1]!, request?.fields.get(q[1]!) ?? { kind: 'any' });
    // Signed operations carry these too (the connector adds them when it signs).
    for (const signed of ['timestamp', 'recvWindow', 'signature']) if (!query.has(signed)) query.set(signed, { kind: 'any' });
    const answer = signature && signature.response !== 'void' ? signature.response : undefined;
    out.push({
      operation: name,
      method,
      template: endpoint,
      query,
      response: answer ? typeOfName(answer) : undefined,
      source: { ...source, note: name },
    });
  }
  return out;
}
