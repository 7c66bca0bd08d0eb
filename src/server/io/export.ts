import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { chinaToday } from '../../shared/common.js';
import type { Ctx } from '../context.js';
import * as orgRepo from '../orgs/repo.js';
import type { z } from 'zod';
import {
  COMMISSIONERS,
  ENTERPRISES,
  EVENTS,
  type LedgerExport,
  PROJECTS,
  SERVICE_LOGS,
  VISITS,
  exportCommissionersQuerySchema,
  exportEnterprisesQuerySchema,
  exportEventsQuerySchema,
  exportProjectsQuerySchema,
  exportServiceLogsQuerySchema,
  exportVisitsQuerySchema,
} from './ledgers.js';
import { createListExport } from './write.js';

/** Records read from the ledger per query: the list function's own page, so access and order are the list's. */
const PAGE_SIZE = 500;

export interface OpenedExport {
  /** 项目库-2025-03-05.xlsx */
  fileName: string;
  /** Streams the whole filtered ledger into `output`; resolves with the number of records written. */
  writeTo(output: Writable | string): Promise<{ rows: number }>;
}

/**
 * Starts an export of a ledger's list under `query`. The first page is read here, before any byte is
 * written, so a refusal (403, a bad filter) is answered as an error and not as a broken file; the
 * rest is read page by page while the workbook streams out, waiting for a slow reader between
 * pages, so about one page is held at a time.
 */
export async function openLedgerExport<Q, T>(ctx: Ctx, ledger: LedgerExport<Q, T>, query: Q): Promise<OpenedExport> {
  const first = await ledger.page(ctx, query, 1, PAGE_SIZE);
  const filters = await ledger.filters(ctx, query);
  const org = await orgRepo.findOrg(ctx.db, ctx.actor.orgId);
  const exportedOn = chinaToday();
  return {
    fileName: `${ledger.fileName}-${exportedOn}.xlsx`,
    async writeTo(output) {
      const sheet = createListExport({
        output,
        unitName: org?.name ?? '',
        ledgerName: ledger.ledgerName,
        exportedOn,
        filters,
        columns: ledger.columns,
        totals: ledger.totals,
      });
      let items = first.items;
      for (let page = 1; ;) {
        for (const item of items) sheet.add(ledger.row(item));
        if (items.length < PAGE_SIZE) break;
        // A slow reader (a download over a thin line): let it catch up before reading more.
        if (typeof output !== 'string' && output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
        if (typeof output !== 'string' && output.destroyed) throw new Error('export output closed before the end (download cancelled)');
        page += 1;
        items = (await ledger.page(ctx, query, page, PAGE_SIZE)).items;
      }
      return sheet.finish();
    },
  };
}

/** Content-Disposition for a Chinese file name (RFC 6266 with RFC 5987's filename*; an ASCII fallback for old clients). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A ledger that exports: the query it takes (its list's, without paging) and how the API describes it. */
export interface ExportableLedger {
  query: z.ZodType;
  /** The OpenAPI tag and summary of GET /api/<name>/export. */
  tag: string;
  summary: string;
  /** Opens the export under a query `query` has validated. */
  open(ctx: Ctx, query: unknown): Promise<OpenedExport>;
}

function exportable<S extends z.ZodType, T>(query: S, ledger: LedgerExport<z.output<S>, T>, tag: string, summary: string): ExportableLedger {
  return { query, tag, summary, open: (ctx, q) => openLedgerExport(ctx, ledger, q as z.output<S>) };
}

/** The ledgers that export, by the name of their API path: the routes and `keguan export` both read this. */
export const EXPORTABLE = {
  projects: exportable(exportProjectsQuerySchema, PROJECTS, '科技项目', '导出项目库（Excel）'),
  enterprises: exportable(exportEnterprisesQuerySchema, ENTERPRISES, '企业与基地', '导出企业与基地（Excel）'),
  visits: exportable(exportVisitsQuerySchema, VISITS, '调研', '导出调研走访（Excel）'),
  events: exportable(exportEventsQuerySchema, EVENTS, '活动', '导出活动台账（Excel，含各项数字合计行）'),
  commissioners: exportable(exportCommissionersQuerySchema, COMMISSIONERS, '科技特派员', '导出科技特派员台账（Excel）'),
  'service-logs': exportable(exportServiceLogsQuerySchema, SERVICE_LOGS, '科技特派员', '导出服务日志（Excel，含服务人次合计行）'),
} satisfies Record<string, ExportableLedger>;
