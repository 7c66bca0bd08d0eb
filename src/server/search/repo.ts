import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { SearchKind } from '../../shared/search.js';
import type { DialectName } from '../db/connection.js';
import type { DB } from '../db/types.js';

// The SQL of the site-wide search. Each ledger is searched by one query over its own table `r`:
// - SQLite, three characters or more: the FTS5 trigram table `search_<table>` (migration 0011, kept
//   in step by triggers) finds the ids; its rowid is the record's id.
// - PostgreSQL: ILIKE on the title and body expressions, which pg_trgm GIN indexes serve (migration
//   0011). The expressions below must stay exactly those of the migration, or the index goes unused.
// - One or two characters (no trigram to look up): LIKE over the same expressions, a scan bounded by
//   the organisations read and the LIMIT.
// Ranked by: title matches first, then the most recently changed.

interface Ledger {
  kind: SearchKind;
  table: string;
  /** The indexed title expression (null: the record has no name of its own). */
  title: string | null;
  /** The indexed body expression. */
  body: string;
  /** The title shown, when the record has no name of its own. */
  shownTitle?: string;
  join?: string;
  recency: string;
  /** The id of the record its web page is about (a follow-up's project …); default r.id. */
  pageId?: string;
}

const LEDGERS: Ledger[] = [
  {
    kind: 'project',
    table: 'projects',
    title: "coalesce(r.title, '')",
    body: "coalesce(r.description, '') || ' ' || coalesce(r.program, '')",
    recency: 'r.updated_at',
  },
  {
    kind: 'enterprise',
    table: 'enterprises',
    title: "coalesce(r.name, '')",
    body: "coalesce(r.address, '') || ' ' || coalesce(r.contact_person, '') || ' ' || coalesce(r.notes, '')",
    recency: 'r.updated_at',
  },
  { kind: 'visit', table: 'visits', title: "coalesce(r.purpose, '')", body: "coalesce(r.findings, '')", recency: 'r.updated_at' },
  {
    kind: 'followup',
    table: 'project_followups',
    title: null,
    body: "coalesce(r.found, '') || ' ' || coalesce(r.solved, '') || ' ' || coalesce(r.open_problems, '')",
    shownTitle: "r.followup_date || ' ' || p.title",
    join: 'inner join projects p on p.id = r.project_id',
    recency: 'r.updated_at',
    pageId: 'r.project_id',
  },
  {
    kind: 'event',
    table: 'events',
    title: "coalesce(r.theme, '')",
    body: "coalesce(r.organiser, '') || ' ' || coalesce(r.notes, '')",
    recency: 'r.updated_at',
  },
  {
    kind: 'commissioner',
    table: 'commissioners',
    title: "coalesce(r.name, '')",
    body: "coalesce(r.employer, '') || ' ' || coalesce(r.title, '') || ' ' || coalesce(r.specialty, '') || ' ' || coalesce(r.notes, '')",
    recency: 'r.updated_at',
  },
  {
    kind: 'serviceLog',
    table: 'service_logs',
    title: null,
    body: "coalesce(r.content, '') || ' ' || coalesce(r.problems_solved, '') || ' ' || coalesce(r.new_techniques, '')",
    shownTitle: "r.log_date || ' ' || c.name",
    join: 'inner join commissioners c on c.id = r.commissioner_id',
    recency: 'r.updated_at',
    pageId: 'r.commissioner_id',
  },
  { kind: 'worklistItem', table: 'worklist_items', title: "coalesce(r.title, '')", body: "coalesce(r.search_text, '')", recency: 'r.updated_at' },
];

export interface SearchScope {
  orgIds: number[];
  /** Set for a commissioner: only their own profile and logs, nothing of the other ledgers. */
  commissionerUserId?: number;
}

export interface SearchRow {
  id: number;
  pageId: number;
  title: string;
  body: string;
}

/** The kinds this scope searches: a commissioner's own profile and logs, or every ledger. */
export function searchableKinds(scope: SearchScope): SearchKind[] {
  return LEDGERS.filter((l) => scope.commissionerUserId === undefined || l.kind === 'commissioner' || l.kind === 'serviceLog').map((l) => l.kind);
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An FTS5 query for `q` as one phrase: with the trigram tokenizer, a substring match. */
function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/** The records of one ledger whose title or body contain `q`, best first. */
export async function searchLedger(db: Kysely<DB>, dialect: DialectName, kind: SearchKind, q: string, scope: SearchScope, limit: number): Promise<SearchRow[]> {
  const ledger = LEDGERS.find((l) => l.kind === kind)!;
  if (scope.orgIds.length === 0) return [];
  const like = dialect === 'postgres' ? sql.raw('ilike') : sql.raw('like');
  const pattern = likePattern(q);
  const contains = (expression: string): RawBuilder<unknown> => sql`(${sql.raw(expression)}) ${like} ${pattern} escape '\\'`;
  const title = ledger.title ?? "''";

  let match: RawBuilder<unknown>;
  if (dialect === 'sqlite' && [...q].length >= 3) {
    match = sql`r.id in (select rowid from ${sql.raw(`search_${ledger.table}`)} where ${sql.raw(`search_${ledger.table}`)} match ${ftsPhrase(q)})`;
  } else {
    match = ledger.title ? sql`(${contains(ledger.title)} or ${contains(ledger.body)})` : contains(ledger.body);
  }
  const titleFirst = ledger.title ? sql`case when ${contains(ledger.title)} then 1 else 0 end desc,` : sql``;
  const own = scope.commissionerUserId === undefined ? sql`` : sql`and ${sql.raw(kind === 'serviceLog' ? 'c' : 'r')}.user_id = ${scope.commissionerUserId}`;

  const { rows } = await sql<{ id: number; page_id: number; title: string | null; body: string | null }>`
    select r.id as id, ${sql.raw(ledger.pageId ?? 'r.id')} as page_id, ${sql.raw(ledger.shownTitle ?? title)} as title, ${sql.raw(ledger.body)} as body
    from ${sql.raw(ledger.table)} r ${sql.raw(ledger.join ?? '')}
    where r.org_id in (${sql.join(scope.orgIds)}) and ${match} ${own}
    order by ${titleFirst} ${sql.raw(ledger.recency)} desc, r.id desc
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), pageId: Number(r.page_id), title: r.title ?? '', body: r.body ?? '' }));
}
