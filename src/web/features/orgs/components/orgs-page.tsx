import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { type OrgListItem, type OrgTreeNode, orgTree } from '../../../../shared/orgs.js';
import { ORG_LEVEL_LABELS } from '../../../../shared/roles.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { showApiError } from '../../../lib/form';
import { useRefreshIfStale } from '../../../lib/record-conflict';
import { useOrgs, useSetOrgActive } from '../api/orgs';
import { CreateOrgModal, EditOrgModal } from './org-form-modals';

type Row = OrgTreeNode<OrgListItem>;

function StatusTag({ org }: { org: OrgListItem }) {
  if (!org.active) return <Tag color="default">停用</Tag>;
  if (org.blocked) {
    return (
      <Tooltip title="上级单位已停用，本单位的用户也不能登录">
        <Tag color="warning">启用（上级已停用）</Tag>
      </Tooltip>
    );
  }
  return <Tag color="success">启用</Tag>;
}

/** 单位: the organisations the admin sees (their own and those below it); create, rename, deactivate. */
export function OrgsPage() {
  const { message } = App.useApp();
  const orgs = useOrgs();
  const setActive = useSetOrgActive();
  const refreshIfStale = useRefreshIfStale();
  const [creatingUnder, setCreatingUnder] = useState<OrgListItem | null>(null);
  const [editing, setEditing] = useState<OrgListItem | null>(null);

  const items = orgs.data ?? [];
  const tree = orgTree(items);
  // The header button creates below the admin's own organisation (the first of the list).
  const own = items[0];

  const toggle = (org: OrgListItem, active: boolean) =>
    setActive.mutateAsync({ id: org.id, version: org.version, active }).then(
      () => void message.success(active ? `已启用「${org.name}」` : `已停用「${org.name}」`),
      (error: unknown) => {
        refreshIfStale(error);
        showApiError(message, error);
      },
    );

  const columns: TableColumnsType<Row> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, org) => (
        <span>
          {name}
          {org.shortName ? <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8 }}>（{org.shortName}）</span> : null}
        </span>
      ),
    },
    { title: '级别', dataIndex: 'level', key: 'level', width: 90, render: (level: OrgListItem['level']) => ORG_LEVEL_LABELS[level] },
    { title: '区划代码', dataIndex: 'divisionCode', key: 'divisionCode', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', width: 170, render: (_, org) => <StatusTag org={org} /> },
    { title: '账号', dataIndex: 'userCount', key: 'userCount', width: 80, align: 'right' },
    {
      title: '操作',
      key: 'actions',
      width: 240,
      render: (_, org) => (
        <Space size={0} wrap>
          {org.policies.createChild ? (
            <Button type="link" size="small" onClick={() => setCreatingUnder(org)}>
              新建下级单位
            </Button>
          ) : null}
          {org.policies.update ? (
            <Button type="link" size="small" onClick={() => setEditing(org)}>
              改名
            </Button>
          ) : null}
          {org.policies.deactivate ? (
            <Popconfirm
              title={`停用「${org.name}」？`}
              description={
                <div style={{ maxWidth: 320 }}>
                  停用后，该单位及其下级单位的用户都不能登录，已登录的立即退出，API 令牌暂停使用；数据不会删除，可随时重新启用。
                </div>
              }
              okText="停用"
              okButtonProps={{ danger: true }}
              onConfirm={() => toggle(org, false)}
            >
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          ) : null}
          {org.policies.activate ? (
            <Popconfirm title={`重新启用「${org.name}」？`} description="启用后该单位的用户可以重新登录。" okText="启用" onConfirm={() => toggle(org, true)}>
              <Button type="link" size="small">
                启用
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="单位"
        description="本单位及下级单位。市、省级单位的管理员可按行政区划新建下级科技局、修改名称、停用或重新启用；停用的单位数据保留，其用户不能登录。"
        extra={
          own?.policies.createChild ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingUnder(own)}>
              新建下级单位
            </Button>
          ) : null
        }
      />
      {orgs.isError ? <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} /> : null}
      <Card>
        <Table<Row>
          // Expanded from the start: a key that changes when the list arrives makes the table start again.
          key={items.length ? 'loaded' : 'loading'}
          rowKey="id"
          columns={columns}
          dataSource={tree}
          loading={orgs.isPending && !orgs.isError}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 860 }}
          locale={{ emptyText: '没有可查看的单位' }}
          onRow={(org) => rowTestId(`org-row-${org.name}`)}
        />
      </Card>
      <CreateOrgModal parent={creatingUnder} onClose={() => setCreatingUnder(null)} />
      <EditOrgModal org={editing} onClose={() => setEditing(null)} />
    </>
  );
}
