import { checkValue, type Violation } from './check.js';
import type { ModelRegistry, Provenance, WireType } from './schema.js';

// A venue's REST operations as its source describes them, found by method and concrete path.

export interface RouteContract {
  /** The source's name for it, e.g. `FuturesApi.listFuturesOrders`. */
  readonly operation: string;
  readonly method: string;
  /** Path under the venue's base path, with `{name}` for path parameters. */
  readonly template: string;
  readonly query: ReadonlyMap<string, WireType>;
  /** JSON body; undefined when the operation takes none. */
  readonly body?: WireType;
  /** JSON answer; undefined when the source declares none. */
  readonly response?: WireType;
  readonly source: Provenance;
}

interface CompiledRoute {
  readonly route: RouteContract;
  readonly pattern: RegExp;
  readonly variables: number;
}

export class RouteTable {
  private readonly routes: CompiledRoute[] = [];

  /** `basePath`: the prefix every operation's path sits under (Gate: `/api/v4`). */
  constructor(readonly basePath = '') {}

  add(route: RouteContract): void {
    const variables = (route.template.match(/\{[^}]+\}/g) ?? []).length;
    const pattern = new RegExp(`^${route.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
    this.routes.push({ route, pattern, variables });
    // Literal segments win over path parameters: /orders/timerange before /orders/{order_id}.
    this.routes.sort((a, b) => a.variables - b.variables);
  }

  /** The operation a request is, by method and path (the base path and any query stripped). */
  match(method: string, path: string): RouteContract | undefined {
    let local = path.split('?')[0]!;
    if (this.basePath && local.startsWith(this.basePath)) local = local.slice(this.basePath.length);
    const upper = method.toUpperCase();
    return this.routes.find((r) => r.route.method === upper && r.pattern.test(local))?.route;
  }

  get size(): number {
    return this.routes.length;
  }
}

/** The query string and JSON body a client sent, against the operation's parameters and body type. */
export function checkRequest(route: RouteContract, query: URLSearchParams, body: string, models: ModelRegistry): Violation[] {
  const out: Violation[] = [];
  for (const [name, value] of query) {
    const type = route.query.get(name);
    if (!type) out.push({ path: `query ${name}`, message: `is not a parameter of ${route.operation} (${route.source.origin})` });
    else if (!queryValueFits(value, type)) out.push({ path: `query ${name}`, message: `is ${JSON.stringify(value)}, ${route.operation} takes a ${type.kind}` });
  }
  if (body.trim() === '') return out;
  if (!route.body) {
    out.push({ path: 'body', message: `is sent, but ${route.operation} takes no body` });
    return out;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    out.push({ path: 'body', message: 'is not JSON' });
    return out;
  }
  return out.concat(checkValue(parsed, route.body, models, 'body'));
}

function queryValueFits(value: string, type: WireType): boolean {
  switch (type.kind) {
    case 'number':
      return type.integer ? /^-?\d+$/.test(value) : /^-?\d+(\.\d+)?$/.test(value);
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'string':
      return !type.values || type.values.includes(value);
    default:
      return true;
  }
}
