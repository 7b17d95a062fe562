#!/usr/bin/env node
// The `cexgw` command. It lives outside dist/ so that `npm install` links it before the first
// build; the program itself is cli/src, compiled to cli/dist by `npm run build`.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('cexgw is not built yet: run `npm run build` in the repository root\n');
  process.exit(2);
}
await import(main.href);
