import { requireRole } from '../auth/actor.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import * as repo from './repo.js';
import { presentDepartment } from './service.js';

/**
 * The departments (部门) a bureau usually works with in outreach events (科技三下乡, 科技活动周 …),
 * by their generic names, with no place: the bureau renames them (某某县农业农村局) as it likes.
 * The short name is the word the summary lists: 牵头组织了农业农村、卫健、科协等部门的有关专家.
 */
export const DEFAULT_DEPARTMENTS: { name: string; shortName: string | null }[] = [
  { name: '农业农村局', shortName: '农业农村' },
  { name: '林业局', shortName: '林业' },
  { name: '水利局', shortName: '水利' },
  { name: '自然资源局', shortName: '自然资源' },
  { name: '生态环境局', shortName: '生态环境' },
  { name: '气象局', shortName: '气象' },
  { name: '卫生健康委员会', shortName: '卫健' },
  { name: '科学技术协会', shortName: '科协' },
  { name: '教育体育局', shortName: '教体' },
  { name: '人力资源和社会保障局', shortName: '人社' },
  { name: '市场监督管理局', shortName: '市场监管' },
  { name: '工业和信息化局', shortName: '工信' },
  { name: '商务局', shortName: '商务' },
  { name: '文化广电旅游局', shortName: '文广旅' },
  { name: '应急管理局', shortName: '应急管理' },
  { name: '司法局', shortName: '司法' },
  { name: '妇女联合会', shortName: '妇联' },
  { name: '残疾人联合会', shortName: '残联' },
  { name: '供销合作社联合社', shortName: '供销社' },
];

/**
 * Adds the default departments the organisation does not have yet (by name), after its own in the
 * list order; inside the caller's transaction, each audited. Admins only. Returns how many were added.
 */
export async function addDefaultDepartments(tx: Ctx): Promise<number> {
  requireRole(tx.actor, 'admin');
  return inTransaction(tx, async (ctx) => {
    const existing = await repo.listDepartments(ctx.db, ctx.actor.orgId);
    const names = new Set(existing.map((d) => d.name));
    let sortOrder = existing.reduce((max, d) => Math.max(max, d.sort_order), 0);
    let added = 0;
    for (const dept of DEFAULT_DEPARTMENTS) {
      if (names.has(dept.name)) continue;
      sortOrder = Math.min(9999, sortOrder + 10);
      const row = await repo.insertDepartment(ctx.db, ctx.actor.orgId, { name: dept.name, shortName: dept.shortName, sortOrder, active: true });
      await recordChange(ctx, { action: 'create', entityType: 'department', entityId: row.id, orgId: row.org_id, after: presentDepartment(row, ctx.actor) });
      added++;
    }
    return added;
  });
}
