// The neutral shape every venue source is turned into: named models of typed fields, each model
// naming where it came from. A venue's official SDK models, its documented example payloads and
// its protobuf schema all become this, so one checker serves every venue.

/** Where a contract comes from: enough for a reader to find the same text again. */
export interface Provenance {
  /** e.g. "npm gate-api 7.2.144", "github gateio/gatews", "github mexcdevelop/apidocs". */
  readonly origin: string;
  /** File inside the package or repository. */
  readonly path?: string;
  /** Commit, package version or date of the copy the contract was taken from. */
  readonly version?: string;
  /** Anchor or heading inside the file, or a note on how the example was taken. */
  readonly note?: string;
}

export type WireType =
  | { readonly kind: 'string'; readonly values?: readonly string[] }
  | { readonly kind: 'number'; readonly integer?: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'array'; readonly items: WireType }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'map'; readonly values: WireType }
  /** Any of these (a member the venue sends in more than one form, sources that disagree, or a value that is sometimes null). */
  | { readonly kind: 'oneOf'; readonly types: readonly WireType[] }
  /** Any JSON object (the source types it no further). */
  | { readonly kind: 'object' }
  /** The source says nothing about it (an empty example list, say): anything goes. */
  | { readonly kind: 'any' }
  /** JSON null (a source whose examples show `null` where a value may be absent). */
  | { readonly kind: 'null' };

export interface WireModel {
  readonly name: string;
  readonly fields: ReadonlyMap<string, WireType>;
  readonly source: Provenance;
}

export interface ModelRegistry {
  model(name: string): WireModel | undefined;
}

export class Models implements ModelRegistry {
  private readonly byName = new Map<string, WireModel>();

  add(model: WireModel): this {
    this.byName.set(model.name, model);
    return this;
  }

  model(name: string): WireModel | undefined {
    return this.byName.get(name);
  }

  get size(): number {
    return this.byName.size;
  }
}

export const STRING: WireType = { kind: 'string' };
export const NUMBER: WireType = { kind: 'number' };
export const ANY: WireType = { kind: 'any' };
export const NULL: WireType = { kind: 'null' };

export function describeType(type: WireType): string {
  switch (type.kind) {
    case 'string':
      return type.values ? `one of ${type.values.map((v) => JSON.stringify(v)).join(', ')}` : 'a string';
    case 'number':
      return type.integer ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'array':
      return `a list of ${describeType(type.items)}`;
    case 'model':
      return `a ${type.name}`;
    case 'map':
      return `a map of ${describeType(type.values)}`;
    case 'oneOf':
      return type.types.map(describeType).join(' or ');
    case 'object':
      return 'an object';
    case 'any':
      return 'anything';
    case 'null':
      return 'null';
  }
}
