#!/usr/bin/env node
// Generates src/generated/ with ts-proto from the repository's protos/ (and grpc.health.v1), at
// build time, with no protoc binary: protobufjs parses the .proto files, this script writes the
// FileDescriptorProtos protoc would hand a plugin (per file, map entries, oneofs, json names and
// the comments as source_code_info), and ts-proto's own plugin program receives them as a
// CodeGeneratorRequest on stdin, exactly as protoc would call it. Nothing generated is committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';

const require = createRequire(import.meta.url);
const { CodeGeneratorResponse } = require('ts-proto-descriptors');

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = join(HERE, '..');
const OUT_DIR = join(PACKAGE_ROOT, 'src', 'generated');
const PROTO_ROOT = join(PACKAGE_ROOT, '..', '..', 'protos');
const HEALTH_ROOT = join(dirname(require.resolve('grpc-health-check/package.json')), 'proto');

const CEXGW_FILES = ['common', 'market_data', 'futures_market_data', 'trading', 'futures_trading', 'diagnostics'].map((name) => `cexgw/v1/${name}.proto`);
const HEALTH_FILE = 'health/v1/health.proto';

/** ts-proto options: grpc-js clients, 64-bit integers as strings, decimals stay strings (they are proto strings). */
const TS_PROTO_OPTIONS = ['outputServices=grpc-js', 'forceLong=string', 'esModuleInterop=true', 'importSuffix=.js', 'env=node', 'exportCommonSymbols=false', 'useOptionals=none'].join(',');

// google.protobuf.FieldDescriptorProto.Type and .Label
const SCALAR_TYPES = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  bytes: 12,
  uint32: 13,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
};
const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;
const LABEL_OPTIONAL = 1;
const LABEL_REPEATED = 3;

// Paths into FileDescriptorProto / DescriptorProto / ServiceDescriptorProto for source_code_info.
const FILE_MESSAGE = 4;
const FILE_ENUM = 5;
const FILE_SERVICE = 6;
const MESSAGE_FIELD = 2;
const MESSAGE_NESTED = 3;
const MESSAGE_ENUM = 4;
const ENUM_VALUE = 2;
const SERVICE_METHOD = 2;

/** protoc's json_name: "error_counts_by_type" -> "errorCountsByType". */
function jsonName(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** protoc's map entry name: "error_counts_by_type" -> "ErrorCountsByTypeEntry". */
function mapEntryName(name) {
  return `${name.replace(/(?:^|_)([a-z0-9])/g, (_, c) => c.toUpperCase())}Entry`;
}

function comment(locations, path, object) {
  if (object.comment) locations.push({ path, span: [0, 0, 0], leadingComments: ` ${object.comment.replace(/\n/g, '\n ')}\n`, leadingDetachedComments: [] });
}

function fieldType(field) {
  field.resolve();
  if (field.resolvedType instanceof protobuf.Enum) return { type: TYPE_ENUM, typeName: field.resolvedType.fullName };
  if (field.resolvedType instanceof protobuf.Type) return { type: TYPE_MESSAGE, typeName: field.resolvedType.fullName };
  const type = SCALAR_TYPES[field.type];
  if (type === undefined) throw new Error(`unsupported field type ${field.type} of ${field.fullName}`);
  return { type };
}

function enumDescriptor(enumType, locations, path) {
  comment(locations, path, enumType);
  return {
    name: enumType.name,
    value: Object.entries(enumType.values).map(([name, number], i) => {
      const valueComment = enumType.comments[name];
      if (valueComment) comment(locations, [...path, ENUM_VALUE, i], { comment: valueComment });
      return { name, number };
    }),
  };
}

function messageDescriptor(type, locations, path) {
  comment(locations, path, type);
  const nestedType = [];
  const enumType = [];
  const oneofs = type.oneofsArray;
  const field = type.fieldsArray.map((f, i) => {
    comment(locations, [...path, MESSAGE_FIELD, i], f);
    const base = { name: f.name, number: f.id, jsonName: jsonName(f.name) };
    if (f instanceof protobuf.MapField) {
      const entry = mapEntryName(f.name);
      const value = fieldType(f);
      const keyType = SCALAR_TYPES[f.keyType];
      nestedType.push({
        name: entry,
        field: [
          { name: 'key', number: 1, label: LABEL_OPTIONAL, type: keyType, jsonName: 'key' },
          { name: 'value', number: 2, label: LABEL_OPTIONAL, ...value, jsonName: 'value' },
        ],
        options: { mapEntry: true },
      });
      return { ...base, label: LABEL_REPEATED, type: TYPE_MESSAGE, typeName: `.${type.fullName.slice(1)}.${entry}` };
    }
    const { type: t, typeName } = fieldType(f);
    const described = { ...base, label: f.repeated ? LABEL_REPEATED : LABEL_OPTIONAL, type: t };
    if (typeName) described.typeName = typeName;
    if (f.partOf) described.oneofIndex = oneofs.indexOf(f.partOf);
    return described;
  });
  for (const nested of type.nestedArray) {
    if (nested instanceof protobuf.Type) nestedType.push(messageDescriptor(nested, locations, [...path, MESSAGE_NESTED, nestedType.length]));
    else if (nested instanceof protobuf.Enum) enumType.push(enumDescriptor(nested, locations, [...path, MESSAGE_ENUM, enumType.length]));
  }
  return { name: type.name, field, nestedType, enumType, oneofDecl: oneofs.map((o) => ({ name: o.name })) };
}

function serviceDescriptor(service, locations, path) {
  comment(locations, path, service);
  return {
    name: service.name,
    method: service.methodsArray.map((m, i) => {
      comment(locations, [...path, SERVICE_METHOD, i], m);
      m.resolve();
      return {
        name: m.name,
        inputType: m.resolvedRequestType.fullName,
        outputType: m.resolvedResponseType.fullName,
        clientStreaming: Boolean(m.requestStream),
        serverStreaming: Boolean(m.responseStream),
      };
    }),
  };
}

/** The FileDescriptorProto of one parsed file: its top-level types, in declaration order. */
function fileDescriptor(root, fileName, packageName, dependency) {
  const namespace = root.lookup(packageName);
  const locations = [];
  const messageType = [];
  const enumType = [];
  const service = [];
  for (const object of namespace.nestedArray.filter((o) => o.filename?.endsWith(fileName))) {
    if (object instanceof protobuf.Type) messageType.push(messageDescriptor(object, locations, [FILE_MESSAGE, messageType.length]));
    else if (object instanceof protobuf.Enum) enumType.push(enumDescriptor(object, locations, [FILE_ENUM, enumType.length]));
    else if (object instanceof protobuf.Service) service.push(serviceDescriptor(object, locations, [FILE_SERVICE, service.length]));
  }
  return { name: fileName, package: packageName, dependency, messageType, enumType, service, syntax: 'proto3', sourceCodeInfo: { location: locations } };
}

function parse(includeRoot, files) {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(includeRoot, target);
  root.loadSync(files, { keepCase: true, alternateCommentMode: true });
  root.resolveAll();
  return root;
}

function dependencies(includeRoot, fileName) {
  const text = protobuf.util.fs.readFileSync(join(includeRoot, fileName), 'utf8');
  return [...text.matchAll(/^import\s+"([^"]+)";/gm)].map((m) => m[1]);
}

const cexgw = parse(PROTO_ROOT, CEXGW_FILES);
const health = parse(HEALTH_ROOT, [HEALTH_FILE]);
const protoFile = [...CEXGW_FILES.map((f) => fileDescriptor(cexgw, f, 'cexgw.v1', dependencies(PROTO_ROOT, f))), fileDescriptor(health, HEALTH_FILE, 'grpc.health.v1', [])];

/**
 * google.protobuf.compiler.CodeGeneratorRequest, written field by field. The files go through
 * protobufjs' descriptor types, which keep proto2 presence: ts-proto-descriptors' encoder drops
 * `oneof_index: 0`, which would hide the first oneof of every message from the plugin.
 */
function codeGeneratorRequest(files, parameter) {
  const writer = protobuf.Writer.create();
  for (const file of files) writer.uint32((1 << 3) | 2).string(file.name);
  writer.uint32((2 << 3) | 2).string(parameter);
  for (const file of files) writer.uint32((15 << 3) | 2).bytes(descriptor.FileDescriptorProto.encode(descriptor.FileDescriptorProto.fromObject(file)).finish());
  return writer.finish();
}

const plugin = join(dirname(require.resolve('ts-proto/package.json')), 'protoc-gen-ts_proto');
const output = execFileSync(process.execPath, [plugin], { input: codeGeneratorRequest(protoFile, TS_PROTO_OPTIONS), maxBuffer: 64 * 1024 * 1024 });
const response = CodeGeneratorResponse.decode(output);
if (response.error) throw new Error(`ts-proto: ${response.error}`);

// Unchanged files keep their timestamps, so `tsc -b` has nothing to redo on a rebuild.
const wanted = new Map(response.file.map((f) => [join(OUT_DIR, f.name), f.content]));
for (const [path, content] of wanted) {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
for (const entry of existsSync(OUT_DIR) ? readdirSync(OUT_DIR, { recursive: true, withFileTypes: true }) : []) {
  const path = join(entry.parentPath ?? entry.path, entry.name);
  if (entry.isFile() && !wanted.has(path)) rmSync(path);
}
console.log(`@cexgw/client: ts-proto ${protoFile.length} .proto files -> ${response.file.map((f) => `src/generated/${f.name}`).join(', ')}`);
