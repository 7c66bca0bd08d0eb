import { useMemo } from 'react';
import { Card, DatePicker, Flex, Select, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS, type AuditAction, type AuditEntry } from '../../../../shared/audit.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { useMe } from '../../../lib/auth';
import { formatDateTime } from '../../../utils/format';
import { type AuditQuery, useAuditEntries, useAuditUserOptions } from '../api/audit';
import { AuditDiff } from './audit-diff';

const ACTION_COLORS: Record<AuditAction, string> = { create: 'green', update: 'blue', delete: 'red', import: 'purple' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Filters and page in the URL, so a filtered view can be reloaded or shared. */
function useAuditQuery(): [AuditQuery, (patch: Partial<AuditQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const action = params.get('action');
  const from = params.get('from');
  const to = params.get('to');
  const query: AuditQuery = {
    userId: positiveInt(params.get('userId')),
    entityType: params.get('entityType') || undefined,
    action: action && (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : undefined,
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? 20,
  };
  const update = (patch: Partial<AuditQuery>) => {
    const next: AuditQuery = { ...query, ...patch };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === 20)) continue;
      search.set(key, String(value));
    }
    setParams(search, { replace: true });
  };
  return [query, update];
}

/** 操作日志: who created, changed or deleted which record, and when; each change expands to a diff. */
export function AuditPage() {
  const me = useMe();
  const [query, setQuery] = useAuditQuery();
  const entries = useAuditEntries(query);
  const users = useAuditUserOptions(me.role === 'admin');

  const userOptions = useMemo(() => {
    const byId = new Map<number, string>();
    for (const u of users.data ?? []) byId.set(u.id, `${u.displayName}(${u.username})`);
    for (const e of entries.data?.items ?? []) {
      if (e.userId !== null && !byId.has(e.userId)) byId.set(e.userId, e.userDisplayName ?? `用户 #${e.userId}`);
    }
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [users.data, entries.data]);

  const entityOptions = Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }));
  const actionOptions = AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }));

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

  const filtered = !!(query.userId || query.entityType || query.action || query.from || query.to);

  return (
    <>
      <PageHeader title="操作日志" description="系统自动记录的新增、修改、删除操作,点击行首的“+”查看修改前后的内容。" />
      {entries.isError ? <QueryError error={entries.error} onRetry={() => void entries.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<number>
            placeholder="全部操作人"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={userOptions}
            value={query.userId}
            onChange={(userId) => setQuery({ userId, page: 1 })}
            style={{ width: 200 }}
            aria-label="操作人筛选"
          />
          <Select<string>
            placeholder="全部记录类型"
            allowClear
            options={entityOptions}
            value={query.entityType}
            onChange={(entityType) => setQuery({ entityType, page: 1 })}
            style={{ width: 160 }}
            aria-label="记录类型筛选"
          />
          <Select<AuditAction>
            placeholder="全部操作"
            allowClear
            options={actionOptions}
            value={query.action}
            onChange={(action) => setQuery({ action, page: 1 })}
            style={{ width: 120 }}
            aria-label="操作筛选"
          />
          <DatePicker.RangePicker
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            onChange={(range) =>
              setQuery({
                from: range?.[0]?.format('YYYY-MM-DD'),
                to: range?.[1]?.format('YYYY-MM-DD'),
                page: 1,
              })
            }
            allowEmpty={[true, true]}
            placeholder={['开始日期', '结束日期']}
            aria-label="日期范围"
          />
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.isFetching}
          size="middle"
          expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
          locale={{ emptyText: filtered ? '没有符合条件的操作记录' : '暂无操作记录' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page, pageSize }),
          }}
        />
      </Card>
    </>
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
