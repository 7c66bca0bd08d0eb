import fs from 'node:fs';
import { type ColumnMetadata, type Kysely, sql, type TableMetadata } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.js';

// db/types.ts is written by hand. This reads it with the TypeScript parser and compares it with the
// schema the migrations build, on whichever database the suite runs (SQLite, or PostgreSQL with
// DATABASE_URL): the same tables and columns on both sides, a `T | null` column exactly when the
// database allows NULL, a `Generated<…>` column exactly where the database fills the value in itself,
// and the same kind of value (number, text, bytes).

const TYPES_FILE = new URL('./types.ts', import.meta.url);

type ValueKind = 'number' | 'string' | 'bytes';

interface DeclaredColumn {
  nullable: boolean;
  generated: boolean;
  /** The kinds the select type admits (a PostgreSQL bigint reads as a string, so BigIntColumn admits both). */
  kinds: Set<ValueKind>;
}

/** Table name → column name → what types.ts says of it. */
type DeclaredSchema = Map<string, Map<string, DeclaredColumn>>;

/** What types.ts declares, read from its syntax: the `DB` interface and the `…Table` interfaces it names. */
function readDeclaredSchema(source: string): DeclaredSchema {
  const file = ts.createSourceFile('types.ts', source, ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeNode>();
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type);
  }
  const propertyName = (p: ts.TypeElement) => {
    if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) throw new Error(`types.ts: unreadable property ${p.getText()}`);
    return p.name.text;
  };
  const properties = (decl: ts.InterfaceDeclaration) =>
    decl.members.filter(ts.isPropertySignature).map((p) => {
      if (!p.type) throw new Error(`types.ts: ${decl.name.text}.${propertyName(p)} has no type`);
      return { name: propertyName(p), type: p.type };
    });

  const db = interfaces.get('DB');
  if (!db) throw new Error('types.ts declares no DB interface');
  const schema: DeclaredSchema = new Map();
  for (const { name: table, type } of properties(db)) {
    if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) throw new Error(`types.ts: DB.${table} is not a table interface`);
    const decl = interfaces.get(type.typeName.text);
    if (!decl) throw new Error(`types.ts: DB.${table} names ${type.typeName.text}, which is not declared in the file`);
    schema.set(table, new Map(properties(decl).map((p) => [p.name, describeColumn(p.type, aliases, `${decl.name.text}.${p.name}`)])));
  }
  return schema;
}

function describeColumn(node: ts.TypeNode, aliases: Map<string, ts.TypeNode>, where: string): DeclaredColumn {
  const column: DeclaredColumn = { nullable: false, generated: false, kinds: new Set() };
  const visit = (n: ts.TypeNode): void => {
    if (ts.isParenthesizedTypeNode(n)) return visit(n.type);
    if (ts.isUnionTypeNode(n)) return n.types.forEach(visit);
    if (ts.isLiteralTypeNode(n) && n.literal.kind === ts.SyntaxKind.NullKeyword) {
      column.nullable = true;
      return;
    }
    if (n.kind === ts.SyntaxKind.NumberKeyword) return void column.kinds.add('number');
    if (n.kind === ts.SyntaxKind.StringKeyword) return void column.kinds.add('string');
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName)) {
      const name = n.typeName.text;
      const args = n.typeArguments ?? [];
      if (name === 'Buffer') return void column.kinds.add('bytes');
      if ((name === 'Generated' || name === 'GeneratedAlways') && args[0]) {
        column.generated = true;
        return visit(args[0]);
      }
      // ColumnType<Select, Insert, Update>: what a read returns is what the database holds.
      if (name === 'ColumnType' && args[0]) return visit(args[0]);
      const alias = aliases.get(name);
      if (alias) return visit(alias);
    }
    throw new Error(`types.ts: ${where} has a type this check cannot read: ${n.getText()}`);
  };
  visit(node);
  return column;
}

/** The kind of value a column's SQL type holds, in either dialect (SQLite's declared type, PostgreSQL's type name). */
function kindOf(dataType: string): ValueKind | 'bigint' | null {
  const t = dataType.toLowerCase();
  if (t === 'int8' || t === 'bigint') return 'bigint';
  if (/^(integer|int|int2|int4|smallint|serial)$/.test(t)) return 'number';
  if (/^(varchar|text|char|bpchar|character varying)/.test(t)) return 'string';
  if (t === 'blob' || t === 'bytea') return 'bytes';
  return null;
}

interface ActualColumn {
  nullable: boolean;
  /** Filled in by the database when an insert leaves it out: a default, an identity or an autoincrement key. */
  filledIn: boolean;
  /** Numbered by the database itself (identity, autoincrement). */
  numbered: boolean;
  dataType: string;
}

/** Every way types.ts and the migrated schema disagree, one readable line each (empty when they agree). */
function compareSchemas(declared: DeclaredSchema, actual: Map<string, Map<string, ActualColumn>>): string[] {
  const problems: string[] = [];
  for (const table of declared.keys()) if (!actual.has(table)) problems.push(`${table}: in types.ts (DB) but no such table in the database`);
  for (const table of actual.keys()) if (!declared.has(table)) problems.push(`${table}: a table in the database but missing from DB in types.ts`);
  for (const [table, declaredColumns] of declared) {
    const actualColumns = actual.get(table);
    if (!actualColumns) continue;
    for (const column of declaredColumns.keys()) {
      if (!actualColumns.has(column)) problems.push(`${table}.${column}: in types.ts but no such column in the database`);
    }
    for (const [column, db] of actualColumns) {
      const ts = declaredColumns.get(column);
      if (!ts) {
        problems.push(`${table}.${column}: a column in the database (${db.dataType}) but missing from types.ts`);
        continue;
      }
      const name = `${table}.${column}`;
      if (ts.nullable && !db.nullable) problems.push(`${name}: types.ts says \`| null\` but the column is NOT NULL`);
      if (!ts.nullable && db.nullable) problems.push(`${name}: the column allows NULL but types.ts lacks \`| null\``);
      if (ts.generated && !db.filledIn) problems.push(`${name}: types.ts says Generated<…> but the column has no default and is not an identity`);
      if (!ts.generated && db.numbered) {
        problems.push(`${name}: the database numbers it itself but types.ts lacks Generated<…>`);
      }
      const kind = kindOf(db.dataType);
      if (kind === null) problems.push(`${name}: column type ${db.dataType} is unknown to this check`);
      else if (kind === 'bigint') {
        if (!ts.kinds.has('number') || !ts.kinds.has('string'))
          problems.push(`${name}: a bigint column (read as a string on PostgreSQL) must be BigIntColumn in types.ts`);
      } else if (ts.kinds.size !== 1 || !ts.kinds.has(kind)) {
        problems.push(`${name}: the column holds ${kind} (${db.dataType}) but types.ts says ${[...ts.kinds].join(' | ')}`);
      }
    }
  }
  return problems;
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

/** The tables of the schema in use. On PostgreSQL other test files create and drop schemas meanwhile, which can fail one catalogue read; it is read again. */
async function introspect(db: Kysely<any>): Promise<TableMetadata[]> {
  if (database.dialect !== 'postgres') {
    // The search index's FTS5 tables (and the shadow tables FTS5 keeps for each) are SQLite's own
    // machinery, written only by triggers and read only by search/repo.ts; they have no columns to type.
    const { rows: virtual } = await sql<{ name: string }>`select name from sqlite_master where sql like 'create virtual table%'`.execute(db);
    const isFts = (name: string) => virtual.some((v) => name === v.name || name.startsWith(`${v.name}_`));
    return (await db.introspection.getTables()).filter((t) => !isFts(t.name));
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.introspection.getTables()).filter((t) => t.schema === rows[0]!.schema);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** The migrated schema as this check compares it. */
async function actualSchema(db: Kysely<any>): Promise<Map<string, Map<string, ActualColumn>>> {
  const tables = await introspect(db);
  const result = new Map<string, Map<string, ActualColumn>>();
  for (const table of tables) {
    // SQLite lets a primary key other than INTEGER PRIMARY KEY hold NULL (a legacy quirk its
    // documentation keeps); PostgreSQL makes every primary key NOT NULL. The app never writes NULL
    // there, so a primary key counts as NOT NULL in both.
    const primaryKey = new Set<string>();
    if (database.dialect === 'sqlite') {
      const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table.name}) where pk > 0`.execute(db);
      for (const r of rows) primaryKey.add(r.name);
    }
    result.set(
      table.name,
      new Map(
        table.columns.map((c: ColumnMetadata) => [
          c.name,
          {
            nullable: c.isNullable && !primaryKey.has(c.name),
            filledIn: c.hasDefaultValue || c.isAutoIncrementing,
            numbered: c.isAutoIncrementing,
            dataType: c.dataType,
          },
        ]),
      ),
    );
  }
  return result;
}

describe('db/types.ts against the migrated schema', () => {
  it('declares every table and column the migrations create, with the same nullability, defaults and kind of value', async () => {
    const declared = readDeclaredSchema(fs.readFileSync(TYPES_FILE, 'utf8'));
    const problems = compareSchemas(declared, await actualSchema(database.db));
    expect(problems, `db/types.ts disagrees with the ${database.dialect} schema:\n  ${problems.join('\n  ')}\n`).toEqual([]);
  });

  it('is read completely: every table of DB, nullable and generated columns recognised', () => {
    const declared = readDeclaredSchema(fs.readFileSync(TYPES_FILE, 'utf8'));
    expect(declared.size).toBeGreaterThanOrEqual(39);
    const users = declared.get('users')!;
    expect(users.get('id')).toEqual({ nullable: false, generated: true, kinds: new Set(['number']) });
    expect(users.get('section_id')).toEqual({ nullable: true, generated: false, kinds: new Set(['number']) });
    expect(declared.get('projects')!.get('amount_applied')).toEqual({ nullable: true, generated: false, kinds: new Set(['number', 'string']) });
    expect(declared.get('files')!.get('content')).toEqual({ nullable: false, generated: false, kinds: new Set(['bytes']) });
  });

  it('reports a column whose nullability, default, presence or table differs', async () => {
    const source = fs
      .readFileSync(TYPES_FILE, 'utf8')
      .replace(/(interface OrgsTable \{[^}]*?)\bname: string;/, '$1name: string | null;')
      .replace(/(interface UsersTable \{[^}]*?)\bsection_id: number \| null;/, '$1section_id: number;')
      .replace(/(interface UsersTable \{[^}]*?)\bcreated_at: string;/, '$1created_at: Generated<string>;')
      .replace(/(interface SessionsTable \{[^}]*?)\bip: string \| null;/, '$1')
      .replace(/(interface AppMetaTable \{[^}]*?)\bvalue: string;/, '$1value: string;\n  extra: number;')
      .replace(/\n\s*files: FilesTable;/, '');
    const problems = compareSchemas(readDeclaredSchema(source), await actualSchema(database.db));
    expect(problems.sort()).toEqual(
      [
        'orgs.name: types.ts says `| null` but the column is NOT NULL',
        'users.section_id: the column allows NULL but types.ts lacks `| null`',
        'users.created_at: types.ts says Generated<…> but the column has no default and is not an identity',
        `sessions.ip: a column in the database (${database.dialect === 'sqlite' ? 'varchar(64)' : 'varchar'}) but missing from types.ts`,
        'app_meta.extra: in types.ts but no such column in the database',
        'files: a table in the database but missing from DB in types.ts',
      ].sort(),
    );
  });
});
