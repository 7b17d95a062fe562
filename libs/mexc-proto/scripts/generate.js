#!/usr/bin/env node
/**
 * Generates src/generated/mexc.js (a static protobufjs ES module) and src/generated/mexc.d.ts
 * from the vendored MEXC schema in protos/mexc/, with protobufjs-cli: no protoc needed.
 * Run from anywhere: `npm run generate -w @cexgw/mexc-proto`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { pbjs, pbts } = require('protobufjs-cli');

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = resolve(packageDir, '../../protos/mexc');
const outDir = join(packageDir, 'src/generated');
const jsOut = join(outDir, 'mexc.js');
const dtsOut = join(outDir, 'mexc.d.ts');

const run = (tool, args) =>
  new Promise((resolveRun, reject) => {
    tool.main(args, (err, output) => (err ? reject(err) : resolveRun(output)));
  });

process.chdir(packageDir);
mkdirSync(outDir, { recursive: true });
const protos = readdirSync(protoDir)
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => join(protoDir, f));
if (protos.length === 0) throw new Error(`no .proto files in ${protoDir}`);

await run(pbjs, [
  '--target',
  'static-module',
  '--wrap',
  relative(packageDir, join(packageDir, 'scripts/esm-wrapper.js')),
  '--es6',
  '--keep-case',
  '--root',
  'cexgw_mexc',
  '--dependency',
  'protobufjs/minimal.js',
  '--path',
  protoDir,
  '--out',
  jsOut,
  ...protos,
]);
await run(pbts, ['--out', dtsOut, jsOut]);

// The module's default export is the root namespace; pbts only declares the named classes.
const dts = readFileSync(dtsOut, 'utf8');
writeFileSync(dtsOut, `${dts.trimEnd()}\n`);
process.stdout.write(`mexc-proto: ${protos.length} .proto files -> ${relative(packageDir, jsOut)}, ${relative(packageDir, dtsOut)}\n`);
