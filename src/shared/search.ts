import { z } from 'zod';
import { safeString } from './common.js';

/** The kinds of record the site-wide search finds, in the order their groups are shown. */
export const SEARCH_KINDS = ['project', 'enterprise', 'visit', 'followup', 'event', 'commissioner', 'serviceLog', 'worklistItem'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The ledger each kind belongs to, as the menu names it. */
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  project: '项目库',
  enterprise: '企业与基地',
  visit: '调研记录',
  followup: '跟踪服务',
  event: '活动',
  commissioner: '科技特派员',
  serviceLog: '服务日志',
  worklistItem: '工作台账',
};

export const SEARCH_MAX_LENGTH = 100;

export const searchQuerySchema = z.object({
  q: safeString({ error: '请输入要搜索的文字' }, '搜索内容')
    .trim()
    .min(1, { error: '请输入要搜索的文字' })
    .max(SEARCH_MAX_LENGTH, { error: `搜索内容不能超过${SEARCH_MAX_LENGTH}个字` }),
  /** Results per ledger. */
  limit: z.coerce
    .number({ error: '条数应为数字' })
    .int({ error: '条数应为整数' })
    .min(1, { error: '条数至少为1' })
    .max(20, { error: '条数不能超过20' })
    .default(5),
});

/** A piece of shown text; `hit` marks the pieces that match the query, for highlighting (no HTML). */
export const textSegmentSchema = z.object({ text: z.string(), hit: z.boolean() });
export type TextSegment = z.infer<typeof textSegmentSchema>;

export const searchHitSchema = z.object({
  id: z.number(),
  title: z.array(textSegmentSchema),
  /** The matching passage of the record's text, cut around the first match; empty when only the title matched. */
  snippet: z.array(textSegmentSchema),
  /** The web page of the record, e.g. `/projects/12`. */
  link: z.string(),
});

export const searchGroupSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  label: z.string(),
  items: z.array(searchHitSchema),
});

export const searchResultSchema = z.object({ q: z.string(), groups: z.array(searchGroupSchema) });
export type SearchResult = z.infer<typeof searchResultSchema>;
