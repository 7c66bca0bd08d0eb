import { DIVISION_LEVEL_LABELS, divisionCodeSchema } from '../shared/divisions.js';
import { requiredText, optionalText } from '../shared/common.js';
import { setupBodySchema } from '../shared/setup.js';
import { usernameSchema } from '../shared/users.js';
import { randomPassword } from '../server/auth/password.js';
import { findDivision } from '../server/divisions/catalogue.js';
import { setUp } from '../server/setup/service.js';
import { STARTER_LISTS } from '../server/worklists/starters.js';
import { CLI_REQUEST_ID, type CommandContext, CliError, check, checkPassword, withDatabase } from './common.js';

interface SetupOptions {
  division: string;
  name: string;
  shortName?: string;
  admin: string;
  adminName: string;
  password?: string;
  lists: string;
  departments?: boolean;
}

/** `--lists all|none|key,key` as the keys of starter lists; unknown keys are refused with the ones there are. */
function starterKeys(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed === 'all') return STARTER_LISTS.map((s) => s.key);
  if (trimmed === 'none' || trimmed === '') return [];
  const keys = [
    ...new Set(
      trimmed
        .split(/[,，、]/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = keys.filter((k) => !STARTER_LISTS.some((s) => s.key === k));
  if (unknown.length) {
    const known = STARTER_LISTS.map((s) => `${s.key}（${s.name}）`).join('、');
    throw new CliError(`没有这些常用台账：${unknown.join('、')}；可选：${known}，或 all、none`);
  }
  return keys;
}

/** `keguan setup`: the first organisation and its admin on an empty database, as the web's /setup makes them. */
export function registerSetupCommand({ program, config, io }: CommandContext): void {
  program
    .command('setup')
    .description('初始设置：在空数据库上建立本单位（含乡镇和村、常用台账、常用部门）和管理员账号')
    .requiredOption('--division <code>', '区划代码（6位：省、市或县），如 430424')
    .requiredOption('--name <name>', '单位名称，如 某某县科学技术局')
    .option('--short-name <name>', '简称，如 县科技局')
    .requiredOption('--admin <username>', '管理员用户名')
    .option('--admin-name <name>', '管理员姓名', '系统管理员')
    .option('--password <password>', '管理员密码（默认随机生成并显示一次，首次登录后须修改）')
    .option('--lists <keys>', '常用台账：all（默认）、none，或以逗号分隔的标识', 'all')
    .option('--departments', '添加常用县直部门（县级单位默认添加）')
    .option('--no-departments', '不添加常用县直部门')
    .action(async (opts: SetupOptions) => {
      const divisionCode = check(divisionCodeSchema, opts.division, '区划代码');
      const division = await findDivision(divisionCode);
      if (!division) throw new CliError(`区划代码“${divisionCode}”不在全国行政区划表中：请写省、市或县的6位代码，如 430424`);
      const c = config();
      const password = opts.password === undefined ? randomPassword() : checkPassword(opts.password, c);
      const input = setupBodySchema.parse({
        division: division.code,
        name: check(requiredText('单位名称', 50), opts.name, '单位名称'),
        shortName: check(optionalText('简称', 20), opts.shortName, '简称'),
        admin: {
          username: check(usernameSchema, opts.admin, '管理员用户名'),
          displayName: check(requiredText('姓名', 32), opts.adminName, '管理员姓名'),
          password,
        },
        starterLists: starterKeys(opts.lists),
        departments: opts.departments ?? division.level === 'county',
      });

      const made = await withDatabase(c, ({ db, dialect }) =>
        setUp({ db, dialect, config: c }, input, { requestId: CLI_REQUEST_ID, mustChangePassword: opts.password === undefined }),
      );
      const { org } = made;
      io.out(`已完成初始设置：${org.name}（${DIVISION_LEVEL_LABELS[org.level]}，区划代码 ${org.divisionCode}，${org.divisionName}）`);
      io.out(division.hasPlaces ? `  地名：乡镇（街道）${made.towns}个，村（社区）${made.villages}个` : '  地名：市级、省级单位不导入乡镇和村');
      io.out(`  常用台账：${made.lists.length ? `${made.lists.map((l) => l.name).join('、')}（${made.lists.length}个）` : '未添加'}`);
      io.out(`  常用部门：${made.departments ? `${made.departments}个` : '未添加'}`);
      io.out(`  管理员：${made.admin.username}（${input.admin.displayName}）`);
      if (made.admin.mustChangePassword) io.out(`  初始密码：${password}（仅显示这一次，首次登录后须修改）`);
      io.out('启动服务（npx keguan serve）后，用管理员账号登录。');
    });
}
