import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/compare-schema.js: how a maintainer finds out that MEXC's published schema moved on.

const script = fileURLToPath(new URL('../scripts/compare-schema.js', import.meta.url));
const vendored = fileURLToPath(new URL('../../../protos/mexc', import.meta.url));
let dir = '';

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function compare(folder: string) {
  const run = spawnSync(process.execPath, [script, folder], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout };
}

function copy(change: (file: string, text: string) => string = (_f, t) => t): string {
  dir = mkdtempSync(join(tmpdir(), 'mexc-proto-'));
  cpSync(vendored, dir, { recursive: true });
  for (const file of ['PublicAggreDealsV3Api.proto', 'PrivateDealsV3Api.proto']) writeFileSync(join(dir, file), change(file, readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('compare-schema', () => {
  it('finds no difference between equal contracts, whatever the comments', () => {
    expect(compare(copy((_f, text) => text.replace(/\/\/.*$/gm, '')))).toEqual({ code: 0, out: '' });
  });

  it('names every field that is missing, renumbered or retyped', () => {
    const other = copy((file, text) =>
      file === 'PublicAggreDealsV3Api.proto'
        ? text.replace(/^\s*string tradeId = 5;.*$/m, '').replace('int64 time = 4;', 'uint64 time = 4;')
        : text.replace('string tradeId = 7;', 'string tradeId = 70;'),
    );
    const { code, out } = compare(other);
    expect(code).toBe(1);
    expect(out.trim().split('\n')).toEqual([
      'PrivateDealsV3Api.tradeId: vendored 7 singular string | other 70 singular string',
      'PublicAggreDealsV3ApiItem.time: vendored 4 singular int64 | other 4 singular uint64',
      'PublicAggreDealsV3ApiItem.tradeId: vendored 5 singular string | other (absent)',
    ]);
  });
});
