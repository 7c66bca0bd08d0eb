import type { Command } from 'commander';
import { z } from 'zod';
import { passwordSchema } from '../shared/auth.js';
import { assertPasswordAllowed } from '../server/auth/password.js';
import { AppError } from '../server/http/errors.js';
import type { AppConfig } from '../server/config.js';
import { migrateToLatest } from '../server/db/migrate.js';
import type { Kysely } from 'kysely';
import type { DB, OrgRow } from '../server/db/types.js';
import * as orgRepo from '../server/orgs/repo.js';
import { openDatabase } from '../server/server.js';
import type { Ctx } from '../server/context.js';
import { dialectOf } from '../server/db/connection.js';

// What every `keguan` command shares: its output, its errors, the checks of its arguments and the
// database it opens. Each group of commands (main.ts, org-commands.ts, setup-command.ts) builds on it.

/** Output of the CLI; tests swap it to read what a command printed. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
export const defaultIo: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

export class CliError extends Error {}

export function check<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(`${label}：${r.error.issues[0]?.message}`);
  return r.data;
}

/** A password the CLI may set: the shared policy, and not the demo password this configuration publishes. */
export function checkPassword(password: string, config: AppConfig): string {
  const checked = check(passwordSchema, password, '密码');
  try {
    assertPasswordAllowed(checked, config, 'password');
  } catch (err) {
    if (err instanceof AppError) throw new CliError(`密码：${err.message}`);
    throw err;
  }
  return checked;
}

/** The audit trail of a CLI command: no user (the trail shows 系统), request id `cli`. */
export const CLI_REQUEST_ID = 'cli';

/**
 * Who a read-only command (report, export) acts as: a leader of the organisation, who reads all of
 * its records; such a command writes nothing in the database.
 */
export function readerContext(db: Kysely<DB>, org: Pick<OrgRow, 'id' | 'path'>): Ctx {
  return {
    db,
    dialect: dialectOf(db),
    requestId: CLI_REQUEST_ID,
    actor: {
      userId: 0,
      username: 'cli',
      displayName: '命令行',
      role: 'leader',
      orgId: org.id,
      orgPath: org.path,
      sectionId: null,
      via: 'token',
      sessionId: null,
    },
  };
}

export async function withDatabase<T>(config: AppConfig, fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** What a group of commands is given by the program: its configuration reader and its output. */
export interface CommandContext {
  program: Command;
  config: (overrides?: Partial<AppConfig>) => AppConfig;
  io: CliIo;
}

/** An organisation named on the command line: its number (see keguan org list), or its exact name when that is unique. */
export async function findOrgByNameOrId(db: Kysely<DB>, nameOrId: string, what = '单位'): Promise<OrgRow> {
  if (/^\d+$/.test(nameOrId)) {
    const byId = await orgRepo.findOrg(db, Number(nameOrId));
    if (byId) return byId;
  }
  const byName = await orgRepo.findOrgsByName(db, nameOrId.trim());
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) {
    throw new CliError(`有${byName.length}个单位名为“${nameOrId}”，请用编号指定：${byName.map((o) => o.id).join('、')}（见 keguan org list）`);
  }
  throw new CliError(`找不到${what}“${nameOrId}”（见 keguan org list）`);
}

/**
 * The organisation a command acts for: the one `--org` names; else the installation's own (made by
 * keguan setup, or the demo's county); else the only one there is (or the only county-level one).
 */
export async function commandOrg(db: Kysely<DB>, nameOrId: string | undefined): Promise<OrgRow> {
  if (nameOrId) return findOrgByNameOrId(db, nameOrId);
  const home = await orgRepo.findHomeOrg(db);
  if (home) return home;
  const all = await db.selectFrom('orgs').selectAll().orderBy('path').limit(11).execute();
  if (all.length === 1) return all[0];
  // Databases from before keguan recorded its own organisation: the only county-level one, as then.
  const counties = await db.selectFrom('orgs').selectAll().where('level', '=', 'county').limit(2).execute();
  if (counties.length === 1) return counties[0];
  if (!all.length) throw new CliError('库中还没有单位：请先运行 keguan setup（或 keguan demo load）');
  throw new CliError(
    `请用 --org 指定单位（名称或编号），例如：${all
      .slice(0, 10)
      .map((o) => o.name)
      .join('、')}${all.length > 10 ? '等' : ''}`,
  );
}
