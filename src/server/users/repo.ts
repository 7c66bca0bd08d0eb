import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../db/connection.js';
import { containsText, countRows } from '../db/sql-helpers.js';
import type { DB, NewUser, UserUpdate } from '../db/types.js';

const USER_COLUMNS = [
  'u.id',
  'u.org_id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.section_id',
  's.name as section_name',
  'u.phone',
  'u.disabled',
  'u.locked_until',
  'u.last_login_at',
  'u.created_at',
  'o.name as org_name',
] as const;

function baseQuery(db: Kysely<DB>) {
  return db.selectFrom('users as u').innerJoin('orgs as o', 'o.id', 'u.org_id').leftJoin('sections as s', 's.id', 'u.section_id');
}

export function findUser(db: Kysely<DB>, orgIds: number[], id: number) {
  return baseQuery(db).select(USER_COLUMNS).where('u.org_id', 'in', orgIds).where('u.id', '=', id).executeTakeFirst();
}

export async function listUsers(
  db: Kysely<DB>,
  dialect: DialectName,
  filter: { orgIds: number[]; q?: string | null; role?: string; sectionId?: number },
  page: number,
  pageSize: number,
) {
  let q = baseQuery(db).where('u.org_id', 'in', filter.orgIds);
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) =>
      eb.or([containsText(dialect, 'u.username', text), containsText(dialect, 'u.display_name', text), containsText(dialect, 'u.phone', text)]),
    );
  }
  if (filter.role) q = q.where('u.role', '=', filter.role);
  if (filter.sectionId) q = q.where('u.section_id', '=', filter.sectionId);
  const total = await countRows(q.select((eb) => eb.fn.countAll().as('count')));
  const rows = await q
    .select(USER_COLUMNS)
    .orderBy('o.path')
    .orderBy('u.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total };
}

export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`lower(username) = ${username.toLowerCase()}`)
    .executeTakeFirst();
  return !!row;
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Kysely<DB>, id: number, patch: UserUpdate): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export function listUserOptions(db: Kysely<DB>, orgId: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('sections as s', 's.id', 'u.section_id')
    .select(['u.id', 'u.display_name', 'u.role', 's.name as section_name', 'u.disabled'])
    .where('u.org_id', '=', orgId)
    .orderBy('s.sort_order')
    .orderBy('u.id')
    .execute();
}
