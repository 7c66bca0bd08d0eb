import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import { LockOutlined } from '@ant-design/icons';
import type { ServiceLog } from '../../../../shared/commissioners.js';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
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
 * Service logs with their actions: leaders confirm (审核) and take confirmation back; a confirmed
 * log is locked, so only leaders see 编辑/删除 on it.
 */
export function ServiceLogTable({
  logs,
  loading,
  showCommissioner,
  pagination,
  emptyText,
}: {
  logs: ServiceLog[];
  loading: boolean;
  showCommissioner: boolean;
  pagination: TablePaginationConfig | false;
  emptyText: string;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const confirm = useConfirmServiceLog();
  const unconfirm = useUnconfirmServiceLog();
  const remove = useDeleteServiceLog();
  const [editing, setEditing] = useState<ServiceLog | null>(null);
  const isLeader = me.role === 'leader';
  const canWrite = me.role !== 'commissioner';
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
    {
      title: '服务人次',
      dataIndex: 'peopleServed',
      key: 'peopleServed',
      width: 88,
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    { title: '解决的问题', dataIndex: 'problemsSolved', key: 'problemsSolved', render: clamp },
    { title: '新品种/新技术', dataIndex: 'newTechniques', key: 'newTechniques', width: 130, render: clamp },
    { title: '附件', key: 'files', width: 120, render: (_, l) => <FileLinks files={l.files} thumbSize={36} /> },
    { title: '审核', key: 'confirmed', width: 84, render: (_, l) => <ConfirmedTag log={l} /> },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: isLeader ? 196 : 110,
      fixed: 'right',
      render: (_, l) => {
        const locked = !!l.confirmedAt && !isLeader;
        if (locked) {
          return (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              <LockOutlined /> 已锁定
            </Typography.Text>
          );
        }
        return (
          <Space size={0}>
            {isLeader && !l.confirmedAt ? (
              <Button type="link" size="small" loading={busy(l.id)} onClick={() => void act(confirm.mutateAsync({ id: l.id, version: l.version }), '已审核')}>
                审核
              </Button>
            ) : null}
            {isLeader && l.confirmedAt ? (
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
            ) : null}
            <Button type="link" size="small" onClick={() => setEditing(l)}>
              编辑
            </Button>
            <Popconfirm title="删除这条服务日志?" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => act(remove.mutateAsync(l.id), '已删除')}>
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    });
  }

  return (
    <>
      <Table<ServiceLog>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={logs}
        loading={loading}
        pagination={pagination}
        scroll={{ x: showCommissioner ? 1400 : 1300 }}
        onRow={(l) => rowTestId(`service-log-row-${l.id}`)}
        locale={{ emptyText }}
      />
      {canWrite ? <ServiceLogFormModal open={editing !== null} log={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
