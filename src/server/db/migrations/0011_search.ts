// Frozen in time: this file never imports app code.
// Site-wide search (issue 14): every ledger's name and text fields, found by any Chinese substring.
//
// SQLite: one FTS5 table per ledger, `search_<table>`, tokenized in trigrams, its rowid the record's
// id, holding (title, body). Triggers on the ledger table keep it in step on every insert, update and
// delete, so whatever transaction writes a record also writes its index entry, and no repository
// needs to know the index exists. Existing rows are copied in here.
// PostgreSQL: pg_trgm GIN indexes on the same title and body expressions of the ledger table itself
// (nothing to keep in step). The body expressions must stay exactly as the search repository writes
// them, or PostgreSQL cannot use the index.
// Trigram indexes cannot serve queries of one or two characters; the repository scans for those.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

type Db = Kysely<any>;

interface SearchedTable {
  table: string;
  /** SQL over the table's columns (no alias), as of this migration. */
  title: string;
  body: string;
}

const SEARCHED: SearchedTable[] = [
  { table: 'projects', title: "coalesce(title, '')", body: "coalesce(description, '') || ' ' || coalesce(program, '')" },
  {
    table: 'enterprises',
    title: "coalesce(name, '')",
    body: "coalesce(address, '') || ' ' || coalesce(contact_person, '') || ' ' || coalesce(notes, '')",
  },
  { table: 'visits', title: "coalesce(purpose, '')", body: "coalesce(findings, '')" },
  {
    table: 'project_followups',
    title: "''",
    body: "coalesce(found, '') || ' ' || coalesce(solved, '') || ' ' || coalesce(open_problems, '')",
  },
  { table: 'events', title: "coalesce(theme, '')", body: "coalesce(organiser, '') || ' ' || coalesce(notes, '')" },
  {
    table: 'commissioners',
    title: "coalesce(name, '')",
    body: "coalesce(employer, '') || ' ' || coalesce(title, '') || ' ' || coalesce(specialty, '') || ' ' || coalesce(notes, '')",
  },
  {
    table: 'service_logs',
    title: "''",
    body: "coalesce(content, '') || ' ' || coalesce(problems_solved, '') || ' ' || coalesce(new_techniques, '')",
  },
  { table: 'worklist_items', title: "coalesce(title, '')", body: "coalesce(search_text, '')" },
];

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** `coalesce(title, '')` → `coalesce(new.title, '')`: the expression over the trigger's row. */
function overRow(expression: string, row: 'new' | 'old'): string {
  return expression.replace(/coalesce\((\w+),/g, `coalesce(${row}.$1,`);
}

export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) {
    // In public, not in the schema in use: an extension belongs to the whole database, and a schema
    // dropped with CASCADE (a test's, or a bureau's copy) must not take the operator class with it.
    await sql`create extension if not exists pg_trgm schema public`.execute(db);
    const { rows } = await sql<{
      schema: string;
    }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
    const opclass = `"${rows[0]!.schema}".gin_trgm_ops`;
    for (const s of SEARCHED) {
      if (s.title !== "''") {
        await sql.raw(`create index ${s.table}_search_title_idx on ${s.table} using gin ((${s.title}) ${opclass})`).execute(db);
      }
      await sql.raw(`create index ${s.table}_search_body_idx on ${s.table} using gin ((${s.body}) ${opclass})`).execute(db);
    }
    return;
  }
  for (const s of SEARCHED) {
    const fts = `search_${s.table}`;
    await sql.raw(`create virtual table ${fts} using fts5(title, body, tokenize = 'trigram')`).execute(db);
    const insertNew = `insert into ${fts} (rowid, title, body) values (new.id, ${overRow(s.title, 'new')}, ${overRow(s.body, 'new')});`;
    await sql.raw(`create trigger ${fts}_insert after insert on ${s.table} begin ${insertNew} end`).execute(db);
    await sql.raw(`create trigger ${fts}_update after update on ${s.table} begin delete from ${fts} where rowid = old.id; ${insertNew} end`).execute(db);
    await sql.raw(`create trigger ${fts}_delete after delete on ${s.table} begin delete from ${fts} where rowid = old.id; end`).execute(db);
    await sql.raw(`insert into ${fts} (rowid, title, body) select id, ${s.title}, ${s.body} from ${s.table}`).execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  for (const s of SEARCHED) {
    if (isPostgres(db)) {
      await sql.raw(`drop index if exists ${s.table}_search_title_idx`).execute(db);
      await sql.raw(`drop index if exists ${s.table}_search_body_idx`).execute(db);
    } else {
      for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists search_${s.table}_${event}`).execute(db);
      await sql.raw(`drop table if exists search_${s.table}`).execute(db);
    }
  }
}
