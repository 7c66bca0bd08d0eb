import { z } from 'zod';
import { dateSchema, paginationQuerySchema, queryIdSchema, queryText } from './common.js';

/** `import`: many records loaded at once (e.g. a county's places from the division list), one entry with the counts. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import'] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  import: '导入',
};

/** Record types as they appear in the audit trail; later ledgers add theirs here. */
export const ENTITY_TYPE_LABELS: Record<string, string> = {
  org: '单位',
  section: '股室',
  user: '用户',
  api_token: 'API令牌',
  place: '地名',
  department: '县直部门',
  dictionary: '字典',
  dictionary_item: '字典项',
  file: '附件',
  enterprise: '企业/基地',
  visit: '调研',
  project: '科技项目',
  followup: '跟踪服务',
  milestone: '项目节点',
  commissioner: '科技特派员',
  service_log: '服务日志',
  commissioner_support: '特派员支持',
  commissioner_evaluation: '特派员考核',
  event: '活动',
  worklist: '工作台账',
  worklist_item: '台账条目',
  report: '工作总结',
  report_template: '总结模板',
  setup: '初始设置',
};

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  orgId: z.number().int(),
  userId: z.number().int().nullable(),
  userDisplayName: z.string().nullable(),
  action: auditActionSchema,
  entityType: z.string(),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditQuerySchema = paginationQuerySchema.extend({
  userId: queryIdSchema.optional(),
  entityType: queryText(40),
  entityId: queryText(40),
  action: auditActionSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
