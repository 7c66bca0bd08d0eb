import type { Kysely } from 'kysely';
import type { DialectName } from '../db/connection.js';
import { containsText, countRows, jsonText } from '../db/sql-helpers.js';
import type { DB, WorklistItemRow, WorklistRow } from '../db/types.js';

/** Lists with their item and overdue counts; `onlyId` narrows to one list. */
export function listWorklists(db: Kysely<DB>, orgIds: number[], includeArchived: boolean, today: string, onlyId?: number) {
  let q = db
    .selectFrom('worklists as w')
    .selectAll('w')
    .select((eb) => [
      eb.selectFrom('worklist_items as i').select(eb.fn.countAll<number>().as('c')).whereRef('i.list_id', '=', 'w.id').as('item_count'),
      eb
        .selectFrom('worklist_items as i')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('i.list_id', '=', 'w.id')
        .where('i.closed_date', 'is', null)
        .where('i.deadline', '<', today)
        .as('overdue_count'),
    ])
    .where('w.org_id', 'in', orgIds);
  if (!includeArchived) q = q.where('w.archived', '=', 0);
  if (onlyId !== undefined) q = q.where('w.id', '=', onlyId);
  return q.orderBy('w.sort_order').orderBy('w.id').execute();
}

export function findWorklist(db: Kysely<DB>, orgIds: number[], id: number): Promise<WorklistRow | undefined> {
  return db.selectFrom('worklists').selectAll().where('org_id', 'in', orgIds).where('id', '=', id).executeTakeFirst();
}

export function findWorklistByName(db: Kysely<DB>, orgId: number, name: string) {
  return db.selectFrom('worklists').select(['id', 'name']).where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export function findWorklistByKey(db: Kysely<DB>, orgId: number, key: string) {
  return db.selectFrom('worklists').select(['id', 'key']).where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();
}

/** `wanted`, or wanted_2, wanted_3 … when a list of the organisation already has it. */
export async function freeWorklistKey(db: Kysely<DB>, orgId: number, wanted: string): Promise<string> {
  const taken = new Set(
    (await db.selectFrom('worklists').select('key').where('org_id', '=', orgId).where('key', 'like', `${wanted}%`).execute()).map((r) => r.key),
  );
  let key = wanted;
  for (let n = 2; taken.has(key); n++) key = `${wanted}_${n}`;
  return key;
}

export async function insertWorklist(db: Kysely<DB>, row: Omit<WorklistRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('worklists').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateWorklist(db: Kysely<DB>, id: number, patch: Partial<Omit<WorklistRow, 'id' | 'org_id'>>): Promise<void> {
  await db.updateTable('worklists').set(patch).where('id', '=', id).execute();
}

export async function deleteWorklist(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('worklists').where('id', '=', id).execute();
}

export async function countItems(db: Kysely<DB>, listId: number): Promise<number> {
  return countRows(
    db
      .selectFrom('worklist_items')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('list_id', '=', listId),
  );
}

/** Every item of a list with the statuses it ever had, for checking a definition change. */
export async function itemsWithStatusHistory(db: Kysely<DB>, listId: number) {
  const items = await db.selectFrom('worklist_items').select(['id', 'title', 'values_json', 'status']).where('list_id', '=', listId).execute();
  const history = await db
    .selectFrom('worklist_progress as p')
    .innerJoin('worklist_items as i', 'i.id', 'p.item_id')
    .select(['p.item_id', 'p.to_status'])
    .where('i.list_id', '=', listId)
    .where('p.to_status', 'is not', null)
    .execute();
  return items.map((i) => ({ ...i, statusHistory: history.filter((h) => h.item_id === i.id).map((h) => h.to_status!) }));
}

export interface ItemFilter {
  listId: number;
  orgIds: number[];
  q?: string | null;
  statuses?: string[];
  responsibleId?: number;
  overdue?: 'yes' | 'no';
  today: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  /** Field filters: exact match, or contains for text-like fields. */
  fields: { key: string; value: string; contains: boolean }[];
}

const ITEM_SORTS = { registeredDate: 'i.registered_date', deadline: 'i.deadline', updatedAt: 'i.updated_at', status: 'i.status' } as const;

export async function listItems(
  db: Kysely<DB>,
  dialect: DialectName,
  f: ItemFilter,
  sort: keyof typeof ITEM_SORTS,
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('worklist_items as i').where('i.list_id', '=', f.listId).where('i.org_id', 'in', f.orgIds);
  if (f.q) q = q.where(containsText(dialect, 'i.search_text', f.q));
  if (f.statuses?.length) q = q.where('i.status', 'in', f.statuses);
  if (f.responsibleId) q = q.where('i.responsible_id', '=', f.responsibleId);
  if (f.overdue === 'yes') q = q.where('i.closed_date', 'is', null).where('i.deadline', '<', f.today);
  if (f.overdue === 'no') q = q.where((eb) => eb.or([eb('i.closed_date', 'is not', null), eb('i.deadline', 'is', null), eb('i.deadline', '>=', f.today)]));
  if (f.deadlineFrom) q = q.where('i.deadline', '>=', f.deadlineFrom);
  if (f.deadlineTo) q = q.where('i.deadline', '<=', f.deadlineTo);
  for (const field of f.fields) {
    const expr = jsonText(dialect, 'i.values_json', field.key);
    q = field.contains ? q.where(containsText(dialect, expr, field.value)) : q.where(expr, '=', field.value);
  }
  const total = await countRows(q.select((eb) => eb.fn.countAll().as('count')));
  const rows = await q
    .selectAll('i')
    .orderBy(ITEM_SORTS[sort], (ob) => (order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('i.id', order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

export function findItem(db: Kysely<DB>, orgIds: number[], id: number): Promise<WorklistItemRow | undefined> {
  return db.selectFrom('worklist_items').selectAll().where('org_id', 'in', orgIds).where('id', '=', id).executeTakeFirst();
}

export async function insertItem(db: Kysely<DB>, row: Omit<WorklistItemRow, 'id' | 'version'>): Promise<number> {
  return (await db.insertInto('worklist_items').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateItem(db: Kysely<DB>, id: number, patch: Partial<Omit<WorklistItemRow, 'id' | 'org_id' | 'list_id'>>): Promise<void> {
  await db.updateTable('worklist_items').set(patch).where('id', '=', id).execute();
}

export async function deleteItem(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('worklist_items').where('id', '=', id).execute();
}

export function progressOf(db: Kysely<DB>, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db
    .selectFrom('worklist_progress as p')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .selectAll('p')
    .select('u.display_name')
    .where('p.item_id', 'in', itemIds)
    .orderBy('p.entry_date')
    .orderBy('p.id')
    .execute();
}

export async function insertProgress(
  db: Kysely<DB>,
  row: {
    org_id: number;
    item_id: number;
    entry_date: string;
    content: string;
    from_status: string | null;
    to_status: string | null;
    user_id: number;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('worklist_progress').values(row).execute();
}

/** Names of the people, places, enterprises and items that values refer to. */
export async function referenceNames(db: Kysely<DB>, ids: { person: number[]; place: number[]; enterprise: number[]; item: number[] }) {
  const [people, places, enterprises, items] = await Promise.all([
    ids.person.length ? db.selectFrom('users').select(['id', 'display_name as name', 'org_id']).where('id', 'in', ids.person).execute() : [],
    ids.place.length
      ? db
          .selectFrom('places as p')
          .leftJoin('places as town', 'town.id', 'p.parent_id')
          .select(['p.id', 'p.name', 'p.org_id', 'p.level', 'town.name as parent_name'])
          .where('p.id', 'in', ids.place)
          .execute()
      : [],
    ids.enterprise.length ? db.selectFrom('enterprises').select(['id', 'name', 'org_id']).where('id', 'in', ids.enterprise).execute() : [],
    ids.item.length ? db.selectFrom('worklist_items').select(['id', 'title as name', 'org_id', 'list_id']).where('id', 'in', ids.item).execute() : [],
  ]);
  return { people, places, enterprises, items };
}

export function overdueCounts(db: Kysely<DB>, orgId: number, today: string) {
  return db
    .selectFrom('worklist_items as i')
    .innerJoin('worklists as w', 'w.id', 'i.list_id')
    .select(['i.list_id', 'w.name', 'i.responsible_id', (eb) => eb.fn.countAll().as('count')])
    .where('i.org_id', '=', orgId)
    .where('w.archived', '=', 0)
    .where('i.closed_date', 'is', null)
    .where('i.deadline', '<', today)
    .groupBy(['i.list_id', 'w.name', 'i.responsible_id'])
    .execute();
}

/**
 * Items registered by `to`, with the log entries the period's facts read: every status change up to
 * `to` (the state on the last day) and every other entry dated in the period (progress made in it).
 */
export async function itemsForFacts(db: Kysely<DB>, listId: number, period: { from: string; to: string }) {
  const items = await db
    .selectFrom('worklist_items')
    .select(['id', 'title', 'registered_date', 'deadline', 'values_json'])
    .where('list_id', '=', listId)
    .where('registered_date', '<=', period.to)
    .orderBy('id')
    .execute();
  const entries = items.length
    ? await db
        .selectFrom('worklist_progress as p')
        .innerJoin('worklist_items as i', 'i.id', 'p.item_id')
        .select(['p.item_id', 'p.entry_date', 'p.from_status', 'p.to_status', 'p.id'])
        .where('i.list_id', '=', listId)
        .where('p.entry_date', '<=', period.to)
        .where((eb) => eb.or([eb('p.to_status', 'is not', null), eb('p.entry_date', '>=', period.from)]))
        .orderBy('p.entry_date')
        .orderBy('p.id')
        .execute()
    : [];
  return { items, entries };
}

export async function itemsOfList(db: Kysely<DB>, listId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('worklist_items').select('id').where('list_id', '=', listId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Every item's values, in the order they were registered (the plan list's items for a summary). */
export function itemValuesOfList(db: Kysely<DB>, listId: number) {
  return db.selectFrom('worklist_items').select(['id', 'values_json']).where('list_id', '=', listId).orderBy('registered_date').orderBy('id').execute();
}
