import { z } from 'zod';
import {
  enterprisePoliciesSchema,
  followupPoliciesSchema,
  listPoliciesSchema,
  milestonePoliciesSchema,
  projectPoliciesSchema,
  visitPoliciesSchema,
} from './policies.js';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from './credit-code.js';
import { dateSchema, idSchema, optionalText, paginationQuerySchema, pastDateSchema, queryIdSchema, queryText, requiredText, safeString } from './common.js';
import { recordVersionSchema } from './versions.js';

// ---------- shared enums ----------

/** 工业 / 农业 / 社会发展: the field of a project and the industry of an enterprise. */
export const SECTORS = ['industry', 'agriculture', 'social'] as const;
export const sectorSchema = z.enum(SECTORS, { error: '请选择领域(工业/农业/社会发展)' });
export type Sector = z.infer<typeof sectorSchema>;
export const SECTOR_LABELS: Record<Sector, string> = { industry: '工业', agriculture: '农业', social: '社会发展' };

export const PROJECT_LEVELS = ['national', 'ministry', 'province', 'city', 'county'] as const;
export const projectLevelSchema = z.enum(PROJECT_LEVELS, { error: '请选择级别(国家/部级/省/市/县)' });
export type ProjectLevel = z.infer<typeof projectLevelSchema>;
export const PROJECT_LEVEL_LABELS: Record<ProjectLevel, string> = {
  national: '国家',
  ministry: '部级',
  province: '省',
  city: '市',
  county: '县',
};
/** A level as the summary names a group of projects (国家级 … 县级; never 部级级), in hierarchy order. */
export const PROJECT_LEVEL_GROUP_LABELS: Record<ProjectLevel, string> = {
  national: '国家级',
  ministry: '部级',
  province: '省级',
  city: '市级',
  county: '县级',
};

/** The pipeline, in order; `rejected` and `stopped` are side exits. */
export const PIPELINE = ['lead', 'pool', 'applied', 'approved', 'ongoing', 'accepted'] as const;
export const STAGES = [...PIPELINE, 'rejected', 'stopped'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;
export const STAGE_LABELS: Record<Stage, string> = {
  lead: '线索',
  pool: '储备',
  applied: '申报',
  approved: '立项',
  ongoing: '实施',
  accepted: '验收',
  rejected: '未获批',
  stopped: '终止',
};

/** Ant Design tag colours of the stages, so every screen shows a stage the same way. */
export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  pool: 'cyan',
  applied: 'blue',
  approved: 'green',
  ongoing: 'geekblue',
  accepted: 'purple',
  rejected: 'orange',
  stopped: 'red',
};

/**
 * Where a project may go from each stage. Forward along the pipeline (several steps at once when
 * every stage passed is dated), to 未获批 only from 申报, to 终止 from any open stage, and from
 * 未获批 back into the pool to be cultivated for another round.
 */
export const NEXT_STAGES: Record<Stage, Stage[]> = {
  lead: ['pool', 'applied', 'approved', 'ongoing', 'accepted', 'stopped'],
  pool: ['applied', 'approved', 'ongoing', 'accepted', 'stopped'],
  applied: ['approved', 'ongoing', 'accepted', 'rejected', 'stopped'],
  approved: ['ongoing', 'accepted', 'stopped'],
  ongoing: ['accepted', 'stopped'],
  accepted: [],
  rejected: ['pool'],
  stopped: [],
};

/** The pipeline stages a move from `from` to `to` passes through, `to` included. */
export function stagesBetween(from: Stage, to: Stage): Stage[] {
  if (to === 'rejected' || to === 'stopped') return [to];
  if (from === 'rejected' && to === 'pool') return ['pool'];
  const start = (PIPELINE as readonly string[]).indexOf(from);
  const end = (PIPELINE as readonly string[]).indexOf(to);
  return PIPELINE.slice(start + 1, end + 1) as Stage[];
}

export const FOLLOWUP_KINDS = ['visit', 'phone', 'meeting'] as const;
export const followupKindSchema = z.enum(FOLLOWUP_KINDS, { error: '请选择方式(走访/电话/会议)' });
export type FollowupKind = z.infer<typeof followupKindSchema>;
export const FOLLOWUP_KIND_LABELS: Record<FollowupKind, string> = { visit: '走访', phone: '电话', meeting: '会议' };

/** An amount in 万元, at most 4 decimals (1 元), not negative. */
export const wanSchema = z
  .number({ error: '金额应为数字(万元)' })
  .min(0, { error: '金额不能为负数' })
  .max(10_000_000, { error: '金额过大' })
  .refine((v) => Math.abs(Math.round(v * 10000) - v * 10000) < 1e-6, { error: '金额最多保留4位小数(万元)' });

const nullableWan = wanSchema.nullish().transform((v) => v ?? null);
const nullableId = idSchema.nullish().transform((v) => v ?? null);

// ---------- enterprises ----------

export const creditCodeSchema = safeString()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] });
  });

/** Kinds for which a credit code is optional (bases and cooperatives may have none). */
export const KINDS_WITHOUT_CODE = ['农业示范基地', '合作社'];

const enterpriseFields = {
  name: requiredText('名称', 100),
  creditCode: z
    .union([creditCodeSchema, z.literal('').transform(() => null), z.null()])
    .optional()
    .transform((v) => v ?? null),
  kind: requiredText('类型', 40),
  industry: sectorSchema,
  townId: nullableId,
  address: optionalText('地址', 200),
  contactPerson: optionalText('联系人', 30),
  contactPhone: optionalText('联系电话', 30),
  notes: optionalText('备注', 1000),
};

function requireCreditCode(v: { creditCode: string | null; kind: string }, ctx: z.RefinementCtx): void {
  if (!v.creditCode && !KINDS_WITHOUT_CODE.includes(v.kind)) {
    ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '企业须填写统一社会信用代码(示范基地、合作社可不填)' });
  }
}

export const enterpriseBodySchema = z.strictObject(enterpriseFields).superRefine(requireCreditCode);
export type EnterpriseBody = z.input<typeof enterpriseBodySchema>;
/** A new enterprise may be placed in a section (admins and leaders; others get their own). */
export const createEnterpriseBodySchema = z.strictObject({ ...enterpriseFields, sectionId: idSchema.nullish() }).superRefine(requireCreditCode);

export const enterpriseSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  name: z.string(),
  creditCode: z.string().nullable(),
  kind: z.string(),
  industry: sectorSchema,
  townId: z.number().int().nullable(),
  townName: z.string().nullable(),
  address: z.string().nullable(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  notes: z.string().nullable(),
  sectionId: z.number().int().nullable(),
  projectCount: z.number().int(),
  visitCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: enterprisePoliciesSchema,
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const ENTERPRISE_SORTS = ['name', 'kind', 'industry', 'townName', 'updatedAt', 'projectCount'] as const;
export const listEnterprisesQuerySchema = paginationQuerySchema.extend({
  q: optionalText('关键词', 50),
  kind: queryText(40),
  industry: sectorSchema.optional(),
  townId: queryIdSchema.optional(),
  sort: z.enum(ENTERPRISE_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** An enterprise with its projects and the visits to it (the enterprise page). */
export const enterpriseDetailSchema = enterpriseSchema.extend({
  projects: z.array(z.object({ id: z.number().int(), title: z.string(), stage: stageSchema })),
  visits: z.array(z.object({ id: z.number().int(), visitDate: z.string(), purpose: z.string() })),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

// ---------- research visits ----------

export const visitBodySchema = z.strictObject({
  visitDate: pastDateSchema,
  staffIds: z.array(idSchema).min(1, { error: '请选择参加调研的人员' }).max(20),
  enterpriseIds: z.array(idSchema).min(1, { error: '请选择调研的企业或基地' }).max(50),
  purpose: requiredText('调研目的', 500),
  findings: optionalText('调研发现', 4000),
});
export type VisitBody = z.input<typeof visitBodySchema>;

export const visitSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  visitDate: z.string(),
  purpose: z.string(),
  findings: z.string().nullable(),
  staff: z.array(z.object({ id: z.number().int(), displayName: z.string() })),
  enterprises: z.array(z.object({ id: z.number().int(), name: z.string() })),
  leads: z.array(z.object({ id: z.number().int(), title: z.string(), stage: stageSchema })),
  sectionId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: visitPoliciesSchema,
});
export type Visit = z.infer<typeof visitSchema>;

export const listVisitsQuerySchema = paginationQuerySchema.extend({
  q: optionalText('关键词', 50),
  enterpriseId: queryIdSchema.optional(),
  staffId: queryIdSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});

// ---------- projects ----------

export const stageDatesSchema = z.partialRecord(stageSchema, dateSchema);
export type StageDates = z.infer<typeof stageDatesSchema>;

const projectFields = {
  title: requiredText('项目名称', 200),
  enterpriseId: nullableId,
  field: sectorSchema,
  program: optionalText('计划类别', 60),
  level: projectLevelSchema.nullish().transform((v) => v ?? null),
  managerId: nullableId,
  amountApplied: nullableWan,
  amountApproved: nullableWan,
  amountReceived: nullableWan,
  amountSelfRaised: nullableWan,
  sourceVisitId: nullableId,
  description: optionalText('项目简介', 4000),
};

/** A new project starts at `stage` (线索 by default) with a date for every pipeline stage up to it. */
export const createProjectBodySchema = z.strictObject({
  ...projectFields,
  stage: stageSchema.default('lead'),
  stageDates: stageDatesSchema.default({}),
  sectionId: nullableId.optional(),
});
export type CreateProjectBody = z.input<typeof createProjectBodySchema>;

export const updateProjectBodySchema = z.strictObject(projectFields).partial();

export const moveStageBodySchema = z.strictObject({
  to: stageSchema,
  date: dateSchema,
  /** Dates of the stages passed on the way, when moving several steps at once. */
  stageDates: stageDatesSchema.default({}),
  remark: optionalText('说明', 500),
});

export const stageEventSchema = z.object({
  id: z.number().int(),
  fromStage: stageSchema.nullable(),
  toStage: stageSchema,
  eventDate: z.string(),
  userId: z.number().int().nullable(),
  userDisplayName: z.string().nullable(),
  remark: z.string().nullable(),
  createdAt: z.string(),
});
export type StageEvent = z.infer<typeof stageEventSchema>;

export const projectSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  title: z.string(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  townId: z.number().int().nullable(),
  townName: z.string().nullable(),
  field: sectorSchema,
  program: z.string().nullable(),
  level: projectLevelSchema.nullable(),
  managerId: z.number().int().nullable(),
  managerName: z.string().nullable(),
  amountApplied: z.number().nullable(),
  amountApproved: z.number().nullable(),
  amountReceived: z.number().nullable(),
  amountSelfRaised: z.number().nullable(),
  stage: stageSchema,
  stageDates: stageDatesSchema,
  sourceVisitId: z.number().int().nullable(),
  description: z.string().nullable(),
  sectionId: z.number().int().nullable(),
  followupCount: z.number().int(),
  lastFollowupDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: projectPoliciesSchema,
});
export type Project = z.infer<typeof projectSchema>;

export const projectDetailSchema = projectSchema.extend({
  history: z.array(stageEventSchema),
  visits: z.array(z.object({ id: z.number().int(), visitDate: z.string(), purpose: z.string() })),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const PROJECT_SORTS = ['title', 'stage', 'appliedDate', 'approvedDate', 'updatedAt', 'amountApproved', 'enterpriseName'] as const;
/** Date filters: which stage's date must fall in [from, to]. */
export const PROJECT_DATE_FIELDS = ['lead', 'pool', 'applied', 'approved', 'accepted'] as const;

export const listProjectsQuerySchema = paginationQuerySchema.extend({
  q: optionalText('关键词', 50),
  stage: z
    .union([stageSchema, z.array(stageSchema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  program: queryText(60),
  level: projectLevelSchema.optional(),
  field: sectorSchema.optional(),
  townId: queryIdSchema.optional(),
  managerId: queryIdSchema.optional(),
  enterpriseId: queryIdSchema.optional(),
  dateField: z.enum(PROJECT_DATE_FIELDS).default('applied'),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  sort: z.enum(PROJECT_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const stageSummarySchema = z.object({
  counts: z.record(stageSchema, z.number().int()),
  total: z.number().int(),
});

// ---------- follow-up service ----------

export const followupBodySchema = z.strictObject({
  followupDate: pastDateSchema,
  staffId: idSchema,
  kind: followupKindSchema,
  found: optionalText('发现的情况', 2000),
  solved: optionalText('解决的问题', 2000),
  openProblems: optionalText('待解决问题', 2000),
});
export type FollowupBody = z.input<typeof followupBodySchema>;

export const followupSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  projectId: z.number().int(),
  projectTitle: z.string(),
  followupDate: z.string(),
  staffId: z.number().int(),
  staffName: z.string(),
  kind: followupKindSchema,
  found: z.string().nullable(),
  solved: z.string().nullable(),
  openProblems: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: followupPoliciesSchema,
});
export type Followup = z.infer<typeof followupSchema>;

export const listFollowupsQuerySchema = paginationQuerySchema.extend({
  projectId: queryIdSchema.optional(),
  staffId: queryIdSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

// ---------- counting for the summary ----------

export const periodQuerySchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    field: sectorSchema.optional(),
    program: queryText(60),
    level: projectLevelSchema.optional(),
  })
  .refine((p) => p.from <= p.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

/** A counted figure and the records it counted. */
export const factSchema = z.object({
  value: z.number(),
  recordType: z.enum(['project', 'visit', 'followup', 'milestone']),
  ids: z.array(z.number().int()),
});
export type Fact = z.infer<typeof factSchema>;

/** The ways the summary splits a count of projects: by level (国家→部→省→市→县), field, programme. */
export const PROJECT_DIMENSIONS = ['level', 'field', 'program'] as const;
export type ProjectDimension = (typeof PROJECT_DIMENSIONS)[number];
/** The counts of projects the summary splits by PROJECT_DIMENSIONS. */
export const PROJECT_COUNTS = ['applied', 'approved', 'ongoingAtEnd', 'accepted', 'rejected'] as const;
export type ProjectCount = (typeof PROJECT_COUNTS)[number];

/** The key of the group of projects with no level or no programme. */
export const NO_GROUP_KEY = '';
export const NO_LEVEL_LABEL = '未定级别';
export const NO_PROGRAM_LABEL = '未填计划类别';

const groupFields = {
  /** The level, field or programme value ('' = none given). */
  key: z.string(),
  /** As the summary names it: 市级, 工业, 星火计划, 未定级别. */
  label: z.string(),
  /** The measure word of the group's records (a programme's dictionary item: 个, 家), null → the fact's own. */
  measure: z.string().nullable(),
  fact: factSchema,
};
export const projectLeafGroupSchema = z.object(groupFields);
/** A group of projects, with the same projects split by the other dimensions (市级5项(工业3项、农业2项)). */
export const projectGroupSchema = z.object({
  ...groupFields,
  sub: z.partialRecord(z.enum(PROJECT_DIMENSIONS), z.array(projectLeafGroupSchema)),
});
export type ProjectGroup = z.infer<typeof projectGroupSchema>;
export type ProjectLeafGroup = z.infer<typeof projectLeafGroupSchema>;

export const projectFactsSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  applied: factSchema,
  appliedByProgram: z.array(z.object({ program: z.string(), fact: factSchema })),
  appliedByLevel: z.array(z.object({ level: projectLevelSchema.nullable(), fact: factSchema })),
  appliedByProgramAndLevel: z.array(z.object({ program: z.string(), level: projectLevelSchema.nullable(), fact: factSchema })),
  approved: factSchema,
  rejected: factSchema,
  ongoingAtEnd: factSchema,
  accepted: factSchema,
  amountApproved: factSchema,
  amountReceived: factSchema,
  visits: factSchema,
  enterprisesVisited: z.object({ value: z.number(), recordType: z.literal('enterprise'), ids: z.array(z.number().int()) }),
  leadsFound: factSchema,
  enteredPool: factSchema,
  followups: factSchema,
  projectsFollowedUp: factSchema,
  /** Each count split by each dimension, groups in order (levels 国家→县, fields 工业→社会发展, programmes as the dictionary lists them), the unspecified last. */
  groups: z.record(z.enum(PROJECT_COUNTS), z.record(z.enum(PROJECT_DIMENSIONS), z.array(projectGroupSchema))),
  /** amountApproved / amountReceived split by the level of the projects approved (values in 万元). */
  amountApprovedByLevel: z.array(projectLeafGroupSchema),
  amountReceivedByLevel: z.array(projectLeafGroupSchema),
  /** Project milestones dated in the period (中期检查 …), and by kind in the dictionary's order. */
  milestones: factSchema,
  milestonesByKind: z.array(projectLeafGroupSchema),
});
export type ProjectFacts = z.infer<typeof projectFactsSchema>;

// ---------- project milestones ----------

export const milestoneBodySchema = z.strictObject({
  /** An item of the bureau's milestone_kind dictionary (中期检查, 验收检查, 绩效评价 …). */
  kind: requiredText('节点类型', 40),
  milestoneDate: pastDateSchema,
  remark: optionalText('说明', 500),
});
export type MilestoneBody = z.input<typeof milestoneBodySchema>;

export const milestoneSchema = z.object({
  id: z.number().int(),
  version: recordVersionSchema,
  projectId: z.number().int(),
  kind: z.string(),
  kindLabel: z.string(),
  milestoneDate: z.string(),
  remark: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  /** What the signed-in user may do with it (src/shared/policies.ts). */
  policies: milestonePoliciesSchema,
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const milestoneListSchema = z.object({
  items: z.array(milestoneSchema),
  /** Whether the signed-in user may record milestones on this project. */
  policies: listPoliciesSchema,
});
export type MilestoneList = z.infer<typeof milestoneListSchema>;
