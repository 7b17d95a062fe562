/**
 * The vendored MEXC schema (protos/mexc) as plain data: every message with its fields' names,
 * numbers, types and labels, parsed from the .proto text with protobufjs at run time (not the
 * generated code, so a check built on it does not trust what it checks). Contract tests hold the
 * simulator's pushes against it; scripts/compare-schema.js compares it with a newer upstream.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

export interface SchemaField {
  readonly name: string;
  readonly number: number;
  /** A scalar type name or the name of a message. */
  readonly type: string;
  readonly repeated: boolean;
  readonly optional: boolean;
  /** The oneof it belongs to (not for proto3 `optional`). */
  readonly oneof?: string;
}

export interface SchemaMessage {
  readonly name: string;
  readonly fields: ReadonlyMap<number, SchemaField>;
}

export interface MexcSchema {
  readonly messages: ReadonlyMap<string, SchemaMessage>;
  readonly source: { readonly origin: string; readonly path: string; readonly version: string };
}

/** protos/mexc in this repository. */
export const VENDORED_SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../protos/mexc');

/** Where the vendored copy comes from (protos/mexc/README.md). */
export const MEXC_SCHEMA_SOURCE = { origin: 'github mexcdevelop/websocket-proto', path: '*.proto', version: '7b8ac7a (2026-06-17)' } as const;

/** Every message of the .proto files in `dir` (default: the vendored copy). */
export function loadMexcSchema(dir = VENDORED_SCHEMA_DIR): MexcSchema {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(dir, target.split('/').pop()!);
  root.loadSync(
    readdirSync(dir)
      .filter((f) => f.endsWith('.proto'))
      .map((f) => join(dir, f)),
    { keepCase: true },
  );
  root.resolveAll();
  const messages = new Map<string, SchemaMessage>();
  const visit = (namespace: protobuf.NamespaceBase): void => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) {
        const fields = new Map<number, SchemaField>();
        for (const field of nested.fieldsArray) {
          const optional = field.options?.proto3_optional === true;
          fields.set(field.id, { name: field.name, number: field.id, type: field.type, repeated: field.repeated, optional, oneof: field.partOf && !optional ? field.partOf.name : undefined });
        }
        messages.set(nested.name, { name: nested.name, fields });
      }
      if (nested instanceof protobuf.Namespace) visit(nested);
    }
  };
  visit(root);
  return { messages, source: MEXC_SCHEMA_SOURCE };
}
