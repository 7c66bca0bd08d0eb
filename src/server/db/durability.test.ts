import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connect } from './connection.js';

const here = path.dirname(fileURLToPath(import.meta.url));

// The embedded SQLite file must keep every committed write when the process is killed hard.
// (On PostgreSQL durability is the database server's own; this test is about the SQLite file.)
describe.runIf(!process.env.DATABASE_URL)('SQLite durability', () => {
  it('keeps every committed row after kill -9 in the middle of writing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-kill-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'testing', 'write-loop.ts'), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
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

    const reopened = connect({ databaseUrl: null, dataDir: dir });
    const rows = await reopened.db.selectFrom('app_meta').select('key').where('key', 'like', 'durable-%').execute();
    await reopened.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const stored = new Set(rows.map((r) => r.key));
    expect(committed.length).toBeGreaterThanOrEqual(300);
    expect(committed.filter((k) => !stored.has(k))).toEqual([]);
  });
});
