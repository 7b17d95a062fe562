import { describeType, type ModelRegistry, type WireType } from './schema.js';

// The strict checker: a payload passes only if every member it carries is one the source names,
// with the type the source gives. Absent members are not violations here (the sources mark few
// fields required); what the adapter needs to be present is checked by the read contract
// (reads.ts), against what the adapter actually reads.

export interface Violation {
  /** JSON path of the offending value, e.g. `$[0].trade_id`. */
  readonly path: string;
  readonly message: string;
}

export function checkValue(value: unknown, type: WireType, models: ModelRegistry, path = '$'): Violation[] {
  const out: Violation[] = [];
  visit(value, type, models, path, out);
  return out;
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `${typeof value === 'object' ? 'an object' : typeof value}`;
}

function visit(value: unknown, type: WireType, models: ModelRegistry, path: string, out: Violation[]): void {
  const mismatch = () => out.push({ path, message: `is ${jsonKind(value)}, the source says ${describeType(type)}` });
  switch (type.kind) {
    case 'any':
      return;
    case 'null':
      if (value !== null) mismatch();
      return;
    case 'oneOf': {
      // The value fits when one of the types takes it whole. Otherwise: the violations inside the
      // alternative whose outer shape fits (an object for a model), else that no alternative fits.
      let inside: Violation[] | undefined;
      for (const option of type.types) {
        const found: Violation[] = [];
        visit(value, option, models, path, found);
        if (found.length === 0) return;
        if (found.every((v) => v.path !== path) && (!inside || found.length < inside.length)) inside = found;
      }
      if (inside) out.push(...inside);
      else mismatch();
      return;
    }
    case 'string':
      if (typeof value !== 'string') return void mismatch();
      if (type.values && !type.values.includes(value)) mismatch();
      return;
    case 'number':
      if (typeof value !== 'number' || (type.integer && !Number.isInteger(value))) mismatch();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') mismatch();
      return;
    case 'array':
      if (!Array.isArray(value)) return void mismatch();
      value.forEach((item, i) => visit(item, type.items, models, `${path}[${i}]`, out));
      return;
    case 'object':
      if (!isObject(value)) mismatch();
      return;
    case 'map':
      if (!isObject(value)) return void mismatch();
      for (const [key, item] of Object.entries(value)) visit(item, type.values, models, `${path}.${key}`, out);
      return;
    case 'model': {
      // An absent nested object is sent as null where the venue documents it ("close_order:
      // the current close order, or null"); the generated models do not carry `nullable`.
      if (value === null) return;
      if (!isObject(value)) return void mismatch();
      const model = models.model(type.name);
      if (!model) return void out.push({ path, message: `names a model ${type.name} the source does not define` });
      for (const [key, item] of Object.entries(value)) {
        const field = model.fields.get(key);
        if (!field) out.push({ path: `${path}.${key}`, message: `is not a field of ${model.name} (${model.source.origin}${model.source.path ? ` ${model.source.path}` : ''})` });
        else visit(item, field, models, `${path}.${key}`, out);
      }
      return;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line per violation, for a test failure or the live suite's report. */
export function formatViolations(where: string, violations: readonly Violation[]): string {
  return violations.map((v) => `${where}: ${v.path} ${v.message}`).join('\n');
}
