import { App, Button, Card, Flex, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Worklist } from '../../../../shared/worklists.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDateTime } from '../../../utils/format';
import { useArchiveWorklist, useDeleteWorklist, useWorklists } from '../api/worklists';
import { StartersButton } from './starters-modal';
import { visibleFields } from './worklist-display';

/** 工作台账: the lists the bureau defined itself (整改台账, 包干户 …), with their item and overdue counts. */
export function WorklistsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const showArchived = params.get('archived') === 'yes';
  const lists = useWorklists(showArchived);
  const archive = useArchiveWorklist();
  const remove = useDeleteWorklist();
  // Creating lists is an app-wide policy; each list says whether it may be redesigned, archived, deleted.
  const canDesign = me.policies.designWorklists;

  const columns: TableColumnsType<Worklist> = [
    {
      title: '台账名称',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, l) => (
        <Space size={6}>
          <Link to={`/worklists/${l.id}`}>{name}</Link>
          {l.archived ? <Tag>已归档</Tag> : null}
        </Space>
      ),
    },
    { title: '所属工作/活动', dataIndex: 'topic', key: 'topic', render: (v: string | null) => v ?? '—' },
    {
      title: '字段',
      key: 'fields',
      render: (_, l) => (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
          {visibleFields(l)
            .map((f) => f.label)
            .join('、')}
        </Typography.Text>
      ),
    },
    {
      title: '条目数',
      dataIndex: 'itemCount',
      key: 'itemCount',
      align: 'right',
      width: 90,
      render: (n: number, l) => <span data-testid={`worklist-items-${l.id}`}>{n}</span>,
    },
    {
      title: '逾期',
      dataIndex: 'overdueCount',
      key: 'overdueCount',
      align: 'right',
      width: 80,
      render: (n: number, l) =>
        n > 0 ? (
          <Link to={`/worklists/${l.id}?overdue=yes`} style={{ color: '#cf1322', fontWeight: 600 }} data-testid={`worklist-overdue-${l.id}`}>
            {n}
          </Link>
        ) : (
          <span data-testid={`worklist-overdue-${l.id}`} style={{ color: '#8c8c8c' }}>
            {n}
          </span>
        ),
    },
    { title: '最近修改', dataIndex: 'updatedAt', key: 'updatedAt', width: 150, render: formatDateTime },
  ];
  if (canDesign) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_, l) =>
        l.policies.update ? (
          <Space size={0} onClick={(e) => e.stopPropagation()}>
            <Button type="link" size="small" onClick={() => navigate(`/worklists/${l.id}/design`)}>
              设计
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() =>
                archive.mutateAsync({ id: l.id, version: l.version, archived: !l.archived }).then(
                  () => void message.success(l.archived ? `已恢复「${l.name}」` : `已归档「${l.name}」`),
                  (error: unknown) => showApiError(message, error),
                )
              }
            >
              {l.archived ? '恢复' : '归档'}
            </Button>
            {l.policies.delete && l.itemCount === 0 ? (
              <Popconfirm
                title="删除这个台账?"
                description="台账中没有条目;删除后不能恢复。"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(l.id).then(
                    () => void message.success(`已删除「${l.name}」`),
                    (error: unknown) => showApiError(message, error),
                  )
                }
              >
                <Button type="link" size="small" danger>
                  删除
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader
        title="工作台账"
        description="各项中心工作的台账:整改事项、包干户、民情台账、统计报送、工作计划等,字段和状态由局里自行设置。"
        extra={
          canDesign ? (
            <Space>
              <StartersButton />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/worklists/new')}>
                新建台账
              </Button>
            </Space>
          ) : undefined
        }
      />
      {lists.isError ? <QueryError error={lists.error} onRetry={() => void lists.refetch()} /> : null}
      <Card>
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Space>
            <Switch
              size="small"
              checked={showArchived}
              onChange={(on) => setParams(on ? { archived: 'yes' } : {}, { replace: true })}
              aria-label="显示已归档台账"
            />
            <Typography.Text type="secondary">显示已归档台账</Typography.Text>
          </Space>
        </Flex>
        <Table<Worklist>
          rowKey="id"
          columns={columns}
          dataSource={lists.data ?? []}
          loading={lists.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          onRow={(l) => ({
            ...rowTestId(`worklist-row-${l.id}`),
            onClick: (e) => {
              // Links and buttons in the row go where they say.
              if (!(e.target as HTMLElement).closest('a,button')) navigate(`/worklists/${l.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          locale={{ emptyText: canDesign ? '暂无台账，可点击右上角“从常用台账添加”或“新建台账”' : '暂无台账' }}
        />
      </Card>
    </>
  );
}
