import { useMemo } from 'react';
import { Tag, type TableColumnsType } from 'antd';
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS, type AuditAction, type AuditEntry, listAuditQuerySchema } from '../../../../shared/audit.js';
import { useMe } from '../../../lib/auth';
import { type FilterField, labelledOptions } from '../../../lib/filter-bar';
import { ListPage } from '../../../lib/list-page';
import { useListQuery } from '../../../lib/list-query';
import { formatDateTime } from '../../../utils/format';
import { type AuditQuery, useAuditEntries, useAuditUserOptions } from '../api/audit';
import { AuditDiff } from './audit-diff';

const ACTION_COLORS: Record<AuditAction, string> = { create: 'green', update: 'blue', delete: 'red', import: 'purple' };
const ENTITY_OPTIONS = Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }));

/** 操作日志: who created, changed or deleted which record, and when; each change expands to a diff. */
export function AuditPage() {
  const me = useMe();
  const list = useListQuery(listAuditQuerySchema);
  const entries = useAuditEntries(list.query);
  // The user list is for those who manage users; others pick among the people in the loaded entries.
  const users = useAuditUserOptions(me.policies.manageUsers);

  const userOptions = useMemo(() => {
    const byId = new Map<number, string>();
    for (const u of users.data ?? []) byId.set(u.id, `${u.displayName}(${u.username})`);
    for (const e of entries.data?.items ?? []) {
      if (e.userId !== null && !byId.has(e.userId)) byId.set(e.userId, e.userDisplayName ?? `用户 #${e.userId}`);
    }
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [users.data, entries.data]);

  const filters: FilterField<AuditQuery>[] = [
    { kind: 'enum', key: 'userId', options: userOptions, search: true, placeholder: '全部操作人', ariaLabel: '操作人筛选', width: 200 },
    { kind: 'enum', key: 'entityType', options: ENTITY_OPTIONS, placeholder: '全部记录类型', ariaLabel: '记录类型筛选', width: 160 },
    { kind: 'enum', key: 'action', options: labelledOptions(AUDIT_ACTIONS, AUDIT_ACTION_LABELS), placeholder: '全部操作', ariaLabel: '操作筛选', width: 120 },
    { kind: 'dateRange', from: 'from', to: 'to', placeholder: ['开始日期', '结束日期'], ariaLabel: '日期范围' },
  ];

  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', key: 'at', width: 160, render: formatDateTime },
    {
      title: '操作人',
      key: 'user',
      width: 140,
      render: (_, e) => e.userDisplayName ?? (e.userId === null ? '系统' : `用户 #${e.userId}`),
    },
    {
      title: '操作',
      dataIndex: 'action',
      key: 'action',
      width: 90,
      render: (action: AuditAction) => <Tag color={ACTION_COLORS[action]}>{AUDIT_ACTION_LABELS[action] ?? action}</Tag>,
    },
    {
      title: '记录类型',
      dataIndex: 'entityType',
      key: 'entityType',
      width: 120,
      render: (type: string) => ENTITY_TYPE_LABELS[type] ?? type,
    },
    { title: '记录', key: 'entity', render: (_, e) => recordTitle(e) },
  ];

  return (
    <ListPage<AuditEntry, AuditQuery>
      title="操作日志"
      description="系统自动记录的新增、修改、删除操作,点击行首的“+”查看修改前后的内容。"
      list={list}
      filters={filters}
      result={entries}
      columns={columns}
      size="middle"
      expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
      emptyText={{ filtered: '没有符合条件的操作记录', empty: '暂无操作记录' }}
      totalText={(total) => `共 ${total} 条`}
    />
  );
}

/** A short name for the record: its name-like field from either version, then its id. */
function recordTitle(entry: AuditEntry): string {
  const version = entry.after ?? entry.before ?? {};
  for (const key of ['displayName', 'name', 'label', 'username', 'code', 'value']) {
    const v = version[key];
    if (typeof v === 'string' && v) return `${v}(#${entry.entityId})`;
  }
  return `#${entry.entityId}`;
}
