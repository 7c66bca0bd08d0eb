import type { Command } from 'commander';
import { z } from 'zod';
import { passwordSchema } from '../shared/auth.js';
import { assertPasswordAllowed } from '../server/auth/password.js';
import { AppError } from '../server/http/errors.js';
import type { AppConfig } from '../server/config.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { openDatabase } from '../server/server.js';

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
  if (!r.success) throw new CliError(`${label}: ${r.error.issues[0]?.message}`);
  return r.data;
}

/** A password the CLI may set: the shared policy, and not the demo password this configuration publishes. */
export function checkPassword(password: string, config: AppConfig): string {
  const checked = check(passwordSchema, password, '密码');
  try {
    assertPasswordAllowed(checked, config, 'password');
  } catch (err) {
    if (err instanceof AppError) throw new CliError(`密码: ${err.message}`);
    throw err;
  }
  return checked;
}

/** The audit trail of a CLI command: no user (the trail shows 系统), request id `cli`. */
export const CLI_REQUEST_ID = 'cli';

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
