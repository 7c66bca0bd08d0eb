import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('durability', () => {
  it('keeps every committed row after the app process is killed with kill -9 in the middle of writing', async () => {
    // The writer uses the same database as this file: the SQLite file in its data dir, or its PostgreSQL schema.
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (database.dialect === 'postgres') {
      const { rows } = await (await import('kysely')).sql<{ s: string }>`select current_schema() as s`.execute(database.db);
      env.KEGUAN_TEST_SCHEMA = rows[0].s;
    }
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'testing', 'write-loop.ts'), database.config.dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env,
    });
    const committed: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => (committed.length < 300 ? reject(new Error(`writer exited early: ${code}`)) : undefined));
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        committed.push(...lines);
        if (committed.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('close', r));

    const rows = await database.db.selectFrom('app_meta').select('key').where('key', 'like', 'durable-%').execute();
    const stored = new Set(rows.map((r) => r.key));
    expect(committed.length).toBeGreaterThanOrEqual(300);
    expect(committed.filter((k) => !stored.has(k))).toEqual([]);
  });
});
