import { Table, Typography, type TableColumnsType } from 'antd';
import type { AuditEntry } from '../../../../shared/audit.js';

// Readable names for fields that recur across record types; others show their key.
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  shortName: '简称',
  displayName: '姓名',
  username: '用户名',
  role: '角色',
  sectionId: '股室',
  phone: '电话',
  disabled: '停用',
  lockedUntil: '锁定至',
  mustChangePassword: '须修改密码',
  code: '编码',
  value: '编码值',
  label: '名称',
  description: '说明',
  level: '级别',
  parentId: '上级',
  sortOrder: '排序',
  active: '启用',
  regionCode: '区划代码',
  prefix: '前缀',
  divisionCode: '区划代码',
  divisionName: '区划名称',
  importedFrom: '数据来源',
  towns: '乡镇数',
  villages: '村（社区）数',
  added: '新增',
  kept: '保留',
  orgId: '单位',
  lists: '常用台账',
  departments: '常用部门数',
};

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields of both versions, in the record's own order; changed ones flagged. */
export function diffRows(before: AuditEntry['before'], after: AuditEntry['after']): DiffRow[] {
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return keys.map((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return { field, before: b, after: a, changed: !!before && !!after && !same(b, a) };
  });
}

function FieldValue({ value }: { value: unknown }) {
  if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? '是' : '否'}</>;
  if (typeof value === 'string' || typeof value === 'number') return <span style={{ wordBreak: 'break-all' }}>{String(value)}</span>;
  return (
    <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value)}
    </Typography.Text>
  );
}

/** Before and after of one audited change, side by side; changed fields highlighted. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const rows = diffRows(entry.before, entry.after);
  const changedCount = rows.filter((r) => r.changed).length;
  const columns: TableColumnsType<DiffRow> = [
    {
      title: '字段',
      dataIndex: 'field',
      key: 'field',
      width: 200,
      render: (field: string, row) => (
        <span style={{ fontWeight: row.changed ? 600 : 400 }}>
          {FIELD_LABELS[field] ? `${FIELD_LABELS[field]} ` : ''}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {field}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '修改前',
      dataIndex: 'before',
      key: 'before',
      render: (value: unknown, row) =>
        entry.before ? (
          <span style={row.changed ? { color: '#cf1322', textDecoration: 'line-through' } : undefined}>
            <FieldValue value={value} />
          </span>
        ) : (
          <Typography.Text type="secondary">(新增前无记录)</Typography.Text>
        ),
    },
    {
      title: '修改后',
      dataIndex: 'after',
      key: 'after',
      render: (value: unknown, row) =>
        entry.after ? (
          <span style={row.changed ? { color: '#389e0d', fontWeight: 600 } : undefined}>
            <FieldValue value={value} />
          </span>
        ) : (
          <Typography.Text type="secondary">(已删除)</Typography.Text>
        ),
    },
  ];

  if (rows.length === 0) return <Typography.Text type="secondary">此操作没有记录字段内容。</Typography.Text>;

  return (
    <div data-testid={`audit-diff-${entry.id}`}>
      {entry.before && entry.after ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          共 {changedCount} 个字段发生变化(已高亮)
        </Typography.Paragraph>
      ) : null}
      <Table<DiffRow>
        rowKey="field"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        bordered
        rowClassName={(row) => (row.changed ? 'audit-diff-changed' : '')}
      />
      {entry.requestId ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          请求编号:{entry.requestId}
        </Typography.Text>
      ) : null}
    </div>
  );
}
