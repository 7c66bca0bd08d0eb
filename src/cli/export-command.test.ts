import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapHeaders } from '../server/io/headers.js';
import { ENTERPRISES } from '../server/io/ledgers.js';
import { openSheet, readRecords } from '../server/io/read.js';
import { type CliDatabase, cliDatabase } from '../server/test/cli-database.js';
import { Factories } from '../server/test/factories.js';

let cli: CliDatabase;

beforeAll(async () => {
  cli = await cliDatabase();
});
afterAll(() => cli.close());

describe('keguan export', () => {
  it('writes the named bureau’s ledger under the filter and says how many rows', async () => {
    await cli.withDb(async (db) => {
      const f = new Factories(db);
      const county = await f.org({ name: '上犹县科技局' });
      const other = await f.org({ name: '崇义县科技局' });
      await f.enterprise(county, { name: '东山茶叶合作社' });
      await f.enterprise(county, { name: '营前脐橙基地' });
      await f.enterprise(other, { name: '崇义茶叶合作社' });
    });
    const file = path.join(cli.dir, 'out', '企业.xlsx');
    const res = await cli.run('export', 'enterprises', file, '--org', '上犹县科技局', '--query', 'q=茶叶');
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toBe(`已导出 1 行：${file}`);

    const sheet = await openSheet(file, { columns: ENTERPRISES.columns });
    expect(sheet.layout.titleLines[0]).toBe('上犹县科技局企业与基地台账');
    const names: unknown[] = [];
    for await (const row of readRecords(sheet, ENTERPRISES.columns, mapHeaders(sheet.layout.headers, ENTERPRISES.columns))) names.push(row.values.name);
    expect(names).toEqual(['东山茶叶合作社']);

    const unknown = await cli.run('export', 'ledgers', file);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('不认识的台账');
  });
});
