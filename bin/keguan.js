#!/usr/bin/env node
// The `keguan` command. It runs the compiled CLI in dist/; `npm start` and `npm run build` create it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/entry.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('keguan 尚未构建:请先在项目目录运行 npm run build(npm start 会自动构建)\n');
  process.exit(1);
}
await import(entry.href);
