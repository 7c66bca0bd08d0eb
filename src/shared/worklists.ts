import { z } from 'zod';
import { worklistItemPoliciesSchema, worklistPoliciesSchema } from './policies.js';
import { dateSchema, idSchema, optionalText, paginationQuerySchema, pastDateSchema, queryIdSchema, requiredText, safeString } from './common.js';
import { recordVersionSchema } from './versions.js';

// Work lists (工作台账) the bureau defines itself: fields, statuses and countable figures are data,
// not code. Field keys are stable: renaming a field keeps its key, so values never get lost.

export const FIELD_TYPES = ['text', 'longtext', 'number', 'money', 'date', 'choice', 'person', 'place', 'enterprise', 'household', 'item'] as const;
export const fieldTypeSchema = z.enum(FIELD_TYPES, { error: '字段类型不正确' });
export type FieldType = z.infer<typeof fieldTypeSchema>;
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: '文本',
  longtext: '长文本',
  number: '数值',
  money: '金额(元)',
  date: '日期',
  choice: '选项',
  person: '人员',
  place: '地点',
  enterprise: '企业',
  household: '农户',
  item: '关联台账条目',
};

export const fieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: '字段标识只能包含小写字母、数字和下划线' });

export const fieldDefSchema = z
  .object({
    key: fieldKeySchema,
    label: requiredText('字段名称', 30),
    type: fieldTypeSchema,
    required: z.boolean().default(false),
    /** number: the unit shown after the value (亩, 人, 份 …). */
    unit: optionalText('单位', 10),
    /** choice: the options, in order. */
    options: z.array(requiredText('选项', 30)).max(50).default([]),
    /** item: the work list whose items this field links to. */
    targetListId: idSchema.nullish().transform((v) => v ?? null),
    /** A removed field is hidden, its values kept. */
    hidden: z.boolean().default(false),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'choice' && f.options.length < 1) ctx.addIssue({ code: 'custom', path: ['options'], message: '选项字段至少需要一个选项' });
    if (f.type === 'choice' && new Set(f.options).size !== f.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: '选项不能重复' });
    if (f.type === 'item' && !f.targetListId) ctx.addIssue({ code: 'custom', path: ['targetListId'], message: '请选择关联的台账' });
  });
export type FieldDef = z.infer<typeof fieldDefSchema>;

export const statusKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, { error: '状态标识只能包含小写字母、数字和下划线' });
export const statusDefSchema = z.object({
  key: statusKeySchema,
  label: requiredText('状态名称', 20),
  /** A done status closes the item (销号): reaching it needs a closing note, and it is never overdue. */
  done: z.boolean().default(false),
});
export type StatusDef = z.infer<typeof statusDefSchema>;

export const FIGURE_KINDS = ['count', 'countByStatus', 'countByChoice', 'sum'] as const;
export const figureDefSchema = z.object({
  key: fieldKeySchema,
  label: requiredText('统计项名称', 40),
  kind: z.enum(FIGURE_KINDS),
  /** countByChoice: the choice field. */
  fieldKey: fieldKeySchema.nullish().transform((v) => v ?? null),
  /** sum: one or more number or money fields, added up (e.g. money from each source → the total). */
  fieldKeys: z.array(fieldKeySchema).max(10).default([]),
  /** Optionally count only the items whose choice field has this value (e.g. 类型 = 观影). */
  filterFieldKey: fieldKeySchema.nullish().transform((v) => v ?? null),
  filterValue: safeString()
    .trim()
    .max(30)
    .nullish()
    .transform((v) => v ?? null),
});
export const FIGURE_KIND_LABELS: Record<(typeof FIGURE_KINDS)[number], string> = {
  count: '条目数',
  countByStatus: '按状态计数',
  countByChoice: '按选项计数',
  sum: '数值合计',
};

/** A list's stable key: templates name its facts by it (list.<key>.done), so renaming the list keeps them. */
export const listKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, { error: '台账标识只能包含小写字母、数字和下划线,以字母开头,至多30个字符' });

/** A sentence pattern of a list's summary: text with {slots} naming facts (as in report templates). */
const summaryPatternSchema = safeString().trim().min(1, { error: '句式不能为空' }).max(1000, { error: '句式过长' });

/**
 * How the list appears in the default work summary. `section` is a core section's key (management:
 * 科技管理, outreach: 科技宣传) or a heading of its own (lists with the same heading share a section,
 * in list order; none → the list's topic or name); `sentences` use the list's facts
 * ({list.<key>.done}, {list.<key>.field.village}); none leaves the list out. `plan` marks the list
 * that holds next period's plan items (its choice field naming the period, title and content fields).
 */
export const worklistSummarySchema = z.strictObject({
  section: safeString()
    .trim()
    .min(1)
    .max(60)
    .nullish()
    .transform((v) => v ?? null),
  /** The sentence that opens the list's section before its 一是…二是… (the first list's of a section). */
  opening: summaryPatternSchema.optional(),
  sentences: z.array(summaryPatternSchema).max(10).default([]),
  plan: z
    .strictObject({ periodField: fieldKeySchema, titleField: fieldKeySchema, contentField: fieldKeySchema })
    .nullish()
    .transform((v) => v ?? null),
});
export type WorklistSummary = z.infer<typeof worklistSummarySchema>;

export const worklistDefinitionSchema = z
  .strictObject({
    name: requiredText('台账名称', 40),
    /** Given at creation or generated (list_<id>); never changes. */
    key: listKeySchema.nullish().transform((v) => v ?? null),
    topic: optionalText('所属工作/活动', 60),
    description: optionalText('说明', 1000),
    /** Which field names an item in lists and links (a text-like field); the first text field by default. */
    titleFieldKey: fieldKeySchema.nullish().transform((v) => v ?? null),
    fields: z.array(fieldDefSchema).min(1, { error: '至少需要一个字段' }).max(40),
    statuses: z.array(statusDefSchema).min(1, { error: '至少需要一个状态' }).max(12),
    hasDeadline: z.boolean().default(false),
    hasResponsible: z.boolean().default(false),
    figures: z.array(figureDefSchema).max(20).default([]),
    sortOrder: z.number().int().min(0).max(9999).default(0),
    summary: worklistSummarySchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((d, ctx) => {
    const keys = d.fields.map((f) => f.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['fields'], message: '字段标识不能重复' });
    const statusKeys = d.statuses.map((s) => s.key);
    if (new Set(statusKeys).size !== statusKeys.length) ctx.addIssue({ code: 'custom', path: ['statuses'], message: '状态标识不能重复' });
    if (!d.statuses.some((s) => s.done)) ctx.addIssue({ code: 'custom', path: ['statuses'], message: '至少要有一个"已完成(销号)"状态' });
    if (d.statuses[0]?.done) ctx.addIssue({ code: 'custom', path: ['statuses', 0, 'done'], message: '第一个状态是新条目的初始状态,不能是已完成状态' });
    const visible = d.fields.filter((f) => !f.hidden);
    if (d.titleFieldKey && !visible.some((f) => f.key === d.titleFieldKey)) {
      ctx.addIssue({ code: 'custom', path: ['titleFieldKey'], message: '标题字段不存在' });
    }
    d.figures.forEach((fig, i) => {
      const field = d.fields.find((f) => f.key === fig.fieldKey);
      if (fig.kind === 'countByChoice' && field?.type !== 'choice') {
        ctx.addIssue({ code: 'custom', path: ['figures', i, 'fieldKey'], message: '按选项计数须选择一个选项字段' });
      }
      if (fig.kind === 'sum') {
        const summed = fig.fieldKeys.map((k) => d.fields.find((f) => f.key === k));
        if (!summed.length || summed.some((f) => f?.type !== 'number' && f?.type !== 'money')) {
          ctx.addIssue({ code: 'custom', path: ['figures', i, 'fieldKeys'], message: '数值合计须选择数值或金额字段' });
        } else if (new Set(summed.map((f) => (f!.type === 'money' ? '元' : (f!.unit ?? '')))).size > 1) {
          ctx.addIssue({ code: 'custom', path: ['figures', i, 'fieldKeys'], message: '合计的字段单位须相同' });
        }
      }
      if (fig.filterFieldKey) {
        const filter = d.fields.find((f) => f.key === fig.filterFieldKey);
        if (filter?.type !== 'choice' || !fig.filterValue || !filter.options.includes(fig.filterValue)) {
          ctx.addIssue({ code: 'custom', path: ['figures', i, 'filterValue'], message: '筛选条件须是某个选项字段的一个选项' });
        }
      }
    });
    const plan = d.summary?.plan;
    if (plan) {
      for (const [name, key] of Object.entries(plan)) {
        if (!d.fields.some((f) => f.key === key && !f.hidden))
          ctx.addIssue({ code: 'custom', path: ['summary', 'plan', name], message: `计划字段“${key}”不存在` });
      }
    }
    const figureKeys = d.figures.map((f) => f.key);
    if (new Set(figureKeys).size !== figureKeys.length) ctx.addIssue({ code: 'custom', path: ['figures'], message: '统计项标识不能重复' });
  });
export type WorklistDefinition = z.input<typeof worklistDefinitionSchema>;

/** POST /worklists/:id/archive: archive a list (true) or bring it back (false). */
export const archiveWorklistBodySchema = z.strictObject({ archived: z.boolean() });

/** A field definition as the API returns it (the input schema above normalises; this one only describes). */
export const fieldDefOutputSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: fieldTypeSchema,
  required: z.boolean(),
  unit: z.string().nullable(),
  options: z.array(z.string()),
  targetListId: z.number().int().nullable(),
  hidden: z.boolean(),
});

export const worklistSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  key: z.string(),
  name: z.string(),
  topic: z.string().nullable(),
  description: z.string().nullable(),
  titleFieldKey: z.string().nullable(),
  fields: z.array(fieldDefOutputSchema),
  statuses: z.array(z.object({ key: z.string(), label: z.string(), done: z.boolean() })),
  hasDeadline: z.boolean(),
  hasResponsible: z.boolean(),
  figures: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(FIGURE_KINDS),
      fieldKey: z.string().nullable(),
      fieldKeys: z.array(z.string()),
      filterFieldKey: z.string().nullable(),
      filterValue: z.string().nullable(),
    }),
  ),
  sortOrder: z.number().int(),
  summary: z
    .object({
      section: z.string().nullable(),
      opening: z.string().optional(),
      sentences: z.array(z.string()),
      plan: z.object({ periodField: z.string(), titleField: z.string(), contentField: z.string() }).nullable(),
    })
    .nullable(),
  archived: z.boolean(),
  itemCount: z.number().int(),
  overdueCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: worklistPoliciesSchema,
});
export type Worklist = z.infer<typeof worklistSchema>;

// ---------- items ----------

/** A deadline is set from the day an item is registered on. */
export const DEADLINE_BEFORE_REGISTRATION = '期限不能早于登记日期';

/** A field's value as stored: text, a number, an id, or null. Checked against the definition by the server. */
export const fieldValueSchema = z.union([safeString().max(10_000), z.number(), z.null()]);
export const itemValuesSchema = z.record(fieldKeySchema, fieldValueSchema);

export const itemBodySchema = z
  .strictObject({
    values: itemValuesSchema,
    responsibleId: idSchema.nullish().transform((v) => v ?? null),
    deadline: dateSchema.nullish().transform((v) => v ?? null),
    /** 登记日期: when the item entered the ledger (today by default). */
    registeredDate: pastDateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.deadline && v.registeredDate && v.deadline < v.registeredDate) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: DEADLINE_BEFORE_REGISTRATION });
    }
  });
export type ItemBody = z.input<typeof itemBodySchema>;

export const progressBodySchema = z.strictObject({
  entryDate: pastDateSchema,
  content: requiredText('进展情况', 2000),
  /** A status change; reaching a done status closes the item and the content is its closing note. */
  toStatus: statusKeySchema.nullish().transform((v) => v ?? null),
});

export const progressEntrySchema = z.object({
  id: z.number().int(),
  entryDate: z.string(),
  content: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  userId: z.number().int().nullable(),
  userDisplayName: z.string().nullable(),
  createdAt: z.string(),
});
export type ProgressEntry = z.infer<typeof progressEntrySchema>;

export const itemSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  listId: z.number().int(),
  title: z.string(),
  values: z.record(z.string(), fieldValueSchema),
  /** Display text of reference values (person, place, enterprise, item), by field key. */
  display: z.record(z.string(), z.string()),
  status: z.string(),
  statusLabel: z.string(),
  done: z.boolean(),
  overdue: z.boolean(),
  responsibleId: z.number().int().nullable(),
  responsibleName: z.string().nullable(),
  deadline: z.string().nullable(),
  registeredDate: z.string(),
  closedDate: z.string().nullable(),
  closingNote: z.string().nullable(),
  sectionId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: worklistItemPoliciesSchema,
});
export type Item = z.infer<typeof itemSchema>;

export const itemDetailSchema = itemSchema.extend({ progress: z.array(progressEntrySchema) });
export type ItemDetail = z.infer<typeof itemDetailSchema>;

/** Filters: `f.<fieldKey>` = value (exact; for text fields a contains match). */
export const listItemsQuerySchema = paginationQuerySchema
  .extend({
    q: optionalText('关键词', 50),
    status: z
      .union([statusKeySchema, z.array(statusKeySchema)])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
    responsibleId: queryIdSchema.optional(),
    overdue: z.enum(['yes', 'no']).optional(),
    deadlineFrom: dateSchema.optional(),
    deadlineTo: dateSchema.optional(),
    sort: z.enum(['registeredDate', 'deadline', 'updatedAt', 'status']).default('registeredDate'),
    order: z.enum(['asc', 'desc']).default('desc'),
  })
  .catchall(safeString().max(200));

export const overdueSummarySchema = z.object({
  /** Overdue items the signed-in user is responsible for. */
  mine: z.number().int(),
  /** Overdue items of the whole bureau (leaders and admins; null for others). */
  all: z.number().int().nullable(),
  byList: z.array(z.object({ listId: z.number().int(), name: z.string(), mine: z.number().int(), all: z.number().int().nullable() })),
});

// ---------- counting for the summary ----------

export const worklistFactSchema = z.object({ value: z.number(), recordType: z.literal('worklist_item'), ids: z.array(z.number().int()) });
export type WorklistFact = z.infer<typeof worklistFactSchema>;

/** A figure or a field over some items: a number (a count or a sum), groups, or names. */
export const worklistMeasureSchema = z.object({
  fact: worklistFactSchema.nullable(),
  groups: z.array(z.object({ key: z.string(), label: z.string(), fact: worklistFactSchema })).nullable(),
  /** Distinct names in the order the items were registered; ids are the items naming one. */
  names: z.object({ names: z.array(z.string()), ids: z.array(z.number().int()) }).nullable(),
});
export type WorklistMeasure = z.infer<typeof worklistMeasureSchema>;

/**
 * A list's figures for a period. Unsuffixed: what happened in the period; AtEnd: the state on its
 * last day. Figures and fields are given twice: over the items handled in the period (registered or
 * with progress in it) and over the items on the list at the end.
 */
export const worklistFactsSchema = z.object({
  listId: z.number().int(),
  listKey: z.string(),
  listName: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  /** Items registered in the period. */
  registered: worklistFactSchema,
  /** Items with a progress entry (status changes included, registration not) dated in the period. */
  progressed: worklistFactSchema,
  /** Items registered or progressed in the period. */
  handled: worklistFactSchema,
  /** Items that reached a done status (销号) in the period and were still done at its end. */
  done: worklistFactSchema,
  /** Items on the ledger on the period's last day (registered by then). */
  itemsAtEnd: worklistFactSchema,
  /** Items in a done status on the period's last day. */
  doneAtEnd: worklistFactSchema,
  openAtEnd: worklistFactSchema,
  /** Items past their deadline and not done on the period's last day. */
  overdueAtEnd: worklistFactSchema,
  byStatusAtEnd: z.array(z.object({ status: z.string(), label: z.string(), fact: worklistFactSchema })),
  /** Titles of the items done / handled in the period, in the order they were registered. */
  doneNames: z.array(z.string()),
  handledNames: z.array(z.string()),
  /** The figures the list's definition declares. */
  figures: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(FIGURE_KINDS),
      unit: z.string().nullable(),
      inPeriod: worklistMeasureSchema,
      atEnd: worklistMeasureSchema,
    }),
  ),
  /** Each visible field a summary can state: sums of number and money fields, counts by choice, names of the rest. */
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: fieldTypeSchema,
      unit: z.string().nullable(),
      inPeriod: worklistMeasureSchema,
      atEnd: worklistMeasureSchema,
    }),
  ),
});
export type WorklistFacts = z.infer<typeof worklistFactsSchema>;
