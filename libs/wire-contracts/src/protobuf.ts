import type { Violation } from './check.js';
import type { Provenance } from './schema.js';

// Protobuf pushes against a published .proto schema, read off the wire without the schema's
// generated code: every field a message carries must be one the schema declares, with the wire
// type its declared type is encoded with. A venue's simulator encodes with code generated from
// our copy of the schema, so this is what catches a copy (or a hand-written encoder) that has
// drifted from what the venue publishes.

export interface ProtoField {
  readonly name: string;
  readonly number: number;
  /** A scalar type name (`string`, `int64`, ...) or the name of a message in the schema. */
  readonly type: string;
  readonly repeated: boolean;
}

export interface ProtoMessage {
  readonly name: string;
  readonly fields: ReadonlyMap<number, ProtoField>;
}

export interface ProtoSchema {
  readonly messages: ReadonlyMap<string, ProtoMessage>;
  readonly source: Provenance;
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

const SCALAR_WIRE_TYPE: Readonly<Record<string, number>> = {
  int32: VARINT,
  int64: VARINT,
  uint32: VARINT,
  uint64: VARINT,
  sint32: VARINT,
  sint64: VARINT,
  bool: VARINT,
  fixed64: FIXED64,
  sfixed64: FIXED64,
  double: FIXED64,
  fixed32: FIXED32,
  sfixed32: FIXED32,
  float: FIXED32,
  string: LENGTH_DELIMITED,
  bytes: LENGTH_DELIMITED,
};

export interface ProtobufReport {
  readonly violations: Violation[];
  /** `Message.field` of every field seen, nested messages included. */
  readonly seen: Set<string>;
}

/** Checks one encoded message (`bytes`) of type `messageName` against the schema. */
export function checkProtobuf(bytes: Uint8Array, messageName: string, schema: ProtoSchema): ProtobufReport {
  const report: ProtobufReport = { violations: [], seen: new Set() };
  walk(bytes, 0, bytes.length, messageName, schema, '$', report);
  return report;
}

function walk(bytes: Uint8Array, start: number, end: number, messageName: string, schema: ProtoSchema, path: string, report: ProtobufReport): void {
  const message = schema.messages.get(messageName);
  const where = `${schema.source.origin}${schema.source.version ? ` @ ${schema.source.version}` : ''}`;
  if (!message) return void report.violations.push({ path, message: `is a ${messageName}, which ${where} does not define` });
  let at = start;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (at >= end) return undefined;
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return undefined;
  };
  while (at < end) {
    const tag = varint();
    if (tag === undefined) return void report.violations.push({ path, message: 'ends inside a field tag' });
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    const field = message.fields.get(number);
    const fieldPath = `${path}.${field?.name ?? `#${number}`}`;
    let length = 0;
    if (wireType === VARINT) {
      if (varint() === undefined) return void report.violations.push({ path: fieldPath, message: 'ends inside a varint' });
    } else if (wireType === FIXED64 || wireType === FIXED32) {
      at += wireType === FIXED64 ? 8 : 4;
    } else if (wireType === LENGTH_DELIMITED) {
      const read = varint();
      if (read === undefined) return void report.violations.push({ path: fieldPath, message: 'ends inside a length' });
      length = read;
      at += length;
    } else {
      return void report.violations.push({ path: fieldPath, message: `has wire type ${wireType}, which protobuf 3 does not use` });
    }
    if (at > end) return void report.violations.push({ path: fieldPath, message: 'runs past the end of its message' });
    if (!field) {
      report.violations.push({ path: fieldPath, message: `field number ${number} (wire type ${wireType}) is not a field of ${message.name} (${where})` });
      continue;
    }
    report.seen.add(`${message.name}.${field.name}`);
    const scalar = SCALAR_WIRE_TYPE[field.type];
    const expected = scalar ?? LENGTH_DELIMITED; // a message (enums are read as int32 by the schema loaders)
    const packed = field.repeated && scalar !== undefined && scalar !== LENGTH_DELIMITED && wireType === LENGTH_DELIMITED;
    if (wireType !== expected && !packed) {
      report.violations.push({ path: fieldPath, message: `has wire type ${wireType}, but ${message.name}.${field.name} is ${field.repeated ? 'repeated ' : ''}${field.type} (wire type ${expected})` });
    } else if (scalar === undefined) {
      walk(bytes, at - length, at, field.type, schema, fieldPath, report);
    }
  }
}
