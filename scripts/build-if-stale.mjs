// Runs `npm run build` when dist/ is missing or older than the sources, so `npm start` always serves
// what is checked out without rebuilding on every start.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['src', 'package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json', 'tsconfig.server.json'];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

if (process.argv.includes('--stamp')) {
  // Called at the end of `npm run build`: record that dist/ matches the sources now.
  fs.writeFileSync(stamp, new Date().toISOString());
  process.exit(0);
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sources = Math.max(...inputs.map((i) => newest(path.join(root, i))));
if (built >= sources && fs.existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
  process.exit(0);
}
console.log('正在构建 keguan(首次启动或代码有更新,约需一分钟)…');
execSync('npm run build', { cwd: root, stdio: 'inherit' });
