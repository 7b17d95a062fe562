#!/usr/bin/env node
/**
 * Compares the vendored MEXC schema (protos/mexc) with another copy of it, field by field: name,
 * number, type, label and oneof of every field of every message. Comments and options do not
 * count. Prints each difference; exits 1 when there is one, 0 when the wire contracts are equal.
 *   node libs/mexc-proto/scripts/compare-schema.js <folder with upstream .proto files>
 * (after `npm run build`: it uses the package's schema loader.)
 */
import { resolve } from 'node:path';
import { loadMexcSchema } from '../dist/schema.js';

/** "Message.field" -> "number label type oneof" for every field of every message. */
function fields(dir) {
  const out = new Map();
  for (const message of loadMexcSchema(dir).messages.values()) {
    for (const f of message.fields.values()) {
      const label = f.repeated ? 'repeated' : f.optional ? 'optional' : 'singular';
      out.set(`${message.name}.${f.name}`, `${f.number} ${label} ${f.type}${f.oneof ? ` oneof ${f.oneof}` : ''}`);
    }
  }
  return out;
}

const other = process.argv[2];
if (!other) {
  process.stderr.write("usage: compare-schema.js <folder with the other copy's .proto files>\n");
  process.exit(2);
}
const ours = fields(undefined);
const theirs = fields(resolve(other));
let differences = 0;
for (const name of [...new Set([...ours.keys(), ...theirs.keys()])].sort()) {
  if (ours.get(name) === theirs.get(name)) continue;
  differences++;
  process.stdout.write(`${name}: vendored ${ours.get(name) ?? '(absent)'} | other ${theirs.get(name) ?? '(absent)'}\n`);
}
process.exit(differences ? 1 : 0);
