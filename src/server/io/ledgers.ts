import type { z } from 'zod';
import {
  COMMISSIONER_STATUS_LABELS,
  type Commissioner,
  GENDER_LABELS,
  type ServiceLog,
  listCommissionersQuerySchema,
  listServiceLogsQuerySchema,
} from '../../shared/commissioners.js';
import { EVENT_FIGURE_DEFS, EVENT_ROLE_LABELS, type Event, listEventsQuerySchema } from '../../shared/events.js';
import {
  type Enterprise,
  PROJECT_LEVEL_LABELS,
  type Project,
  SECTOR_LABELS,
  STAGE_LABELS,
  type Visit,
  listEnterprisesQuerySchema,
  listProjectsQuerySchema,
  listVisitsQuerySchema,
} from '../../shared/projects.js';
import * as serviceLogs from '../commissioners/log-service.js';
import * as commissioners from '../commissioners/service.js';
import type { Ctx } from '../context.js';
import * as enterprises from '../enterprises/service.js';
import * as events from '../events/service.js';
import * as projects from '../projects/service.js';
import { listDepartments, listPlaces } from '../reference/service.js';
import { listUserOptions } from '../users/service.js';
import * as visits from '../visits/service.js';
import type { Choice, ColumnSpec } from './columns.js';

/**
 * The ledgers a list exports (and, next, imports), each declared once: its columns (ColumnSpec, the
 * labels and synonyms an import maps by), how a listed record becomes a row of them, how the list's
 * query reads in words for the title line, and how the ledger is read page by page through its own
 * list function, so an export sees exactly the records and the access the list does.
 */

const choicesOf = (labels: Record<string, string>): Choice[] => Object.entries(labels).map(([key, label]) => ({ key, label }));

// An export takes its list's query without paging.
const NO_PAGING = { page: true, pageSize: true } as const;
export const exportProjectsQuerySchema = listProjectsQuerySchema.omit(NO_PAGING);
export const exportEnterprisesQuerySchema = listEnterprisesQuerySchema.omit(NO_PAGING);
export const exportVisitsQuerySchema = listVisitsQuerySchema.omit(NO_PAGING);
export const exportEventsQuerySchema = listEventsQuerySchema.omit(NO_PAGING);
export const exportCommissionersQuerySchema = listCommissionersQuerySchema.omit(NO_PAGING);
export const exportServiceLogsQuerySchema = listServiceLogsQuerySchema.omit(NO_PAGING);

export interface LedgerExport<Q, T> {
  /** Names the file (项目库-2025-03-05.xlsx). */
  fileName: string;
  /** The title line's 台账名称. */
  ledgerName: string;
  columns: ColumnSpec[];
  /** A totals row under the records (figures). */
  totals?: boolean;
  /** One page of the list, as GET /api/<ledger> answers it to this actor. */
  page(ctx: Ctx, query: Q, page: number, pageSize: number): Promise<{ items: T[]; total: number }>;
  row(record: T): Record<string, unknown>;
  /** The query in words, each filter a phrase. */
  filters(ctx: Ctx, query: Q): Promise<string[]>;
}

// ---------- filters in words ----------

function dateRange(label: string, from?: string, to?: string): string[] {
  if (from && to) return [`${label} ${from} 至 ${to}`];
  if (from) return [`${label} ${from} 起`];
  if (to) return [`${label} 至 ${to}`];
  return [];
}

const keyword = (q?: string | null) => (q ? [`关键词“${q}”`] : []);

async function placeName(ctx: Ctx, id: number | undefined): Promise<string | undefined> {
  if (id === undefined) return undefined;
  return (await listPlaces(ctx, { q: null })).find((p) => p.id === id)?.name ?? `编号${id}`;
}

async function userName(ctx: Ctx, id: number | undefined): Promise<string | undefined> {
  if (id === undefined) return undefined;
  return (await listUserOptions(ctx)).find((u) => u.id === id)?.displayName ?? `编号${id}`;
}

async function enterpriseName(ctx: Ctx, id: number | undefined): Promise<string | undefined> {
  if (id === undefined) return undefined;
  return (await enterprises.getEnterpriseRow(ctx, id).catch(() => null))?.name ?? `编号${id}`;
}

const phrase = (label: string, value: string | undefined | null) => (value ? [`${label}为${value}`] : []);

// ---------- projects ----------

const STAGE_DATE_LABELS = { lead: '线索日期', pool: '入库日期', applied: '申报日期', approved: '立项日期', accepted: '验收日期' } as const;

export const PROJECT_COLUMNS: ColumnSpec[] = [
  { key: 'title', label: '项目名称', kind: 'text', required: true, maxLength: 200 },
  { key: 'enterpriseName', label: '承担单位', kind: 'text', synonyms: ['申报单位', '企业名称', '单位名称'] },
  { key: 'townName', label: '乡镇', kind: 'text', synonyms: ['所在乡镇'] },
  { key: 'field', label: '领域', kind: 'choice', choices: choicesOf(SECTOR_LABELS), synonyms: ['行业'] },
  { key: 'program', label: '计划类别', kind: 'text', synonyms: ['项目类别'] },
  { key: 'level', label: '级别', kind: 'choice', choices: choicesOf(PROJECT_LEVEL_LABELS), synonyms: ['项目级别'] },
  { key: 'managerName', label: '负责人', kind: 'text', synonyms: ['联系人', '经办人'] },
  { key: 'stage', label: '阶段', kind: 'choice', choices: choicesOf(STAGE_LABELS), synonyms: ['状态', '项目状态'] },
  { key: 'appliedDate', label: STAGE_DATE_LABELS.applied, kind: 'date' },
  { key: 'approvedDate', label: STAGE_DATE_LABELS.approved, kind: 'date' },
  { key: 'amountApplied', label: '申请经费（万元）', kind: 'money', unit: '万元', synonyms: ['申请金额'] },
  { key: 'amountApproved', label: '立项经费（万元）', kind: 'money', unit: '万元', synonyms: ['立项金额', '批复经费'] },
  { key: 'amountReceived', label: '到位经费（万元）', kind: 'money', unit: '万元', synonyms: ['到位金额', '到账经费'] },
  { key: 'amountSelfRaised', label: '自筹经费（万元）', kind: 'money', unit: '万元', synonyms: ['自筹金额'] },
  { key: 'description', label: '项目简介', kind: 'text', synonyms: ['简介'] },
];

export const PROJECTS: LedgerExport<z.output<typeof exportProjectsQuerySchema>, Project> = {
  fileName: '项目库',
  ledgerName: '科技项目台账',
  columns: PROJECT_COLUMNS,
  page: (ctx, query, page, pageSize) => projects.listProjects(ctx, { ...query, page, pageSize }),
  row: (p) => ({
    title: p.title,
    enterpriseName: p.enterpriseName,
    townName: p.townName,
    field: p.field,
    program: p.program,
    level: p.level,
    managerName: p.managerName,
    stage: p.stage,
    appliedDate: p.stageDates.applied ?? null,
    approvedDate: p.stageDates.approved ?? null,
    amountApplied: p.amountApplied,
    amountApproved: p.amountApproved,
    amountReceived: p.amountReceived,
    amountSelfRaised: p.amountSelfRaised,
    description: p.description,
  }),
  filters: async (ctx, q) => [
    ...(q.stage?.length ? [`阶段为${q.stage.map((s) => STAGE_LABELS[s]).join('、')}`] : []),
    ...phrase('计划类别', q.program),
    ...phrase('级别', q.level && PROJECT_LEVEL_LABELS[q.level]),
    ...phrase('领域', q.field && SECTOR_LABELS[q.field]),
    ...phrase('乡镇', await placeName(ctx, q.townId)),
    ...phrase('负责人', await userName(ctx, q.managerId)),
    ...phrase('承担单位', await enterpriseName(ctx, q.enterpriseId)),
    ...dateRange(STAGE_DATE_LABELS[q.dateField], q.from, q.to),
    ...keyword(q.q),
  ],
};

// ---------- enterprises ----------

export const ENTERPRISE_COLUMNS: ColumnSpec[] = [
  { key: 'name', label: '名称', kind: 'text', required: true, maxLength: 100, synonyms: ['企业名称', '单位名称', '基地名称'] },
  { key: 'creditCode', label: '统一社会信用代码', kind: 'text', synonyms: ['信用代码', '社会信用代码'] },
  { key: 'kind', label: '类型', kind: 'text', required: true, synonyms: ['企业类型', '单位类型'] },
  { key: 'industry', label: '领域', kind: 'choice', choices: choicesOf(SECTOR_LABELS), synonyms: ['行业'] },
  { key: 'townName', label: '乡镇', kind: 'text', synonyms: ['所在乡镇'] },
  { key: 'address', label: '地址', kind: 'text', synonyms: ['详细地址'] },
  { key: 'contactPerson', label: '联系人', kind: 'text' },
  { key: 'contactPhone', label: '联系电话', kind: 'text', synonyms: ['电话', '手机'] },
  { key: 'projectCount', label: '项目数', kind: 'integer', unit: '个' },
  { key: 'visitCount', label: '调研次数', kind: 'integer', unit: '次' },
  { key: 'notes', label: '备注', kind: 'text' },
];

export const ENTERPRISES: LedgerExport<z.output<typeof exportEnterprisesQuerySchema>, Enterprise> = {
  fileName: '企业与基地',
  ledgerName: '企业与基地台账',
  columns: ENTERPRISE_COLUMNS,
  page: (ctx, query, page, pageSize) => enterprises.listEnterprises(ctx, { ...query, page, pageSize }),
  row: (e) => ({
    name: e.name,
    creditCode: e.creditCode,
    kind: e.kind,
    industry: e.industry,
    townName: e.townName,
    address: e.address,
    contactPerson: e.contactPerson,
    contactPhone: e.contactPhone,
    projectCount: e.projectCount,
    visitCount: e.visitCount,
    notes: e.notes,
  }),
  filters: async (ctx, q) => [
    ...phrase('类型', q.kind),
    ...phrase('领域', q.industry && SECTOR_LABELS[q.industry]),
    ...phrase('乡镇', await placeName(ctx, q.townId)),
    ...keyword(q.q),
  ],
};

// ---------- visits ----------

export const VISIT_COLUMNS: ColumnSpec[] = [
  { key: 'visitDate', label: '调研日期', kind: 'date', required: true, synonyms: ['日期'] },
  { key: 'enterprises', label: '调研企业/基地', kind: 'text', required: true, synonyms: ['调研单位', '企业名称'] },
  { key: 'staff', label: '参加人员', kind: 'text', required: true, synonyms: ['调研人员', '人员'] },
  { key: 'purpose', label: '调研目的', kind: 'text', required: true, synonyms: ['调研内容', '事由'] },
  { key: 'findings', label: '调研发现', kind: 'text', synonyms: ['调研情况', '发现问题'] },
];

export const VISITS: LedgerExport<z.output<typeof exportVisitsQuerySchema>, Visit> = {
  fileName: '调研走访',
  ledgerName: '调研走访台账',
  columns: VISIT_COLUMNS,
  page: (ctx, query, page, pageSize) => visits.listVisits(ctx, { ...query, page, pageSize }),
  row: (v) => ({
    visitDate: v.visitDate,
    enterprises: v.enterprises.map((e) => e.name).join('、'),
    staff: v.staff.map((s) => s.displayName).join('、'),
    purpose: v.purpose,
    findings: v.findings,
  }),
  filters: async (ctx, q) => [
    ...phrase('企业', await enterpriseName(ctx, q.enterpriseId)),
    ...phrase('人员', await userName(ctx, q.staffId)),
    ...dateRange('调研日期', q.from, q.to),
    ...keyword(q.q),
  ],
};

// ---------- events ----------

export const EVENT_COLUMNS: ColumnSpec[] = [
  { key: 'startDate', label: '开始日期', kind: 'date', required: true, synonyms: ['日期', '活动日期'] },
  { key: 'endDate', label: '结束日期', kind: 'date' },
  { key: 'type', label: '活动类型', kind: 'text', required: true, synonyms: ['类型'] },
  { key: 'theme', label: '活动主题', kind: 'text', required: true, synonyms: ['主题', '活动名称'] },
  { key: 'role', label: '本局角色', kind: 'choice', required: true, choices: choicesOf(EVENT_ROLE_LABELS), synonyms: ['角色'] },
  { key: 'organiser', label: '主办单位', kind: 'text' },
  { key: 'places', label: '地点', kind: 'text', synonyms: ['活动地点', '乡镇'] },
  { key: 'departments', label: '参与部门', kind: 'text', synonyms: ['部门'] },
  { key: 'enterprises', label: '企业/基地', kind: 'text', synonyms: ['企业'] },
  ...EVENT_FIGURE_DEFS.map((d): ColumnSpec => ({ key: d.key, label: `${d.label}（${d.unit}）`, kind: 'integer', unit: d.unit, synonyms: [d.label, d.short] })),
  { key: 'notes', label: '备注', kind: 'text' },
];

export const EVENTS: LedgerExport<z.output<typeof exportEventsQuerySchema>, Event> = {
  fileName: '活动台账',
  ledgerName: '科技活动台账',
  columns: EVENT_COLUMNS,
  totals: true,
  page: (ctx, query, page, pageSize) => events.listEvents(ctx, { ...query, page, pageSize }),
  row: (e) => ({
    startDate: e.startDate,
    endDate: e.endDate,
    type: e.type,
    theme: e.theme,
    role: e.role,
    organiser: e.organiser,
    places: e.places.map((p) => p.name).join('、'),
    departments: e.departments.map((d) => d.name).join('、'),
    enterprises: e.enterprises.map((x) => x.name).join('、'),
    ...Object.fromEntries(EVENT_FIGURE_DEFS.map((d) => [d.key, e[d.key]])),
    notes: e.notes,
  }),
  filters: async (ctx, q) => {
    const department =
      q.departmentId === undefined ? undefined : ((await listDepartments(ctx)).find((d) => d.id === q.departmentId)?.name ?? `编号${q.departmentId}`);
    return [
      ...phrase('类型', q.type),
      ...phrase('本局角色', q.role && EVENT_ROLE_LABELS[q.role]),
      ...dateRange('日期', q.from, q.to),
      ...phrase('乡镇', await placeName(ctx, q.townId)),
      ...phrase('部门', department),
      ...keyword(q.q),
    ];
  },
};

// ---------- commissioners ----------

export const COMMISSIONER_COLUMNS: ColumnSpec[] = [
  { key: 'name', label: '姓名', kind: 'text', required: true, synonyms: ['特派员姓名'] },
  { key: 'gender', label: '性别', kind: 'choice', required: true, choices: choicesOf(GENDER_LABELS) },
  { key: 'employer', label: '工作单位', kind: 'text', required: true, synonyms: ['单位', '派出单位'] },
  { key: 'title', label: '职称', kind: 'text', synonyms: ['职务职称'] },
  { key: 'specialty', label: '专业特长', kind: 'text', synonyms: ['专业', '特长'] },
  { key: 'phone', label: '联系电话', kind: 'text', synonyms: ['电话', '手机'] },
  { key: 'places', label: '服务地点', kind: 'text', synonyms: ['服务乡镇', '服务村'] },
  { key: 'enterprises', label: '服务企业/基地', kind: 'text', synonyms: ['服务对象'] },
  { key: 'termStartYear', label: '任期起始年', kind: 'integer', required: true, synonyms: ['起始年度'] },
  { key: 'termEndYear', label: '任期结束年', kind: 'integer', required: true, synonyms: ['结束年度'] },
  { key: 'status', label: '状态', kind: 'choice', required: true, choices: choicesOf(COMMISSIONER_STATUS_LABELS) },
  { key: 'logCount', label: '服务日志数', kind: 'integer' },
  { key: 'lastLogDate', label: '最近服务日期', kind: 'date' },
  { key: 'notes', label: '备注', kind: 'text' },
];

export const COMMISSIONERS: LedgerExport<z.output<typeof exportCommissionersQuerySchema>, Commissioner> = {
  fileName: '科技特派员',
  ledgerName: '科技特派员台账',
  columns: COMMISSIONER_COLUMNS,
  page: (ctx, query, page, pageSize) => commissioners.listCommissioners(ctx, { ...query, page, pageSize }),
  row: (c) => ({
    name: c.name,
    gender: c.gender,
    employer: c.employer,
    title: c.title,
    specialty: c.specialty,
    phone: c.phone,
    places: c.places.map((p) => p.name).join('、'),
    enterprises: c.enterprises.map((e) => e.name).join('、'),
    termStartYear: c.termStartYear,
    termEndYear: c.termEndYear,
    status: c.status,
    logCount: c.logCount,
    lastLogDate: c.lastLogDate,
    notes: c.notes,
  }),
  filters: async (ctx, q) => [
    ...phrase('状态', q.status && COMMISSIONER_STATUS_LABELS[q.status]),
    ...phrase('服务地点', await placeName(ctx, q.placeId)),
    ...(q.year === undefined ? [] : [`${q.year}年在任`]),
    ...keyword(q.q),
  ],
};

// ---------- service logs ----------

export const SERVICE_LOG_COLUMNS: ColumnSpec[] = [
  { key: 'logDate', label: '服务日期', kind: 'date', required: true, synonyms: ['日期'] },
  { key: 'commissionerName', label: '科技特派员', kind: 'text', required: true, synonyms: ['特派员', '姓名'] },
  { key: 'townName', label: '乡镇', kind: 'text' },
  { key: 'placeName', label: '服务地点', kind: 'text', synonyms: ['地点', '村'] },
  { key: 'enterpriseName', label: '服务企业/基地', kind: 'text', synonyms: ['服务对象', '企业'] },
  { key: 'kind', label: '服务类型', kind: 'text', required: true, synonyms: ['类型'] },
  { key: 'content', label: '服务内容', kind: 'text', required: true, synonyms: ['内容'] },
  { key: 'peopleServed', label: '服务人次', kind: 'integer', unit: '人次', synonyms: ['人次'] },
  { key: 'problemsSolved', label: '解决的问题', kind: 'text', synonyms: ['解决问题'] },
  { key: 'newTechniques', label: '引进的新品种/新技术', kind: 'text', synonyms: ['新品种新技术', '新技术'] },
  { key: 'confirmed', label: '已审核', kind: 'boolean', synonyms: ['审核'] },
];

export const SERVICE_LOGS: LedgerExport<z.output<typeof exportServiceLogsQuerySchema>, ServiceLog> = {
  fileName: '服务日志',
  ledgerName: '科技特派员服务日志',
  columns: SERVICE_LOG_COLUMNS,
  totals: true,
  page: (ctx, query, page, pageSize) => serviceLogs.listServiceLogs(ctx, { ...query, page, pageSize }),
  row: (l) => ({
    logDate: l.logDate,
    commissionerName: l.commissionerName,
    townName: l.townName,
    placeName: l.placeName,
    enterpriseName: l.enterpriseName,
    kind: l.kind,
    content: l.content,
    peopleServed: l.peopleServed,
    problemsSolved: l.problemsSolved,
    newTechniques: l.newTechniques,
    confirmed: l.confirmedAt !== null,
  }),
  filters: async (ctx, q) => {
    const commissioner =
      q.commissionerId === undefined
        ? undefined
        : ((await commissioners.getCommissionerRow(ctx, q.commissionerId).catch(() => null))?.name ?? `编号${q.commissionerId}`);
    return [
      ...phrase('科技特派员', commissioner),
      ...phrase('乡镇', await placeName(ctx, q.townId)),
      ...phrase('服务类型', q.kind),
      ...(q.confirmed ? [q.confirmed === 'yes' ? '已审核' : '待审核'] : []),
      ...dateRange('服务日期', q.from, q.to),
    ];
  },
};
