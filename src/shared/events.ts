import { z } from 'zod';
import { eventPoliciesSchema, listPoliciesSchema } from './policies.js';
import { dateSchema, idSchema, optionalText, paginationQuerySchema, pastDateSchema, queryIdSchema, queryText, requiredText } from './common.js';
import { recordVersionSchema } from './versions.js';

/** The bureau's part in an event: it led it, took part, or sent people to another body's training. */
export const EVENT_ROLES = ['lead', 'participate', 'send'] as const;
export const eventRoleSchema = z.enum(EVENT_ROLES, { error: '请选择本局角色(牵头组织/参与/组织参加)' });
export type EventRole = z.infer<typeof eventRoleSchema>;
export const EVENT_ROLE_LABELS: Record<EventRole, string> = { lead: '牵头组织', participate: '参与', send: '组织参加' };

/**
 * The figures an event may report, declared once; each optional, a whole number, never negative.
 * Everything else reads this list: the request and response schemas, the list's totals (one SUM per
 * column), the period's facts and their catalogue entries, the form, the list's columns and totals
 * row, the detail page and the demo. Adding a figure is one entry here plus a migration adding its
 * integer column to events (and the column in db/types.ts).
 */
export interface EventFigureDef {
  key: string;
  /** As the form and the detail page name it (发放资料). */
  label: string;
  /** As a list column or a sentence names it (资料). */
  short: string;
  /** Written after the number: people 人, person-times 人次, things 份、块. */
  unit: string;
  /** The column of events that holds it. */
  column: string;
  /** How the summary writes it: a count exactly (专家12人), a quantity rounded (1.5万余份). */
  style: 'count' | 'quantity';
  /** A part of another figure (其中图书): the parts together never exceed it. */
  partOf?: string;
  /** Shown as a column of the events list, summed in its totals row, this wide. */
  listWidth?: number;
  /**
   * The summary facts that sum it over the period, each with its catalogue description:
   * outreach.<name> over the outreach events the bureau led, events.<name> over every event.
   */
  facts?: { outreach?: string; events?: string };
  /** The <name> of its facts where it is not the key (outreach.experts). */
  factName?: string;
}

export const EVENT_FIGURE_DEFS = [
  {
    key: 'materials',
    label: '发放资料',
    short: '资料',
    unit: '份',
    column: 'materials',
    style: 'quantity',
    listWidth: 68,
    facts: { outreach: '期内下乡活动发放的资料' },
  },
  {
    key: 'books',
    label: '其中图书',
    short: '图书',
    unit: '份',
    column: 'books',
    style: 'quantity',
    partOf: 'materials',
    facts: { outreach: '期内下乡活动发放资料中的图书' },
  },
  {
    key: 'leaflets',
    label: '其中宣传单/小册子',
    short: '宣传单',
    unit: '份',
    column: 'leaflets',
    style: 'quantity',
    partOf: 'materials',
    facts: { outreach: '期内下乡活动发放资料中的宣传单、小册子' },
  },
  {
    key: 'boards',
    label: '展板',
    short: '展板',
    unit: '块',
    column: 'boards',
    style: 'quantity',
    listWidth: 68,
    facts: { outreach: '期内下乡活动展出的展板' },
  },
  {
    key: 'consultations',
    label: '咨询',
    short: '咨询',
    unit: '人次',
    column: 'consultations',
    style: 'quantity',
    listWidth: 84,
    facts: { outreach: '期内下乡活动的咨询人次' },
  },
  {
    key: 'expertCount',
    label: '专家',
    short: '专家',
    unit: '人',
    column: 'expert_count',
    style: 'count',
    factName: 'experts',
    facts: { outreach: '期内下乡活动的专家人数' },
  },
  {
    key: 'attendees',
    label: '参加人数',
    short: '参加',
    unit: '人',
    column: 'attendees',
    style: 'quantity',
    listWidth: 68,
    facts: { outreach: '期内下乡活动的参加人数' },
  },
  {
    key: 'trainees',
    label: '培训人次',
    short: '培训',
    unit: '人次',
    column: 'trainees',
    style: 'quantity',
    listWidth: 84,
    facts: { outreach: '期内下乡活动的培训人次', events: '期内活动的培训人次合计' },
  },
  // Summed over the events that sent people (组织参加) it is the fact events.peopleSent (facts.ts).
  { key: 'peopleSent', label: '本局组织参加', short: '组织参加', unit: '人', column: 'people_sent', style: 'count', listWidth: 84 },
] as const satisfies readonly EventFigureDef[];

export type EventFigure = (typeof EVENT_FIGURE_DEFS)[number]['key'];
/** The figures' keys in the order the form, the detail page and the totals list them. */
export const EVENT_FIGURES = EVENT_FIGURE_DEFS.map((d) => d.key) as [EventFigure, ...EventFigure[]];
/** A figure's declaration by its key. */
export const EVENT_FIGURE: Record<EventFigure, EventFigureDef> = Object.fromEntries(EVENT_FIGURE_DEFS.map((d) => [d.key, d])) as Record<
  EventFigure,
  EventFigureDef
>;

/** An event figure's number fact key, or null when the figure has none in that ledger: outreach.experts for expertCount. */
export function eventFigureFactKey(def: EventFigureDef, ledger: 'outreach' | 'events'): string | null {
  return def.facts?.[ledger] === undefined ? null : `${ledger}.${def.factName ?? def.key}`;
}

/** Each whole with its parts (发放资料: 其中图书、其中宣传单), and what is said when the parts exceed it. */
export const EVENT_FIGURE_PARTS: { whole: EventFigure; parts: EventFigure[]; message: string }[] = EVENT_FIGURES.flatMap((whole) => {
  const parts = EVENT_FIGURES.filter((f) => EVENT_FIGURE[f].partOf === whole);
  const says = `${parts.map((p) => EVENT_FIGURE[p].short).join('与')}之和不能超过${EVENT_FIGURE[whole].label}总数`;
  return parts.length ? [{ whole, parts, message: says }] : [];
});

const figure = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000, { error: `${label}过大` })
    .nullish()
    .transform((v) => v ?? null);

const figureFields = Object.fromEntries(EVENT_FIGURES.map((f) => [f, figure(EVENT_FIGURE[f].label)])) as Record<EventFigure, ReturnType<typeof figure>>;

export const eventBodySchema = z
  .strictObject({
    type: requiredText('活动类型', 40),
    theme: requiredText('活动主题', 200),
    /** An event is a record of work done: it is recorded once it has begun (it may end later). */
    startDate: pastDateSchema,
    endDate: dateSchema.nullish().transform((v) => v ?? null),
    role: eventRoleSchema,
    organiser: optionalText('主办单位', 100),
    placeIds: z.array(idSchema).max(100).default([]),
    enterpriseIds: z.array(idSchema).max(100).default([]),
    departmentIds: z.array(idSchema).max(50).default([]),
    notes: optionalText('备注', 2000),
    ...figureFields,
  })
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
    for (const { whole, parts, message } of EVENT_FIGURE_PARTS) {
      const total = v[whole];
      if (total !== null && parts.reduce((sum, p) => sum + (v[p] ?? 0), 0) > total) ctx.addIssue({ code: 'custom', path: [parts[0]], message });
    }
  });
export type EventBody = z.input<typeof eventBodySchema>;

export const eventSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  type: z.string(),
  theme: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  role: eventRoleSchema,
  organiser: z.string().nullable(),
  places: z.array(z.object({ id: z.number().int(), name: z.string(), level: z.string(), townId: z.number().int().nullable() })),
  enterprises: z.array(z.object({ id: z.number().int(), name: z.string() })),
  departments: z.array(z.object({ id: z.number().int(), name: z.string(), shortName: z.string().nullable() })),
  notes: z.string().nullable(),
  ...(Object.fromEntries(EVENT_FIGURES.map((f) => [f, z.number().int().nullable()])) as Record<EventFigure, z.ZodNullable<z.ZodNumber>>),
  sectionId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: eventPoliciesSchema,
});
export type Event = z.infer<typeof eventSchema>;

export const listEventsQuerySchema = paginationQuerySchema.extend({
  q: optionalText('关键词', 50),
  type: queryText(40),
  role: eventRoleSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  townId: queryIdSchema.optional(),
  departmentId: queryIdSchema.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** Sums of each figure over the filtered events (null figures count as nothing). */
export const eventTotalsSchema = z.object({
  count: z.number().int(),
  ...(Object.fromEntries(EVENT_FIGURES.map((f) => [f, z.number().int()])) as Record<EventFigure, z.ZodNumber>),
});
export type EventTotals = z.infer<typeof eventTotalsSchema>;

export const eventPageSchema = z.object({
  items: z.array(eventSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: eventTotalsSchema,
  /** Whether the user may add an event (src/shared/policies.ts). */
  policies: listPoliciesSchema,
});

// ---------- counting for the summary ----------

export const eventFactSchema = z.object({ value: z.number(), recordType: z.literal('event'), ids: z.array(z.number().int()) });
export type EventFact = z.infer<typeof eventFactSchema>;

export const eventFactsQuerySchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    type: queryText(40),
    role: eventRoleSchema.optional(),
  })
  .refine((p) => p.from <= p.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

export const eventFactsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  events: eventFactSchema,
  byType: z.array(z.object({ type: z.string(), fact: eventFactSchema })),
  byRole: z.array(z.object({ role: eventRoleSchema, fact: eventFactSchema })),
  /** Sum of each figure; ids are the events that reported it. */
  totals: z.record(z.enum(EVENT_FIGURES), eventFactSchema),
  departments: z.object({
    value: z.number().int(),
    items: z.array(z.object({ id: z.number().int(), name: z.string(), shortName: z.string().nullable() })),
    eventIds: z.array(z.number().int()),
  }),
  townsReached: z.object({
    value: z.number().int(),
    items: z.array(z.object({ id: z.number().int(), name: z.string() })),
    eventIds: z.array(z.number().int()),
  }),
  trainingsSentTo: eventFactSchema,
  peopleSent: eventFactSchema,
  /** Events that trained people (培训人次 above zero); totals.trainees sums the person-times. */
  trainings: eventFactSchema,
});
export type EventFacts = z.infer<typeof eventFactsSchema>;
