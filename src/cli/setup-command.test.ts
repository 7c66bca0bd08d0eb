import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../server/auth/password.js';
import { type CliDatabase, cliDatabasePerTest } from '../server/test/cli-database.js';

// Each test runs `keguan setup` against a database of its own (a temp SQLite dir, or a fresh
// PostgreSQL schema), empty as a first run is.
const openCli = cliDatabasePerTest();

async function emptyDatabase() {
  const cli = await openCli();
  /** Reads the database the CLI wrote. */
  return { run: cli.run, read: <T>(fn: (db: Parameters<Parameters<CliDatabase['withDb']>[0]>[0]) => Promise<T>) => cli.withDb((db) => fn(db)) };
}

describe('keguan setup', () => {
  it('sets up a county with its places, every starter list, the departments and an admin with a one-time password', async () => {
    const { run, read } = await emptyDatabase();
    const res = await run('setup', '--division', '411422', '--name', '睢县科学技术局', '--admin', 'suiadmin');
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('已完成初始设置：睢县科学技术局（县级，区划代码 411422，河南省商丘市睢县）');
    expect(res.out).toMatch(/地名：乡镇（街道）\d+个，村（社区）\d+个/);
    expect(res.out).toContain('整改台账');
    expect(res.out).toMatch(/常用部门：\d+个/);
    expect(res.out).toContain('管理员：suiadmin（系统管理员）');
    const password = /初始密码：(\S+)（仅显示这一次/.exec(res.out)?.[1];
    expect(password).toBeTruthy();

    await read(async (db) => {
      const org = await db.selectFrom('orgs').selectAll().executeTakeFirstOrThrow();
      expect(org).toMatchObject({ name: '睢县科学技术局', level: 'county', parent_id: null });
      expect(org.region_code?.slice(0, 6)).toBe('411422');
      const user = await db.selectFrom('users').selectAll().where('username', '=', 'suiadmin').executeTakeFirstOrThrow();
      expect(user).toMatchObject({ role: 'admin', org_id: org.id, must_change_password: 1 });
      expect(await verifyPassword(user.password_hash, password!)).toBe(true);
      const towns = await db.selectFrom('places').select('name').where('org_id', '=', org.id).where('level', '=', 'town').execute();
      expect(towns.length).toBe(Number(/乡镇（街道）(\d+)个/.exec(res.out)![1]));
      const lists = await db.selectFrom('worklists').select('key').where('org_id', '=', org.id).execute();
      expect(lists.length).toBe(9);
    });

    const again = await run('setup', '--division', '430424', '--name', '衡东县科学技术局', '--admin', 'other');
    expect(again.code).toBe(1);
    expect(again.err).toContain('已完成初始设置');
  });

  it('takes a typed password, chosen lists and no departments, and sets up a city without places', async () => {
    const { run, read } = await emptyDatabase();
    const lists = await run('setup', '--help');
    expect(lists.out).toContain('--no-departments');
    const res = await run(
      'setup',
      '--division',
      '430400',
      '--name',
      '衡阳市科学技术局',
      '--admin',
      'hyadmin',
      '--admin-name',
      '市局管理员',
      '--password',
      'Hengyang2025x',
      '--lists',
      'none',
      '--no-departments',
    );
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('衡阳市科学技术局（市级，区划代码 430400');
    expect(res.out).toContain('常用台账：未添加');
    expect(res.out).toContain('常用部门：未添加');
    expect(res.out).not.toContain('初始密码');
    await read(async (db) => {
      const user = await db.selectFrom('users').selectAll().where('username', '=', 'hyadmin').executeTakeFirstOrThrow();
      expect(user.must_change_password).toBe(0);
      expect(user.display_name).toBe('市局管理员');
      expect(await db.selectFrom('places').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('departments').select('id').execute()).toEqual([]);
    });
  });

  it('refuses a bad division, a weak password and an unknown list, writing nothing', async () => {
    const { run, read } = await emptyDatabase();
    expect((await run('migrate')).code).toBe(0);
    const base = ['setup', '--name', '某某县科学技术局', '--admin', 'admin'];
    const short = await run(...base, '--division', '3607');
    expect(short.code).toBe(1);
    expect(short.err).toContain('区划代码应为6位数字');
    const unknown = await run(...base, '--division', '999999');
    expect(unknown.err).toContain('不在全国行政区划表中');
    const weak = await run(...base, '--division', '430424', '--password', 'abcdefgh');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('密码');
    const badList = await run(...base, '--division', '430424', '--lists', 'nope');
    expect(badList.code).toBe(1);
    expect(badList.err).toContain('没有这些常用台账：nope');
    const missing = await run('setup', '--division', '430424', '--name', '某某县科学技术局');
    expect(missing.code).not.toBe(0);
    await read(async (db) => {
      expect(await db.selectFrom('orgs').select('id').execute()).toEqual([]);
    });
  });

  it('makes the set-up organisation the one later commands act for, even with a county below it', async () => {
    const { run } = await emptyDatabase();
    expect((await run('setup', '--division', '530300', '--name', '曲靖市科学技术局', '--admin', 'qjadmin', '--password', 'Qujing2025cli')).code).toBe(0);
    expect((await run('org', 'add', '--parent', '曲靖市科学技术局', '--division', '530322')).code).toBe(0);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-setup-report-')), 'summary.txt');
    const report = await run('report', '--from', '2025-01-01', '--to', '2025-06-30', '--format', 'txt', '--out', out);
    expect(report.err).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toContain('曲靖市科学技术局2025年上半年工作总结');
    const user = await run('user', 'add', '-u', 'llstaff', '-n', '李四');
    expect(user.out).toContain('曲靖市科学技术局');
    const county = await run('user', 'add', '-u', 'lladmin', '-n', '王五', '-r', 'admin', '-o', '陆良县科学技术局');
    expect(county.out).toContain('陆良县科学技术局');
    const byNumber = await run('report', '--from', '2025-01-01', '--to', '2025-06-30', '--format', 'txt', '--out', out, '-o', '2');
    expect(byNumber.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('陆良县科学技术局2025年上半年工作总结');
    const unknown = await run('report', '--from', '2025-01-01', '--to', '2025-06-30', '--out', out, '-o', '某某局');
    expect(unknown.err).toContain('找不到单位“某某局”');
  });

  it('keeps the demo out of a bureau set up for real', async () => {
    const { run, read } = await emptyDatabase();
    expect((await run('setup', '--division', '530322', '--name', '陆良县科学技术局', '--admin', 'boss', '--password', 'Luliang2025cli')).code).toBe(0);
    const demo = await run('demo', 'load');
    expect(demo.code).toBe(1);
    expect(demo.err).toContain('库中已有单位');
    await read(async (db) => {
      expect((await db.selectFrom('orgs').select('name').execute()).map((o) => o.name)).toEqual(['陆良县科学技术局']);
    });
  });
});
