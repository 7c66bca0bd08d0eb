import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../server/context.js';
import { dialectOf } from '../server/db/connection.js';
import { openLedgerExport } from '../server/io/export.js';
import {
  COMMISSIONERS,
  ENTERPRISES,
  EVENTS,
  PROJECTS,
  SERVICE_LOGS,
  VISITS,
  exportCommissionersQuerySchema,
  exportEnterprisesQuerySchema,
  exportEventsQuerySchema,
  exportProjectsQuerySchema,
  exportServiceLogsQuerySchema,
  exportVisitsQuerySchema,
} from '../server/io/ledgers.js';
import { CLI_REQUEST_ID, type CommandContext, CliError, check, commandOrg, withDatabase } from './common.js';

/** The ledgers `keguan export` knows, by the name of their API path; each opens its export for a query string. */
const LEDGERS = {
  projects: (ctx: Ctx, q: object) => openLedgerExport(ctx, PROJECTS, check(exportProjectsQuerySchema, q, '筛选条件')),
  enterprises: (ctx: Ctx, q: object) => openLedgerExport(ctx, ENTERPRISES, check(exportEnterprisesQuerySchema, q, '筛选条件')),
  visits: (ctx: Ctx, q: object) => openLedgerExport(ctx, VISITS, check(exportVisitsQuerySchema, q, '筛选条件')),
  events: (ctx: Ctx, q: object) => openLedgerExport(ctx, EVENTS, check(exportEventsQuerySchema, q, '筛选条件')),
  commissioners: (ctx: Ctx, q: object) => openLedgerExport(ctx, COMMISSIONERS, check(exportCommissionersQuerySchema, q, '筛选条件')),
  'service-logs': (ctx: Ctx, q: object) => openLedgerExport(ctx, SERVICE_LOGS, check(exportServiceLogsQuerySchema, q, '筛选条件')),
};
type LedgerName = keyof typeof LEDGERS;

/** `stage=approved&q=茶` as the list route would parse it (a repeated key becomes a list). */
function queryOf(text: string | undefined): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text ?? '')) {
    const had = query[key];
    query[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return query;
}

export function registerExportCommand({ program, config, io }: CommandContext): void {
  program
    .command('export')
    .description(`把台账导出为 Excel（.xlsx），与网页列表的“导出Excel”相同；台账：${Object.keys(LEDGERS).join('、')}`)
    .argument('<ledger>', `台账：${Object.keys(LEDGERS).join('|')}`)
    .argument('<file>', '输出文件（.xlsx）')
    .option('-o, --org <name>', '单位的名称或编号（默认：本单位，即初始设置所建或演示的县）')
    .option('-q, --query <query>', '筛选条件，写法同网页地址栏，如 stage=approved&q=茶')
    .action(async (ledger: string, file: string, opts: { org?: string; query?: string }) => {
      if (!Object.hasOwn(LEDGERS, ledger)) throw new CliError(`不认识的台账“${ledger}”；可导出：${Object.keys(LEDGERS).join('、')}`);
      await withDatabase(config(), async ({ db }) => {
        const org = await commandOrg(db, opts.org);
        // Reads as a leader of the organisation would (as keguan report does); it writes nothing but the file.
        const ctx: Ctx = {
          db,
          dialect: dialectOf(db),
          requestId: CLI_REQUEST_ID,
          actor: {
            userId: 0,
            username: 'cli',
            displayName: '命令行',
            role: 'leader',
            orgId: org.id,
            orgPath: org.path,
            sectionId: null,
            via: 'token',
            sessionId: null,
          },
        };
        const opened = await LEDGERS[ledger as LedgerName](ctx, queryOf(opts.query));
        const out = path.resolve(file);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const { rows } = await opened.writeTo(out);
        io.out(`已导出 ${rows} 行：${out}`);
      });
    });
}
