#!/usr/bin/env node
/**
 * Compares the vendored MEXC schema (protos/mexc) with another copy of it, field by field: name,
 * number, type, label and oneof of every field of every message. Comments and options do not
 * count. Prints each difference; exits 1 when there is one, 0 when the wire contracts are equal.
 *   node libs/mexc-proto/scripts/compare-schema.js <folder with upstream .proto files>
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const protobuf = createRequire(import.meta.url)("protobufjs");
const vendored = resolve(dirname(fileURLToPath(import.meta.url)), "../../../protos/mexc");

/** "Message.field" -> "number label type oneof" for every field of every message in `dir`. */
function fields(dir) {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(dir, target.split("/").pop());
  root.loadSync(readdirSync(dir).filter((f) => f.endsWith(".proto")).map((f) => join(dir, f)), { keepCase: true });
  root.resolveAll();
  const out = new Map();
  const visit = (namespace) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) {
        for (const field of nested.fieldsArray) {
          const label = field.repeated ? "repeated" : field.options?.proto3_optional ? "optional" : "singular";
          out.set(`${nested.fullName.slice(1)}.${field.name}`, `${field.id} ${label} ${field.type}${field.partOf && !field.options?.proto3_optional ? ` oneof ${field.partOf.name}` : ""}`);
        }
      }
      if (nested.nestedArray) visit(nested);
    }
  };
  visit(root);
  return out;
}

const other = process.argv[2];
if (!other) {
  process.stderr.write("usage: compare-schema.js <folder with the other copy's .proto files>\n");
  process.exit(2);
}
const ours = fields(vendored);
const theirs = fields(resolve(other));
let differences = 0;
for (const name of [...new Set([...ours.keys(), ...theirs.keys()])].sort()) {
  if (ours.get(name) === theirs.get(name)) continue;
  differences++;
  process.stdout.write(`${name}: vendored ${ours.get(name) ?? "(absent)"} | other ${theirs.get(name) ?? "(absent)"}\n`);
}
process.exit(differences ? 1 : 0);
