import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../server/db/connection.js';
import { type CliDatabase, cliDatabase } from '../server/test/cli-database.js';

// Drives the real command line against its own database (a temp SQLite dir, or a fresh
// PostgreSQL schema).
let cli: CliDatabase;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  cli = await cliDatabase({ KEGUAN_ADMIN_PASSWORD: 'Admin2014x' });
  ({ dir, env } = cli);
});
afterAll(() => cli.close());

const run = (...argv: string[]) => cli.run(...argv);

describe('keguan CLI', () => {
  it('prints help in Chinese', async () => {
    const res = await run('--help');
    expect(res.code).toBe(0);
    expect(res.out).toContain('serve');
    expect(res.out).toContain('backup');
  });

  it('migrates, loads the demo once, and says so', async () => {
    expect((await run('migrate')).out).toMatch(/已执行迁移: 0001_foundation|数据库已是最新版本/);
    expect((await run('migrate')).out).toContain('数据库已是最新版本');
    const first = await run('demo', 'load');
    expect(first.code).toBe(0);
    expect(first.out).toContain('已加载演示单位:上犹县科技局');
    expect(first.out).toContain('yewu');
    expect((await run('demo', 'load')).out).toContain('演示单位已存在');
  });

  it('adds a user and resets a password, refusing a taken name or an unknown user', async () => {
    const add = await run('user', 'add', '-u', 'zhaoliu', '-n', '赵六', '-r', 'staff', '-s', '业务股', '--password', 'Zhao2014x');
    expect(add.code).toBe(0);
    expect(add.out).toContain('已创建用户 zhaoliu');
    const dup = await run('user', 'add', '-u', 'ZhaoLiu', '-n', '重名');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('已被使用');
    const reset = await run('user', 'reset-password', 'zhaoliu');
    expect(reset.code).toBe(0);
    expect(reset.out).toMatch(/新密码: [A-Za-z0-9]{12}/);
    expect((await run('user', 'reset-password', 'nobody')).err).toContain('找不到用户');
    const badRole = await run('user', 'add', '-u', 'x1', '-n', 'x', '-r', 'boss');
    expect(badRole.code).not.toBe(0);
  });

  it("writes the audit trail for user add and reset-password; a reset also revokes the user's API tokens", async () => {
    expect((await run('migrate')).code).toBe(0);
    const database = connect({ databaseUrl: env.DATABASE_URL ?? null, dataDir: dir });
    try {
      const { db } = database;
      const org = await db
        .insertInto('orgs')
        .values({ name: '审计测试局', level: 'city', path: '/', created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const add = await run('user', 'add', '-u', 'audited', '-n', '审计', '-o', '审计测试局', '--password', 'Audit2014xy');
      expect(add.err).toBe('');
      const user = await db.selectFrom('users').select(['id', 'org_id']).where('username', '=', 'audited').executeTakeFirstOrThrow();
      expect(user.org_id).toBe(org.id);
      const trail = () =>
        db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', String(user.id)).orderBy('id').execute();
      const [created] = await trail();
      expect(created).toMatchObject({ action: 'create', user_id: null, org_id: org.id, request_id: 'cli' });
      expect(JSON.parse(created.after_json!)).toMatchObject({ username: 'audited', displayName: '审计' });
      expect(created.after_json).not.toContain('Audit2014xy');

      await db
        .insertInto('api_tokens')
        .values({ user_id: user.id, name: '脚本', prefix: 'kg_test', token_hash: 'h'.repeat(64), created_at: new Date().toISOString() })
        .execute();
      const reset = await run('user', 'reset-password', 'audited');
      expect(reset.code).toBe(0);
      expect(reset.out).toContain('已撤销其 1 个 API 令牌');
      const token = await db.selectFrom('api_tokens').select('revoked_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
      expect(token.revoked_at).not.toBeNull();
      const [, updated] = await trail();
      expect(updated).toMatchObject({ action: 'update', user_id: null, request_id: 'cli' });
      expect(JSON.parse(updated.after_json!)).toMatchObject({ revokedTokens: 1, lockedUntil: null });
      expect(updated.after_json).not.toMatch(/argon2/);
    } finally {
      await database.close();
    }
  });

  it('refuses to set a common password or the demo password', async () => {
    const common = await run('user', 'add', '-u', 'weakling', '-n', '弱', '-o', '不存在的局', '--password', 'password1');
    expect(common.code).toBe(1);
    expect(common.err).toContain('这个密码太常见');
    const demo = await run('user', 'reset-password', 'anyone', '--password', 'demo2014pw');
    expect(demo.code).toBe(1);
    expect(demo.err).toContain('不能使用演示账号的公开密码');
  });

  it('backs up SQLite online to a file that opens with the same data, and points PostgreSQL users to pg_dump', async () => {
    const target = path.join(dir, 'backup', 'keguan-backup.db');
    fs.mkdirSync(path.dirname(target));
    const res = await run('backup', target);
    if (env.DATABASE_URL) {
      expect(res.code).toBe(1);
      expect(res.err).toContain('pg_dump');
      return;
    }
    expect(res.code).toBe(0);
    const copy = connect({ databaseUrl: null, dataDir: path.dirname(target), sqliteFile: 'keguan-backup.db' });
    const users = await copy.db.selectFrom('users').select('username').execute();
    await copy.close();
    expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'yewu', 'zhaoliu']));
    expect((await run('backup', target)).err).toContain('不覆盖');
  });
});

describe('keguan report', () => {
  it("drafts the demo bureau's 2014 H1 summary to Markdown and Word, and refuses bad dates", async () => {
    const md = path.join(dir, 'out', 'summary.md');
    const res = await run('report', '--from', '2014-01-01', '--to', '2014-06-30', '--format', 'md', '--out', md);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('上犹县科技局2014年上半年工作总结');
    const text = fs.readFileSync(md, 'utf8');
    for (const figure of ['各1项', '7人', '共5次', '1.5万余份', '近1.2万人次', '三万多元']) expect(text).toContain(figure);
    const docx = path.join(dir, 'out', 'summary.docx');
    expect((await run('report', '--from', '2014-01-01', '--to', '2014-06-30', '--out', docx)).code).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const bad = await run('report', '--from', '2014-06-30', '--to', '2014-01-01', '--out', md);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('开始日期不能晚于结束日期');
    expect((await run('report', '--from', '2014-01-01', '--to', '2014-06-30', '--template', '没有的模板', '--out', md)).err).toContain('找不到模板');
  });

  it('signs the .docx with the 成文日期 given by --date, written as officials write it, and refuses a date that is no day', async () => {
    await run('demo', 'load');
    const docx = path.join(dir, 'out', 'dated.docx');
    const res = await run('report', '--from', '2014-01-01', '--to', '2014-06-30', '--date', '2014-07-05', '--out', docx);
    expect(res.err).toBe('');
    const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string');
    const texts = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(texts.slice(-2)).toEqual(['上犹县科技局', '2014年7月5日']);
    const bad = await run('report', '--from', '2014-01-01', '--to', '2014-06-30', '--date', '2014-02-30', '--out', docx);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('成文日期');
  });
});
