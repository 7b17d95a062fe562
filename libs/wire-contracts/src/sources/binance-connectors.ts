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

export interface BinanceConnectorContract {
  readonly packageName: string;
  readonly version: string;
  readonly models: Models;
  /** REST operations, by their connector method name. */
  readonly routes: RouteTable;
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
  for (const model of parsed.models) models.add(model);
  const routes = new RouteTable();
  const typeOfName = (name: string) => typeOf(name, parsed.aliases, parsed.lists);
  for (const route of restOperations(readFileSync(join(root, 'dist', 'index.js'), 'utf8'), declarations, models, typeOfName, { origin, path: 'dist/index.js' })) routes.add(route);
  return { packageName, version, models, routes };
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
function parseDeclarations(source: string, origin: string): { models: ParsedModel[]; aliases: Map<string, string>; lists: Map<string, string> } {
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
      const member = /^ {2}'?([\w$]+)'?\??: (.+);$/.exec(lines[i]!);
      if (member) fields.set(member[1]!, typeOf(member[2]!, aliases, lists));
    }
    out.push({ name: head[1]!, fields, source: { origin, path: region || 'dist/index.d.ts' } });
  }
  return { models: out, aliases, lists };
}

/** A TypeScript type of the declarations as a wire type. */
function typeOf(text: string, aliases: ReadonlyMap<string, string> = new Map(), lists: ReadonlyMap<string, string> = new Map(), depth = 0): WireType {
  let t = text.trim();
  // Outer parentheses only when they enclose it all: `(A) | (B)` is a union, not one group.
  while (t.startsWith('(') && t.endsWith(')') && splitTop(t, '|').length === 1 && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  if (depth > 8) return { kind: 'any' };
  const array = /^Array<(.+)>$/s.exec(t);
  if (array) return { kind: 'array', items: typeOf(array[1]!, aliases, lists, depth + 1) };
  if (/^\{ \[key: string\]: (.+); \}$/s.test(t)) return { kind: 'map', values: typeOf(/^\{ \[key: string\]: (.+); \}$/s.exec(t)![1]!, aliases, lists, depth + 1) };
  const union = splitTop(t, '|');
  if (union.length > 1) return { kind: 'oneOf', types: union.map((u) => typeOf(u, aliases, lists, depth + 1)) };
  const intersection = splitTop(t, '&');
  if (intersection.length > 1) return typeOf(intersection[intersection.length - 1]!, aliases, lists, depth + 1);
  switch (t) {
    case 'string':
      return { kind: 'string' };
    case 'number':
      return { kind: 'number' };
    case 'bigint':
    case 'number | bigint':
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
  const list = lists.get(t);
  if (list) return { kind: 'array', items: typeOf(list, aliases, lists, depth + 1) };
  const alias = aliases.get(t);
  // Enums are `declare const X: {...}; type X = (typeof X)[keyof typeof X]`: strings.
  if (alias !== undefined) return alias.includes('keyof typeof') ? { kind: 'string' } : typeOf(alias, aliases, lists, depth + 1);
  if (/^\{/.test(t)) return { kind: 'object' };
  return { kind: 'model', name: t };
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
