import fs from 'node:fs';
import path from 'node:path';
import { EXPORTABLE } from '../server/io/export.js';
import { type CommandContext, CliError, check, commandOrg, readerContext, withDatabase } from './common.js';

type LedgerName = keyof typeof EXPORTABLE;

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
    .description(`把台账导出为 Excel（.xlsx），与网页列表的“导出Excel”相同；台账：${Object.keys(EXPORTABLE).join('、')}`)
    .argument('<ledger>', `台账：${Object.keys(EXPORTABLE).join('|')}`)
    .argument('<file>', '输出文件（.xlsx）')
    .option('-o, --org <name>', '单位的名称或编号（默认：本单位，即初始设置所建或演示的县）')
    .option('-q, --query <query>', '筛选条件，写法同网页地址栏，如 stage=approved&q=茶')
    .action(async (ledger: string, file: string, opts: { org?: string; query?: string }) => {
      if (!Object.hasOwn(EXPORTABLE, ledger)) throw new CliError(`不认识的台账“${ledger}”；可导出：${Object.keys(EXPORTABLE).join('、')}`);
      await withDatabase(config(), async ({ db }) => {
        const org = await commandOrg(db, opts.org);
        const exportable = EXPORTABLE[ledger as LedgerName];
        const opened = await exportable.open(readerContext(db, org), check(exportable.query, queryOf(opts.query), '筛选条件'));
        const out = path.resolve(file);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const { rows } = await opened.writeTo(out);
        io.out(`已导出 ${rows} 行：${out}`);
      });
    });
}
