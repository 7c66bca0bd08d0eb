import { describe, expect, it } from 'vitest';
import { systemActor } from '../server/auth/actor.js';
import { insertOrganisation } from '../server/orgs/service.js';
import { cliDatabasePerTest } from '../server/test/cli-database.js';

// Each test drives `keguan org …` against a database of its own (a temp SQLite dir, or a fresh
// PostgreSQL schema).
const openCli = cliDatabasePerTest();

async function emptyDatabase() {
  const cli = await openCli();
  /** The first organisation, as `keguan setup` would make it. */
  const root = (name: string, divisionCode: string) =>
    cli.withDb((db, dialect) =>
      insertOrganisation({ db, dialect, actor: systemActor(), requestId: 'test' }, { parentId: null, name, level: 'province', divisionCode }),
    );
  return { run: cli.run, withDb: cli.withDb, root };
}

describe('keguan org', () => {
  it('adds a subordinate by its division, named and levelled from the national list, and lists the tree', async () => {
    const { run, withDb, root } = await emptyDatabase();
    const province = await root('湖南省科学技术厅', '430000');

    const city = await run('org', 'add', '--parent', '湖南省科学技术厅', '--division', '430100');
    expect(city.code, city.err).toBe(0);
    expect(city.out).toMatch(/^已创建单位 长沙市科学技术局（编号 \d+，市级，区划 430100），上级单位：湖南省科学技术厅/);
    const county = await run('org', 'add', '--parent', '长沙市科学技术局', '--division', '430181', '--name', '浏阳市科技局', '--short-name', '浏阳科技局');
    expect(county.code, county.err).toBe(0);
    expect(county.out).toContain('已创建单位 浏阳市科技局');
    const typed = await run('org', 'add', '--parent', String(province.id), '--name', '省科技厅直属中心', '--level', '市级');
    expect(typed.code, typed.err).toBe(0);

    const list = await run('org', 'list');
    expect(list.code, list.err).toBe(0);
    const lines = list.out.split('\n');
    expect(lines[0]).toMatch(/^湖南省科学技术厅 {2}\[\d+\] {2}省级 {2}430000 {2}启用 {2}账号0个$/);
    expect(lines[1]).toMatch(/^ {2}长沙市科学技术局 {2}\[\d+\] {2}市级 {2}430100 {2}启用 {2}账号0个$/);
    expect(lines[2]).toMatch(/^ {4}浏阳市科技局 {2}\[\d+\] {2}县级 {2}430181 {2}启用/);
    expect(lines[3]).toMatch(/^ {2}省科技厅直属中心 {2}\[\d+\] {2}市级 {2}—— {2}启用/);
    expect(lines.at(-1)).toBe('共4个单位');

    await withDb(async (db) => {
      const row = await db.selectFrom('orgs').selectAll().where('name', '=', '浏阳市科技局').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ level: 'county', region_code: '430181000000', short_name: '浏阳科技局', active: 1 });
      const dicts = await db.selectFrom('dictionaries').select('code').where('org_id', '=', row.id).execute();
      expect(dicts.map((d) => d.code)).toContain('program');
      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'org')
        .where('entity_id', '=', String(row.id))
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: 'create', user_id: null, request_id: 'cli' });
    });
  });

  it('refuses a root, a wrong level, a division outside the parent or served twice, and says why in Chinese', async () => {
    const { run } = await emptyDatabase();
    const none = await run('org', 'add', '--division', '430100');
    expect(none.code).toBe(1);
    expect(none.err).toContain('第一个单位请用 keguan setup 建立');
    expect((await run('org', 'list')).out).toContain('请先运行 keguan setup');

    const { run: run2, root } = await emptyDatabase();
    await root('湖南省科学技术厅', '430000');
    const rootAgain = await run2('org', 'add', '--name', '另一个厅', '--level', 'province');
    expect(rootAgain.err).toContain('顶层单位只能由 keguan setup 建立');
    const sameLevel = await run2('org', 'add', '--parent', '湖南省科学技术厅', '--division', '440000');
    expect(sameLevel.code).toBe(1);
    expect(sameLevel.err).toContain('级别须低于上级单位');
    const outside = await run2('org', 'add', '--parent', '湖南省科学技术厅', '--division', '440100');
    expect(outside.err).toContain('不在上级单位“湖南省科学技术厅”的区划');
    expect((await run2('org', 'add', '--parent', '湖南省科学技术厅', '--division', '4301')).err).toContain('区划代码应为6位数字');
    expect((await run2('org', 'add', '--parent', '湖南省科学技术厅', '--name', '某局')).err).toContain('同时给出 --name 和 --level');
    expect((await run2('org', 'add', '--parent', '湖南省科学技术厅', '--name', '某局', '--level', '乡级')).err).toContain('级别');
    expect((await run2('org', 'add', '--parent', '不存在的局', '--division', '430100')).err).toContain('找不到上级单位“不存在的局”');
    expect((await run2('org', 'add', '--parent', '湖南省科学技术厅', '--division', '430100')).code).toBe(0);
    const twice = await run2('org', 'add', '--parent', '湖南省科学技术厅', '--division', '430100', '--name', '长沙市科技局');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('已有启用中的单位“长沙市科学技术局”');
  });
});
