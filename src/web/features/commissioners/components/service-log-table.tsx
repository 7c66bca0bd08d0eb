import { type ReactNode, useState } from 'react';
import { App, Button, Popconfirm, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { LockOutlined } from '@ant-design/icons';
import type { ServiceLog } from '../../../../shared/commissioners.js';
import { showApiError } from '../../../lib/form';
import type { ListQueryState } from '../../../lib/list-query';
import { type ListResult, ListTable } from '../../../lib/list-table';
import { useConfirmServiceLog, useDeleteServiceLog, useUnconfirmServiceLog } from '../api/service-logs';
import { ConfirmedTag, FileLinks, logWhere } from './commissioner-display';
import { ServiceLogFormModal } from './service-log-form-modal';

const clamp = (v: string | null) =>
  v ? (
    <Typography.Paragraph ellipsis={{ rows: 3, tooltip: v }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
      {v}
    </Typography.Paragraph>
  ) : (
    '—'
  );

/**
 * A page of service logs with what the user may do to each, as the server's policies say: 审核 and
 * 撤销审核 (`confirm`, leaders), 编辑 and 删除 (`update`/`delete`: false on a confirmed log for all but
 * leaders, which then reads 已锁定).
 */
export function ServiceLogTable<Q>({
  list,
  result,
  showCommissioner,
  emptyText,
  totalText,
}: {
  list: ListQueryState<Q>;
  result: ListResult<ServiceLog>;
  showCommissioner: boolean;
  emptyText: { filtered: ReactNode; empty: ReactNode };
  totalText: (total: number) => ReactNode;
}) {
  const { message } = App.useApp();
  const confirm = useConfirmServiceLog();
  const unconfirm = useUnconfirmServiceLog();
  const remove = useDeleteServiceLog();
  const [editing, setEditing] = useState<ServiceLog | null>(null);
  const logs = result.data?.items ?? [];
  const busy = (id: number) => (confirm.isPending && confirm.variables?.id === id) || (unconfirm.isPending && unconfirm.variables?.id === id);

  const act = (promise: Promise<unknown>, done: string) =>
    promise.then(
      () => void message.success(done),
      (error: unknown) => showApiError(message, error),
    );

  const columns: TableColumnsType<ServiceLog> = [
    { title: '日期', dataIndex: 'logDate', key: 'logDate', width: 108 },
    ...(showCommissioner
      ? [
          {
            title: '特派员',
            dataIndex: 'commissionerName',
            key: 'commissionerName',
            width: 90,
            render: (name: string, l: ServiceLog) => <Link to={`/commissioners/${l.commissionerId}`}>{name}</Link>,
          },
        ]
      : []),
    { title: '服务地点', key: 'where', width: 170, render: (_, l) => logWhere(l) },
    { title: '类型', dataIndex: 'kind', key: 'kind', width: 96 },
    { title: '服务内容', dataIndex: 'content', key: 'content', render: clamp },
    { title: '服务人次', dataIndex: 'peopleServed', key: 'peopleServed', width: 88, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: '解决的问题', dataIndex: 'problemsSolved', key: 'problemsSolved', render: clamp },
    { title: '新品种/新技术', dataIndex: 'newTechniques', key: 'newTechniques', width: 130, render: clamp },
    { title: '附件', key: 'files', width: 120, render: (_, l) => <FileLinks files={l.files} thumbSize={36} /> },
    { title: '审核', key: 'confirmed', width: 84, render: (_, l) => <ConfirmedTag log={l} /> },
  ];
  // 审核 / 撤销审核 (`confirm`), which one by whether the log is confirmed.
  const confirmButton = (l: ServiceLog) => {
    if (!l.policies.confirm) return null;
    if (!l.confirmedAt) {
      return (
        <Button type="link" size="small" loading={busy(l.id)} onClick={() => void act(confirm.mutateAsync({ id: l.id, version: l.version }), '已审核')}>
          审核
        </Button>
      );
    }
    return (
      <Popconfirm
        title="撤销审核?"
        description="撤销后特派员和工作人员可以再修改这条日志。"
        okText="撤销审核"
        onConfirm={() => act(unconfirm.mutateAsync({ id: l.id, version: l.version }), '已撤销审核')}
      >
        <Button type="link" size="small" loading={busy(l.id)}>
          撤销审核
        </Button>
      </Popconfirm>
    );
  };

  return (
    <>
      <ListTable<ServiceLog, Q>
        list={list}
        result={result}
        columns={columns}
        // A reader who may do nothing to any log on the page (a leader of a higher organisation) gets no column.
        rowActions={{
          extra: confirmButton,
          onEdit: setEditing,
          remove: { ...remove, title: '删除这条服务日志?', success: '已删除' },
          // Nothing allowed on a confirmed log: it is locked (only leaders change it).
          empty: (l) =>
            l.confirmedAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                <LockOutlined /> 已锁定
              </Typography.Text>
            ) : null,
          width: logs.some((l) => l.policies.confirm) ? 196 : 110,
        }}
        size="small"
        scrollX={showCommissioner ? 1400 : 1300}
        rowTestId={(l) => `service-log-row-${l.id}`}
        emptyText={emptyText}
        totalText={totalText}
      />
      <ServiceLogFormModal open={editing !== null} log={editing} onClose={() => setEditing(null)} />
    </>
  );
}
