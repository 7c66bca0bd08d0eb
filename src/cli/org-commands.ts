import { divisionCodeSchema } from '../shared/divisions.js';
import { ORG_LEVEL_LABELS, ORG_LEVELS, type OrgLevel } from '../shared/roles.js';
import { systemActor } from '../server/auth/actor.js';
import type { Ctx } from '../server/context.js';
import { dialectOf } from '../server/db/connection.js';
import type { OrgRow } from '../server/db/types.js';
import * as orgRepo from '../server/orgs/repo.js';
import { insertOrganisation, resolveNewOrg } from '../server/orgs/service.js';
import { CLI_REQUEST_ID, type CommandContext, CliError, check, findOrgByNameOrId, withDatabase } from './common.js';

/** A level as the command line takes it: province/city/county, or 省级/市级/县级. */
function parseLevel(text: string): OrgLevel {
  const level = ORG_LEVELS.find((l) => l === text || ORG_LEVEL_LABELS[l] === text);
  if (!level) throw new CliError(`级别：应为 ${ORG_LEVELS.map((l) => `${l}（${ORG_LEVEL_LABELS[l]}）`).join('、')} 之一`);
  return level;
}

/** One line of the tree: indentation by depth, then name, number, level, division, status and accounts. */
function formatOrgLine(org: OrgRow, depth: number, users: number, blockedAbove: boolean): string {
  const status = Number(org.active) === 1 ? (blockedAbove ? '启用（上级已停用）' : '启用') : '停用';
  const division = org.region_code ? org.region_code.slice(0, 6) : '——';
  return `${'  '.repeat(depth)}${org.name}  [${org.id}]  ${ORG_LEVEL_LABELS[org.level as OrgLevel] ?? org.level}  ${division}  ${status}  账号${users}个`;
}

/** `keguan org add|list`: the organisations of a deployment (the first one is made by `keguan setup`). */
export function registerOrgCommands({ program, config, io }: CommandContext): void {
  const org = program.command('org').description('管理单位（省科技厅、市科技局、县科技局）');

  org
    .command('list')
    .description('列出全部单位：树形缩进，编号、级别、6位区划代码、状态、账号数')
    .action(async () => {
      await withDatabase(config(), async ({ db }) => {
        const orgs = await orgRepo.listAllOrgs(db);
        if (!orgs.length) {
          io.out('库中还没有单位；请先运行 keguan setup 建立本单位');
          return;
        }
        const counts = await orgRepo.countUsersByOrg(
          db,
          orgs.map((o) => o.id),
        );
        const inactive = orgs.filter((o) => Number(o.active) !== 1).map((o) => o.path);
        // A parent's path is a prefix of its children's: depth is how many of the listed paths lie above.
        for (const row of orgs) {
          const depth = orgs.filter((o) => o.id !== row.id && row.path.startsWith(o.path)).length;
          const blockedAbove = inactive.some((p) => p !== row.path && row.path.startsWith(p));
          io.out(formatOrgLine(row, depth, counts.get(row.id) ?? 0, blockedAbove));
        }
        io.out(`共${orgs.length}个单位`);
      });
    });

  org
    .command('add')
    .description('新建下级单位：按区划（--division，名称和级别取自全国区划库）或按名称和级别')
    .option('--parent <nameOrId>', '上级单位的名称或编号（见 keguan org list）')
    .option('--division <code>', '6位区划代码，如县 430181、市 430100')
    .option('--name <name>', '单位名称（按区划新建时默认为“某某县科学技术局”）')
    .option('--level <level>', '级别：province/city/county 或 省级/市级/县级（按区划新建时取区划的级别）')
    .option('--short-name <shortName>', '简称')
    .action(async (opts: { parent?: string; division?: string; name?: string; level?: string; shortName?: string }) => {
      const divisionCode = opts.division === undefined ? null : check(divisionCodeSchema, opts.division, '区划代码');
      const level = opts.level === undefined ? null : parseLevel(opts.level);
      if (!divisionCode && (!opts.name || !level)) throw new CliError('请用 --division 指定区划，或同时给出 --name 和 --level');
      const name = opts.name?.trim() || null;
      const shortName = opts.shortName?.trim() || null;
      if (name && name.length > 50) throw new CliError('单位名称不能超过50个字');
      if (shortName && shortName.length > 20) throw new CliError('简称不能超过20个字');
      await withDatabase(config(), async ({ db }) => {
        if (!opts.parent) {
          throw new CliError(
            (await orgRepo.countOrgs(db))
              ? '请用 --parent 指定上级单位（名称或编号）；顶层单位只能由 keguan setup 建立'
              : '库中还没有单位；第一个单位请用 keguan setup 建立',
          );
        }
        const parent = await findOrgByNameOrId(db, opts.parent, '上级单位');
        const resolved = await resolveNewOrg({ divisionCode, name, level });
        const created = await db.transaction().execute(async (trx) => {
          const ctx: Ctx = { db: trx, dialect: dialectOf(db), actor: systemActor(parent), requestId: CLI_REQUEST_ID };
          return insertOrganisation(ctx, { parentId: parent.id, shortName, ...resolved });
        });
        const division = created.divisionCode ? `，区划 ${created.divisionCode}` : '';
        io.out(`已创建单位 ${created.name}（编号 ${created.id}，${ORG_LEVEL_LABELS[created.level]}${division}），上级单位：${parent.name}`);
        io.out(`下一步：keguan user add -o ${created.name} -u <用户名> -n <姓名> -r admin 为其建立管理员账号`);
      });
    });
}
