import { z } from 'zod';
import { dateSchema, idSchema, optionalText, paginationQuerySchema, pastDateSchema, queryIdSchema, queryText, requiredText } from './common.js';
import { recordVersionSchema } from './versions.js';

/** The bureau's part in an event: it led it, took part, or sent people to another body's training. */
export const EVENT_ROLES = ['lead', 'participate', 'send'] as const;
export const eventRoleSchema = z.enum(EVENT_ROLES, { error: '请选择本局角色(牵头组织/参与/组织参加)' });
export type EventRole = z.infer<typeof eventRoleSchema>;
export const EVENT_ROLE_LABELS: Record<EventRole, string> = { lead: '牵头组织', participate: '参与', send: '组织参加' };

/** The figures an event may report; each optional, a whole number, never negative. */
export const EVENT_FIGURES = ['materials', 'books', 'leaflets', 'boards', 'consultations', 'attendees', 'trainees', 'peopleSent', 'expertCount'] as const;
export type EventFigure = (typeof EVENT_FIGURES)[number];
export const EVENT_FIGURE_LABELS: Record<EventFigure, { label: string; unit: string }> = {
  materials: { label: '发放资料', unit: '份' },
  books: { label: '其中图书', unit: '份' },
  leaflets: { label: '其中宣传单/小册子', unit: '份' },
  boards: { label: '展板', unit: '块' },
  consultations: { label: '咨询', unit: '人次' },
  attendees: { label: '参加人数', unit: '人' },
  trainees: { label: '培训人次', unit: '人次' },
  peopleSent: { label: '本局组织参加', unit: '人' },
  expertCount: { label: '专家', unit: '人' },
};

const figure = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000, { error: `${label}过大` })
    .nullish()
    .transform((v) => v ?? null);

const figureFields = Object.fromEntries(EVENT_FIGURES.map((f) => [f, figure(EVENT_FIGURE_LABELS[f].label)])) as Record<EventFigure, ReturnType<typeof figure>>;

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
    if (v.materials !== null && (v.books ?? 0) + (v.leaflets ?? 0) > v.materials) {
      ctx.addIssue({ code: 'custom', path: ['books'], message: '图书与宣传单之和不能超过发放资料总数' });
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
