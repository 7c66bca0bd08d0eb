import { z } from 'zod';
import { commissionerPoliciesSchema, evaluationPoliciesSchema, serviceLogPoliciesSchema, supportPoliciesSchema } from './policies.js';
import { dateSchema, idSchema, optionalText, paginationQuerySchema, pastDateSchema, periodSchema, queryIdSchema, queryText, requiredText } from './common.js';
import { recordVersionSchema } from './versions.js';

export const GENDERS = ['male', 'female'] as const;
export const genderSchema = z.enum(GENDERS, { error: '请选择性别' });
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

export const COMMISSIONER_STATUSES = ['active', 'expired', 'withdrawn'] as const;
export const commissionerStatusSchema = z.enum(COMMISSIONER_STATUSES, { error: '请选择状态(在岗/期满/退出)' });
export type CommissionerStatus = z.infer<typeof commissionerStatusSchema>;
export const COMMISSIONER_STATUS_LABELS: Record<CommissionerStatus, string> = { active: '在岗', expired: '期满', withdrawn: '退出' };

const year = z.number({ error: '请填写年份' }).int().min(1990, { error: '年份不正确' }).max(2100, { error: '年份不正确' });

export const commissionerBodySchema = z
  .strictObject({
    name: requiredText('姓名', 30),
    gender: genderSchema,
    employer: requiredText('派出单位', 100),
    title: optionalText('职称', 40),
    specialty: optionalText('专业特长', 200),
    phone: optionalText('联系电话', 30),
    placeIds: z.array(idSchema).max(50).default([]),
    enterpriseIds: z.array(idSchema).max(50).default([]),
    termStartYear: year,
    termEndYear: year,
    status: commissionerStatusSchema.default('active'),
    userId: idSchema.nullish().transform((v) => v ?? null),
    notes: optionalText('备注', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.termEndYear < v.termStartYear) ctx.addIssue({ code: 'custom', path: ['termEndYear'], message: '任期结束年份不能早于开始年份' });
  });
export type CommissionerBody = z.input<typeof commissionerBodySchema>;

export const commissionerSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  name: z.string(),
  gender: genderSchema,
  employer: z.string(),
  title: z.string().nullable(),
  specialty: z.string().nullable(),
  phone: z.string().nullable(),
  places: z.array(z.object({ id: z.number().int(), name: z.string(), level: z.string() })),
  enterprises: z.array(z.object({ id: z.number().int(), name: z.string() })),
  termStartYear: z.number().int(),
  termEndYear: z.number().int(),
  status: commissionerStatusSchema,
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  notes: z.string().nullable(),
  logCount: z.number().int(),
  lastLogDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: commissionerPoliciesSchema,
});
export type Commissioner = z.infer<typeof commissionerSchema>;

export const listCommissionersQuerySchema = paginationQuerySchema.extend({
  q: optionalText('关键词', 50),
  status: commissionerStatusSchema.optional(),
  placeId: queryIdSchema.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

// ---------- service logs ----------

const count = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(1_000_000)
    .nullish()
    .transform((v) => v ?? null);

export const serviceLogBodySchema = z.strictObject({
  logDate: pastDateSchema,
  placeId: idSchema.nullish().transform((v) => v ?? null),
  enterpriseId: idSchema.nullish().transform((v) => v ?? null),
  kind: requiredText('服务类型', 40),
  content: requiredText('服务内容', 4000),
  peopleServed: count('服务人次'),
  problemsSolved: optionalText('解决的问题', 2000),
  newTechniques: optionalText('引进的新品种/新技术', 1000),
  fileIds: z.array(idSchema).max(20).default([]),
});
export type ServiceLogBody = z.input<typeof serviceLogBodySchema>;

export const serviceLogSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  commissionerId: z.number().int(),
  commissionerName: z.string(),
  logDate: z.string(),
  placeId: z.number().int().nullable(),
  placeName: z.string().nullable(),
  townId: z.number().int().nullable(),
  townName: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  kind: z.string(),
  content: z.string(),
  peopleServed: z.number().int().nullable(),
  problemsSolved: z.string().nullable(),
  newTechniques: z.string().nullable(),
  files: z.array(z.object({ id: z.number().int(), name: z.string(), mimeType: z.string(), size: z.number().int() })),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: serviceLogPoliciesSchema,
});
export type ServiceLog = z.infer<typeof serviceLogSchema>;

export const listServiceLogsQuerySchema = paginationQuerySchema.extend({
  commissionerId: queryIdSchema.optional(),
  townId: queryIdSchema.optional(),
  kind: queryText(40),
  confirmed: z.enum(['yes', 'no']).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

// ---------- support and evaluation ----------

export const SUPPORT_KINDS = ['subsidy', 'meeting', 'policy', 'other'] as const;
export const supportKindSchema = z.enum(SUPPORT_KINDS, { error: '请选择支持方式' });
export type SupportKind = z.infer<typeof supportKindSchema>;
export const SUPPORT_KIND_LABELS: Record<SupportKind, string> = { subsidy: '补助', meeting: '座谈慰问', policy: '政策支持', other: '其他' };

export const supportBodySchema = z.strictObject({
  supportDate: pastDateSchema,
  kind: supportKindSchema,
  description: requiredText('支持内容', 1000),
  /** 元, whole; only where money was given. */
  amount: z
    .number()
    .int({ error: '金额应为整数(元)' })
    .min(0, { error: '金额不能为负数' })
    .max(100_000_000)
    .nullish()
    .transform((v) => v ?? null),
});

export const supportSchema = z.object({
  id: z.number().int(),
  commissionerId: z.number().int(),
  supportDate: z.string(),
  kind: supportKindSchema,
  description: z.string(),
  amount: z.number().int().nullable(),
  createdAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: supportPoliciesSchema,
});
export type Support = z.infer<typeof supportSchema>;

export const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export const gradeSchema = z.enum(GRADES, { error: '请选择考核等次' });
export type Grade = z.infer<typeof gradeSchema>;
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };

export const evaluationBodySchema = z.strictObject({
  year: year,
  grade: gradeSchema,
  note: optionalText('考核意见', 1000),
});

export const evaluationSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  commissionerId: z.number().int(),
  year: z.number().int(),
  grade: gradeSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: evaluationPoliciesSchema,
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const commissionerDetailSchema = commissionerSchema.extend({
  supports: z.array(supportSchema),
  evaluations: z.array(evaluationSchema),
});

// ---------- counting for the summary ----------

export const commissionerFactsQuerySchema = periodSchema;
export type CommissionerFactsQuery = z.infer<typeof commissionerFactsQuerySchema>;

export const COMMISSIONER_RECORD_TYPES = ['commissioner', 'service_log', 'commissioner_support', 'commissioner_evaluation'] as const;

/** A counted figure and the records it counted (as the project facts' factSchema). */
export const commissionerFactSchema = z.object({
  value: z.number(),
  recordType: z.enum(COMMISSIONER_RECORD_TYPES),
  ids: z.array(z.number().int()),
});
export type CommissionerFact = z.infer<typeof commissionerFactSchema>;

/** The name the summary gives logs that name no place (only an enterprise). */
export const NO_PLACE_LABEL = '未填地点';

export const commissionerFactsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** Term reaching into the period's years and not withdrawn. */
  activeCommissioners: commissionerFactSchema,
  /** Commissioners with at least one log dated in the period. */
  commissionersWhoLogged: commissionerFactSchema,
  serviceLogs: commissionerFactSchema,
  /** Sum of 服务人次 over the period's logs that state it; ids are those logs. */
  peopleServed: commissionerFactSchema,
  /** The period's logs by town (a village's log counts for its town); townId null is 未填地点. */
  logsByTown: z.array(z.object({ townId: z.number().int().nullable(), townName: z.string(), fact: commissionerFactSchema })),
  /** Logs of the period that name a new variety or technique introduced. */
  newTechniques: commissionerFactSchema,
  supports: commissionerFactSchema,
  /** Sum in whole 元 over the period's supports that state an amount; ids are those supports. */
  supportAmount: commissionerFactSchema,
  /** The year whose evaluations are counted: the year of the period's last day. */
  evaluationYear: z.number().int(),
  evaluationsByGrade: z.array(z.object({ grade: gradeSchema, fact: commissionerFactSchema })),
});
export type CommissionerFacts = z.infer<typeof commissionerFactsSchema>;
