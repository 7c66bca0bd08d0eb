import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { CLI_REQUEST_ID, type CliIo, CliError, check, checkPassword, commandOrg, defaultIo, readerContext, withDatabase } from './common.js';
import { registerExportCommand } from './export-command.js';
import { registerOrgCommands } from './org-commands.js';
import { registerSetupCommand } from './setup-command.js';
import { z } from 'zod';
import { ROLES } from '../shared/roles.js';
import { usernameSchema } from '../shared/users.js';
import { hashPassword, randomPassword } from '../server/auth/password.js';
import * as authRepo from '../server/auth/repo.js';
import { insertAudit } from '../server/audit/repo.js';
import * as usersRepo from '../server/users/repo.js';
import { presentUser } from '../server/users/service.js';
import { type AppConfig, loadConfig } from '../server/config.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { loadDemo } from '../server/demo/demo.js';
import { formatDemoLogins } from '../server/demo/logins.js';
import { describeDatabase, startServer } from '../server/server.js';
import { APP_VERSION } from '../server/version.js';
import { templateDefinitionSchema } from '../shared/reports.js';
import { dateSchema } from '../shared/common.js';
import { renderDocx } from '../server/reports/render-docx.js';
import { renderMarkdown, renderPlainText } from '../server/reports/render-text.js';
import { draftFor, listTemplates } from '../server/reports/service.js';
import { todayInChina } from '../server/projects/pipeline.js';

/** Builds the `keguan` command line; `env` and `io` are parameters so tests can drive it. */
export function buildCli(env: NodeJS.ProcessEnv = process.env, io: CliIo = defaultIo): Command {
  const program = new Command('keguan')
    .description('科管 — 县科技局台账与工作总结系统')
    .version(APP_VERSION, '-v, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand(false)
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();
  const config = (overrides: Partial<AppConfig> = {}) => loadConfig(env, overrides);

  program
    .command('serve')
    .description('启动网页服务(自动迁移数据库;空库时加载演示单位)')
    .option('-p, --port <port>', '端口(默认取 PORT 或 3000)')
    .action(async (opts: { port?: string }) => {
      const port = opts.port ? check(z.coerce.number().int().min(1).max(65535), opts.port, '端口') : undefined;
      await startServer(config(port ? { port } : {}));
    });

  registerSetupCommand({ program, config, io });
  registerOrgCommands({ program, config, io });
  registerExportCommand({ program, config, io });

  program
    .command('migrate')
    .description('把数据库结构迁移到最新版本')
    .action(async () => {
      const c = config();
      await withDatabase(c, async (database) => {
        const result = await migrateToLatest(database.db);
        const done = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        io.out(done.length ? `已执行迁移: ${done.join(', ')}` : '数据库已是最新版本');
        io.out(`数据库: ${describeDatabase(c)}`);
      });
    });

  const user = program.command('user').description('管理用户账号');
  user
    .command('add')
    .description('新建用户')
    .requiredOption('-u, --username <username>', '用户名')
    .requiredOption('-n, --name <displayName>', '姓名')
    .addOption(new Option('-r, --role <role>', '角色').choices([...ROLES]).default('staff'))
    .option('-o, --org <name>', '所属单位的名称或编号（默认：本单位，即初始设置所建或演示的县）')
    .option('-s, --section <name>', '股室名称')
    .option('--password <password>', '初始密码(默认随机生成并显示)')
    .action(async (opts: { username: string; name: string; role: (typeof ROLES)[number]; org?: string; section?: string; password?: string }) => {
      const username = check(usernameSchema, opts.username, '用户名');
      const c = config();
      const password = opts.password ? checkPassword(opts.password, c) : randomPassword();
      await withDatabase(c, async ({ db }) => {
        const org = await commandOrg(db, opts.org);
        let sectionId: number | null = null;
        if (opts.section) {
          const section = await db.selectFrom('sections').select('id').where('org_id', '=', org.id).where('name', '=', opts.section).executeTakeFirst();
          if (!section) throw new CliError(`单位"${org.name}"没有股室"${opts.section}"`);
          sectionId = section.id;
        }
        if (await authRepo.findUserByUsername(db, username)) throw new CliError(`用户名"${username}"已被使用`);
        const now = new Date().toISOString();
        const passwordHash = await hashPassword(password);
        await db.transaction().execute(async (trx) => {
          const id = await usersRepo.insertUser(trx, {
            org_id: org.id,
            username,
            display_name: opts.name,
            role: opts.role,
            section_id: sectionId,
            phone: null,
            password_hash: passwordHash,
            must_change_password: opts.password ? 0 : 1,
            created_at: now,
            updated_at: now,
          });
          const created = presentUser((await usersRepo.findUser(trx, [org.id], id))!);
          await insertAudit(trx, {
            orgId: org.id,
            userId: null,
            action: 'create',
            entityType: 'user',
            entityId: id,
            before: null,
            after: created,
            requestId: CLI_REQUEST_ID,
          });
        });
        io.out(`已创建用户 ${username}(${org.name})`);
        if (!opts.password) io.out(`初始密码: ${password}(首次登录后须修改)`);
      });
    });

  user
    .command('reset-password')
    .description('重置用户密码并解除锁定(同时结束其会话、撤销其 API 令牌)')
    .argument('<username>', '用户名')
    .option('--password <password>', '新密码(默认随机生成并显示)')
    .action(async (username: string, opts: { password?: string }) => {
      const c = config();
      const password = opts.password ? checkPassword(opts.password, c) : randomPassword();
      await withDatabase(c, async ({ db }) => {
        const found = await authRepo.findUserByUsername(db, username);
        if (!found) throw new CliError(`找不到用户"${username}"`);
        const passwordHash = await hashPassword(password);
        const now = new Date().toISOString();
        const revokedTokens = await db.transaction().execute(async (trx) => {
          await authRepo.setPassword(trx, found.id, passwordHash, !opts.password);
          await authRepo.deleteUserSessions(trx, found.id);
          const revoked = await authRepo.revokeUserTokens(trx, found.id, now);
          await insertAudit(trx, {
            orgId: found.org_id,
            userId: null,
            action: 'update',
            entityType: 'user',
            entityId: found.id,
            before: { lockedUntil: found.locked_until },
            after: { passwordResetAt: now, lockedUntil: null, revokedTokens: revoked },
            requestId: CLI_REQUEST_ID,
          });
          return revoked;
        });
        io.out(`已重置 ${found.username} 的密码并解除锁定${revokedTokens ? `,已撤销其 ${revokedTokens} 个 API 令牌` : ''}`);
        if (!opts.password) io.out(`新密码: ${password}(登录后须修改)`);
      });
    });

  program
    .command('demo')
    .description('演示数据')
    .command('load')
    .description('加载演示单位:上犹县科技局(2014年上半年)')
    .action(async () => {
      const c = config();
      await withDatabase(c, async ({ db }) => {
        const result = await loadDemo(db, { adminPassword: c.adminPassword, demoPassword: c.demoPassword });
        io.out(result.loaded ? '已加载演示单位:上犹县科技局' : '演示单位已存在,未重复加载');
        if (result.loaded) io.out(formatDemoLogins(result, !!c.adminPassword));
      });
    });

  program
    .command('report')
    .description('起草工作总结并导出(docx 为 GB/T 9704 公文格式)')
    .requiredOption('--from <date>', '开始日期 YYYY-MM-DD')
    .requiredOption('--to <date>', '结束日期 YYYY-MM-DD')
    .option('--template <name>', '模板名称(默认:默认模板)')
    .addOption(new Option('--format <format>', '格式').choices(['docx', 'md', 'txt']).default('docx'))
    .requiredOption('--out <file>', '输出文件')
    .option('-o, --org <name>', '单位的名称或编号（默认：本单位，即初始设置所建或演示的县）')
    .option('--date <date>', 'docx 落款的成文日期 YYYY-MM-DD，写作2014年7月5日（默认：今天）')
    .action(async (opts: { from: string; to: string; template?: string; format: 'docx' | 'md' | 'txt'; out: string; org?: string; date?: string }) => {
      const from = check(dateSchema, opts.from, '开始日期');
      const to = check(dateSchema, opts.to, '结束日期');
      if (from > to) throw new CliError('开始日期不能晚于结束日期');
      const issued = opts.date === undefined ? todayInChina() : check(dateSchema, opts.date, '成文日期');
      await withDatabase(config(), async ({ db }) => {
        const org = await commandOrg(db, opts.org);
        const ctx = readerContext(db, org);
        const templates = await listTemplates(ctx);
        const template = opts.template ? templates.find((t) => t.name === opts.template) : (templates.find((t) => t.isDefault) ?? templates[0]);
        if (!template) throw new CliError(`找不到模板"${opts.template}";现有:${templates.map((t) => t.name).join('、')}`);
        const { doc } = await draftFor(ctx, from, to, templateDefinitionSchema.parse(template.definition));
        const out = path.resolve(opts.out);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        if (opts.format === 'docx') fs.writeFileSync(out, await renderDocx(doc, { orgName: org.name, date: issued }));
        else fs.writeFileSync(out, opts.format === 'md' ? renderMarkdown(doc) : renderPlainText(doc));
        io.out(`已生成 ${doc.title}:${out}`);
      });
    });

  program
    .command('backup')
    .description('在线备份 SQLite 数据库到文件(服务运行时也可执行)')
    .argument('<file>', '备份文件路径')
    .action(async (file: string) => {
      const c = config();
      if (c.databaseUrl) {
        throw new CliError('当前使用 PostgreSQL:请用 pg_dump 备份,例如 pg_dump -Fc "$DATABASE_URL" > keguan.dump');
      }
      const target = path.resolve(file);
      if (fs.existsSync(target)) throw new CliError(`文件已存在,不覆盖: ${target}`);
      await withDatabase(c, async ({ sqlite }) => {
        await sqlite!.backup(target);
        io.out(`已备份到 ${target}(${(fs.statSync(target).size / 1024).toFixed(0)} KB)`);
      });
    });

  return program;
}

export { CliError, type CliIo };

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = defaultIo): Promise<number> {
  const program = buildCli(env, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 1;
    io.err(`错误: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
