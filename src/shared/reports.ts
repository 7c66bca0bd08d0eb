import { z } from 'zod';
import { reportPoliciesSchema, templatePoliciesSchema } from './policies.js';
import { UNSAFE_TEXT_MESSAGE, dateSchema, findUnsafeText, idSchema, optionalText, queryIdSchema, requiredText, safeString } from './common.js';
import { FACT_LEDGERS } from './fact-catalogue.js';
import { recordVersionSchema } from './versions.js';

// The work summary (工作总结): templates with sentence patterns whose {slots} name counted facts,
// drafts made of sections and paragraphs, each figure in a paragraph traceable to its records.

/** A sentence pattern: literal text with {slots}; `{key}` or `{key|format|format…}`. */
export const patternSchema = safeString().trim().min(1, { error: '句式不能为空' }).max(1000, { error: '句式过长' });

export const templateSectionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, { error: '段落标识只能包含小写字母、数字和下划线' }),
  heading: requiredText('段落标题', 60),
  /** A sentence leading the section before its 一是…二是… (not enumerated); left out like any sentence whose figure says nothing. */
  opening: patternSchema.optional(),
  /** The sentences of the section; each is kept only when every figure it states is above zero. */
  sentences: z.array(patternSchema).min(1, { error: '每段至少一个句式' }).max(30),
  /** Enumerate the kept sentences as 一是…;二是…;三是…. */
  enumerate: z.boolean().default(true),
});
export type TemplateSection = z.infer<typeof templateSectionSchema>;

export const templatePlanSchema = z.object({
  /** The work list that holds plan items, by its stable key. */
  listKey: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, { error: '请选择计划台账' }),
  /** The choice field that names the period a plan item is for (its options look like 2014年下半年). */
  periodField: safeString().min(1).max(40),
  titleField: safeString().min(1).max(40),
  contentField: safeString().min(1).max(40),
});

export const templateDefinitionSchema = z.strictObject({
  name: requiredText('模板名称', 40),
  title: patternSchema,
  opening: patternSchema,
  sections: z.array(templateSectionSchema).min(1).max(20),
  plan: templatePlanSchema.nullable(),
  /** The event type whose lead events are the summary's 送科技下乡 figures (outreach.*). */
  outreachType: requiredText('活动类型', 40).default('送科技下乡'),
  /** The default template built from the bureau's work lists, rebuilt as they change until a person saves it. */
  auto: z.boolean().default(false),
});
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;

export const templateSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  name: z.string(),
  isDefault: z.boolean(),
  definition: z.any(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: templatePoliciesSchema,
});
export type Template = z.infer<typeof templateSchema>;

export const slotProblemSchema = z.object({ path: z.string(), slot: z.string(), message: z.string() });
export const templateCheckSchema = z.object({ ok: z.boolean(), problems: z.array(slotProblemSchema) });

// ---------- drafts ----------

/** A figure inside a paragraph: where it is, what it says, and what it counted. */
export const figureRefSchema = z.object({
  id: z.string(),
  factKey: z.string(),
  /** The text as it appears in the paragraph (1.5万余份). */
  text: z.string(),
  /** The same figure written exactly (15230份). */
  exactText: z.string(),
  value: z.number(),
  recordType: z.string(),
  ids: z.array(z.number().int()),
  /** The same figure a year earlier (同比), where data exists. */
  previous: z.object({ value: z.number(), text: z.string() }).nullable(),
  /** Where its text starts in the paragraph's text (as drafted; an edit may move it, see shared/figure-position.ts). */
  start: z.number().int().min(0).optional(),
});
export type FigureRef = z.infer<typeof figureRefSchema>;

export const paragraphSchema = z.object({
  key: z.string(),
  text: z.string(),
  figures: z.array(figureRefSchema),
});
export type Paragraph = z.infer<typeof paragraphSchema>;

export const draftSectionSchema = z.object({
  key: z.string(),
  /** The heading with its ordinal: 一、狠抓落实,科技管理上水平 */
  heading: z.string(),
  paragraphs: z.array(paragraphSchema),
});

/**
 * A table appended to a summary (附件), as text: the header row and the body rows, the first column
 * naming the row (单位), the others figures. A city's or a province's draft carries the main figures
 * of each subordinate organisation and their total (合计) for the period.
 */
export const appendixSchema = z.object({
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});
export type Appendix = z.infer<typeof appendixSchema>;

export const draftDocSchema = z.object({
  title: z.string(),
  opening: paragraphSchema,
  sections: z.array(draftSectionSchema),
  /** Slots of the template that named no fact when drafted: their sentences are left out, and said so here. */
  warnings: z.array(slotProblemSchema).optional(),
  /** The per-subordinate table of a city's or a province's draft; absent in a county's (and in versions saved before it existed). */
  appendix: appendixSchema.nullish(),
});
export type DraftDoc = z.infer<typeof draftDocSchema>;

export const reportSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  periodLabel: z.string(),
  templateId: z.number().int().nullable(),
  templateName: z.string(),
  latestVersion: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: reportPoliciesSchema,
});
export type Report = z.infer<typeof reportSchema>;

export const versionSchema = z.object({
  id: z.number().int(),
  versionNo: z.number().int(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  doc: draftDocSchema,
});
export type Version = z.infer<typeof versionSchema>;

export const createReportBodySchema = z
  .strictObject({
    from: dateSchema,
    to: dateSchema,
    templateId: idSchema.nullish().transform((v) => v ?? null),
  })
  .refine((p) => p.from <= p.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

export const saveVersionBodySchema = z.strictObject({
  /** The edited document: every text in it, figures' included, is held to the rule of any request text. */
  doc: draftDocSchema.superRefine((doc, ctx) => {
    const path = findUnsafeText(doc);
    if (path) ctx.addIssue({ code: 'custom', path, message: UNSAFE_TEXT_MESSAGE });
  }),
  note: optionalText('版本说明', 200),
  /** The version this edit started from; a newer version saved meanwhile is a conflict. */
  baseVersion: z.number().int().min(1),
  /**
   * Set when the text is a redraft being saved, naming the template it was drafted with: the fresh
   * draft becomes the new baseline (what counts as edited by hand next time), and with 'current'
   * the report adopts the template's current version.
   */
  fromRedraft: z.enum(['report', 'current']).optional(),
});

export const figureChangeSchema = z.object({
  factKey: z.string(),
  sectionKey: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** False when the figure sits in a paragraph edited by hand, which the redraft keeps as it was. */
  applied: z.boolean(),
});

/** A fact a template slot may name (its catalogue entry), with its value for the period asked, for the template editor. */
export const factInfoSchema = z.object({
  key: z.string(),
  ledger: z.enum(FACT_LEDGERS),
  label: z.string(),
  kind: z.enum(['number', 'groups', 'names', 'text']),
  unit: z.string().nullable(),
  style: z.enum(['count', 'quantity', 'money', 'wan']).nullable(),
  recordType: z.string().nullable(),
  dimensions: z.array(z.string()),
  atEnd: z.boolean(),
  description: z.string(),
  members: z.array(z.string()).optional(),
  /** The value for the period: the number (a total for groups, a count for names), as the slot writes it by default; null without a period or when it says nothing. */
  value: z.object({ number: z.number().nullable(), text: z.string().nullable(), records: z.number().int() }).nullable(),
});
export type FactInfo = z.infer<typeof factInfoSchema>;

export const factsQuerySchema = z
  .object({ from: dateSchema.optional(), to: dateSchema.optional(), outreachType: safeString().trim().min(1).max(40).optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { error: '请同时给出开始和结束日期', path: ['to'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

export const factCatalogueSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }).nullable(),
  /** Every fact, in catalogue order. */
  items: z.array(factInfoSchema),
  /** The same facts grouped by ledger (单位, 期间, 科技项目 … 工作台账). */
  ledgers: z.array(z.object({ ledger: z.enum(FACT_LEDGERS), label: z.string(), items: z.array(factInfoSchema) })),
});

export const previewBodySchema = z
  .strictObject({
    pattern: patternSchema,
    from: dateSchema,
    to: dateSchema,
    outreachType: requiredText('活动类型', 40).default('送科技下乡'),
  })
  .refine((p) => p.from <= p.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

export const previewSchema = z.object({
  /** The sentence as the draft would write it; null when it is left out (a figure in it says nothing, or a slot names no fact). */
  text: z.string().nullable(),
  figures: z.array(figureRefSchema),
  problems: z.array(slotProblemSchema),
});

export const keptSentenceSchema = z.object({
  sectionKey: z.string(),
  paragraphKey: z.string(),
  /** Its place among the paragraph's sentences in the redraft (0-based). */
  index: z.number().int(),
  /** The sentence as the person wrote it (kept). */
  text: z.string(),
  /** The same sentence as drafted from today's ledgers. */
  draft: z.string().nullable(),
});
export type KeptSentence = z.infer<typeof keptSentenceSchema>;

/** Which template a redraft uses: the report's copy as it was drafted (default), or the template's current version. */
export const redraftQuerySchema = z.object({ template: z.enum(['report', 'current']).default('report') });

export const redraftSchema = z.object({
  template: z.enum(['report', 'current']),
  /** The template was edited (or, for the default, rebuilt from the work lists) since the report was drafted. */
  templateChanged: z.boolean(),
  /** The ledgers changed since the latest version was drafted: a figure of the report's template reads differently now. */
  dataChanged: z.boolean(),
  doc: draftDocSchema,
  changes: z.array(figureChangeSchema),
  /** Paragraphs people edited by hand whose sentences could not be told apart: the redraft leaves them whole as they are. */
  keptParagraphs: z.array(z.string()),
  /**
   * Sentences people edited by hand, kept as they wrote them while the paragraph's other sentences
   * are updated: the kept text and what the fresh draft says there (null when it says nothing there).
   */
  keptSentences: z.array(keptSentenceSchema),
});

export const staleFigureSchema = z.object({ figureId: z.string(), factKey: z.string(), text: z.string(), now: z.string() });

/** A record a figure counted (GET /reports/trace): a label and the page that shows it. */
export const traceRecordSchema = z.object({ id: z.number().int(), label: z.string(), link: z.string() });

// ---------- comparing two versions ----------

/** The two versions to compare: a (usually the older) and b. */
export const compareQuerySchema = z.object({ a: queryIdSchema, b: queryIdSchema });

/** A run of a compared text: in both versions, only in the older (removed) or only in the newer (added). */
export const textPartSchema = z.object({ kind: z.enum(['same', 'removed', 'added']), text: z.string() });
export type TextPart = z.infer<typeof textPartSchema>;

const compareStatusSchema = z.enum(['added', 'removed', 'changed', 'same']);

export const paragraphCompareSchema = z.object({
  key: z.string(),
  status: compareStatusSchema,
  /** The text in version a (null when the paragraph was added) and in version b (null when removed). */
  a: z.string().nullable(),
  b: z.string().nullable(),
  /** For a changed paragraph, its text cut into what both share and what was removed or added (a sentence at a time, narrowed to the characters). */
  parts: z.array(textPartSchema).nullable(),
  /** Figures whose text differs, by fact: null on the side that does not state it. */
  figures: z.array(z.object({ factKey: z.string(), a: z.string().nullable(), b: z.string().nullable() })),
});

const versionMetaSchema = z.object({ versionNo: z.number().int(), note: z.string().nullable(), createdByName: z.string().nullable(), createdAt: z.string() });

export const versionCompareSchema = z.object({
  a: versionMetaSchema,
  b: versionMetaSchema,
  /** Nothing differs. */
  same: z.boolean(),
  changed: z.object({ title: z.boolean(), headings: z.number().int(), paragraphs: z.number().int(), figures: z.number().int() }),
  title: z.object({ a: z.string(), b: z.string(), changed: z.boolean() }),
  opening: paragraphCompareSchema,
  /** In version b's order; sections only version a has follow. */
  sections: z.array(
    z.object({
      key: z.string(),
      status: compareStatusSchema,
      heading: z.object({ a: z.string().nullable(), b: z.string().nullable() }),
      paragraphs: z.array(paragraphCompareSchema),
    }),
  ),
});
export type VersionCompare = z.infer<typeof versionCompareSchema>;

// ---------- the figures of the organisations below (city roll-up) ----------

export const rollupQuerySchema = z
  .object({ from: dateSchema, to: dateSchema })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

/** A column of the roll-up: a number fact of the catalogue (ROLLUP_COLUMNS in shared/fact-catalogue.ts). */
export const rollupColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string().nullable(),
  /** The records its figures count, for GET /api/reports/trace. */
  recordType: z.string(),
});

/** A figure and the records it counted. */
export const rollupCellSchema = z.object({ value: z.number(), ids: z.array(z.number().int()) });

export const rollupRowSchema = z.object({
  orgId: z.number().int(),
  /** The organisation's full name (a short name such as 县科技局 does not tell siblings apart); 市本级 for the organisation's own records, 合计 for the total. */
  name: z.string(),
  /** subtree: the organisation with those below it; own: the asking organisation's own records; total: everything. */
  kind: z.enum(['subtree', 'own', 'total']),
  /** One per column, in the columns' order. */
  cells: z.array(rollupCellSchema),
});
export type RollupRow = z.infer<typeof rollupRowSchema>;

export const rollupSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  org: z.object({ id: z.number().int(), name: z.string() }),
  /** 各县（市、区） for a city, 各设区市 for a province. */
  subordinates: z.string(),
  columns: z.array(rollupColumnSchema),
  /**
   * One row per organisation directly below, each counting its whole subtree; then the asking
   * organisation's own records (市本级) when it has any. Empty for an organisation with none below.
   */
  rows: z.array(rollupRowSchema),
  /** The organisation's rolled-up figures, as its summary states them (the sum of the rows); null when there are no rows. */
  total: rollupRowSchema.nullable(),
});
export type Rollup = z.infer<typeof rollupSchema>;

/** A roll-up column's header: 立项资金（万元）; a label that already ends with its unit stays as it is (培训人次). */
export function rollupColumnHeader(column: { label: string; unit: string | null }): string {
  return column.unit && !column.label.endsWith(column.unit) ? `${column.label}（${column.unit}）` : column.label;
}

/** A roll-up figure as a table writes it: whole numbers as they are, amounts to two decimals at most (38.65). */
export function rollupFigureText(value: number): string {
  return String(Number(value.toFixed(2)));
}
