import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Models, type Provenance, type WireType } from '../schema.js';
import { RouteTable, type RouteContract } from '../routes.js';

// Gate.io's REST contract, read at run time from the installed official SDK `gate-api`, which Gate
// generates from its OpenAPI specification: every model's JSON names and types
// (dist/model/*.js, `attributeTypeMap`, enums as TypeScript enum namespaces) and every operation's
// method, path, query parameters, body and answer type (dist/api/*Api.js). Nothing is copied by
// hand, so a newer gate-api brings Gate's newer contract with it.

const require = createRequire(import.meta.url);

interface AttributeType {
  readonly baseName: string;
  readonly type: string;
}

export interface GateApiContract {
  readonly version: string;
  readonly models: Models;
  readonly routes: RouteTable;
}

let cached: GateApiContract | undefined;

/** The installed gate-api's models and routes (loaded once per process). */
export function gateApiContract(): GateApiContract {
  cached ??= load();
  return cached;
}

function load(): GateApiContract {
  const packageJson = require.resolve('gate-api/package.json');
  const root = dirname(packageJson);
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const origin = `npm gate-api ${version}`;
  const models = new Models();
  const modelDir = join(root, 'dist', 'model');
  for (const file of readdirSync(modelDir).filter((name) => name.endsWith('.js'))) {
    const path = join(modelDir, file);
    const enums = enumValues(readFileSync(path, 'utf8'));
    const exported = require(path) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      // Each model in its own file (models.js re-exports them all).
      if (name[0]!.toLowerCase() + name.slice(1) !== file.slice(0, -3)) continue;
      const attributes = (value as { attributeTypeMap?: AttributeType[] } | undefined)?.attributeTypeMap;
      if (typeof value !== 'function' || !Array.isArray(attributes)) continue;
      const fields = new Map<string, WireType>(attributes.map((a) => [a.baseName, typeOf(a.type, enums)]));
      models.add({ name, fields, source: { origin, path: `dist/model/${file}` } });
    }
  }
  const routes = new RouteTable('/api/v4');
  const apiDir = join(root, 'dist', 'api');
  for (const file of readdirSync(apiDir).filter((name) => /Api\.js$/.test(name))) {
    const className = file[0]!.toUpperCase() + file.slice(1, -3);
    for (const route of operations(readFileSync(join(apiDir, file), 'utf8'), className, { origin, path: `dist/api/${file}` })) routes.add(route);
  }
  return { version, models, routes };
}

/** `Order.Status` -> ['open', 'closed', 'cancelled'], from the generated enum namespaces. */
function enumValues(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const block = /let (\w+);\s*\(function \(\1\) \{([\s\S]*?)\}\)\(\1 = (\w+)\.\1 \|\|/g;
  for (const match of source.matchAll(block)) {
    const values = [...match[2]!.matchAll(/\] = '([^']*)'\] = /g)].map((m) => m[1]!);
    out.set(`${match[3]}.${match[1]}`, values);
  }
  return out;
}

/** A gate-api type name as a wire type. */
export function typeOf(name: string, enums: ReadonlyMap<string, string[]> = new Map()): WireType {
  const array = /^Array<(.+)>$/.exec(name);
  if (array) return { kind: 'array', items: typeOf(array[1]!, enums) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(name);
  if (map) return { kind: 'map', values: typeOf(map[1]!, enums) };
  switch (name) {
    case 'string':
    case 'Date':
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
      return { kind: 'any' };
  }
  if (name.includes('.')) {
    const values = enums.get(name);
    return values && values.length > 0 ? { kind: 'string', values } : { kind: 'string' };
  }
  return { kind: 'model', name };
}

/** Each `async name(...)` of a generated *Api class as a route. */
function operations(source: string, className: string, source_: Provenance): RouteContract[] {
  const out: RouteContract[] = [];
  const chunks = source.split(/\n {4}async (\w+)\(/);
  for (let i = 1; i + 1 < chunks.length; i += 2) {
    const name = chunks[i]!;
    const body = chunks[i + 1]!;
    const template = /localVarPath = this\.client\.basePath \+\s*'([^']+)'/.exec(body)?.[1];
    const method = /method: '(\w+)'/.exec(body)?.[1];
    if (!template || !method) continue;
    const query = new Map<string, WireType>();
    for (const m of body.matchAll(/let (\w+)Serialized = models_1\.ObjectSerializer\.serialize\([^;]*?, '([^']+)'\);[\s\S]*?localVarQueryParameters\['([^']+)'\] = \1Serialized;/g)) {
      query.set(m[3]!, typeOf(m[2]!));
    }
    const bodyType = /data: models_1\.ObjectSerializer\.serialize\(\w+, '([^']+)'\)/.exec(body)?.[1];
    const answer = /this\.client\.request\(config, '([^']+)'/.exec(body)?.[1];
    out.push({
      operation: `${className}.${name}`,
      method,
      template,
      query,
      body: bodyType ? typeOf(bodyType) : undefined,
      response: answer ? typeOf(answer) : undefined,
      source: { ...source_, note: `${className}.${name}` },
    });
  }
  return out;
}
