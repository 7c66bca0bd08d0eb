import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Tooltip, TreeSelect, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { type OrgListItem, type OrgTreeNode, orgTree } from '../../../../shared/orgs.js';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import type { User } from '../../../../shared/users.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { useSections } from '../../../lib/reference-data';
import { formatDateTime, isFuture } from '../../../utils/format';
import { type UsersQuery, useManagedOrgs, useUsers } from '../api/users';
import { CreateUserModal, EditUserModal } from './user-form-modals';
import { ResetPasswordModal } from './reset-password-modal';

const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  leader: 'gold',
  staff: 'blue',
  commissioner: 'green',
};

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The list's filters and page live in the URL, so back/forward and reloads keep them. */
function useUsersQuery(): [UsersQuery, (patch: Partial<UsersQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const role = params.get('role');
  const query: UsersQuery = {
    q: params.get('q') ?? undefined,
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    sectionId: params.get('sectionId') ? positiveInt(params.get('sectionId'), 0) || undefined : undefined,
    orgId: params.get('orgId') ? positiveInt(params.get('orgId'), 0) || undefined : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), 20),
  };
  const update = (patch: Partial<UsersQuery>) => {
    const next = { ...query, ...patch };
    const search = new URLSearchParams();
    if (next.q) search.set('q', next.q);
    if (next.role) search.set('role', next.role);
    if (next.sectionId) search.set('sectionId', String(next.sectionId));
    if (next.orgId) search.set('orgId', String(next.orgId));
    if (next.page !== 1) search.set('page', String(next.page));
    if (next.pageSize !== 20) search.set('pageSize', String(next.pageSize));
    setParams(search, { replace: true });
  };
  return [query, update];
}

function orgFilterOptions(nodes: OrgTreeNode<OrgListItem>[]): { value: number; title: string; children?: ReturnType<typeof orgFilterOptions> }[] {
  return nodes.map((o) => ({ value: o.id, title: o.name, children: o.children ? orgFilterOptions(o.children) : undefined }));
}

/**
 * 用户管理: accounts of this organisation, and for an admin above county level of those below it
 * (then each row names its organisation); create, edit, disable, reset password (which also unlocks).
 */
export function UsersPage() {
  const me = useMe();
  const [query, setQuery] = useUsersQuery();
  const users = useUsers(query);
  const sections = useSections();
  const orgs = useManagedOrgs();
  const severalOrgs = (orgs.data?.length ?? 0) > 1;
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [keyword, setKeyword] = useState(query.q ?? '');

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    {
      title: '姓名',
      dataIndex: 'displayName',
      key: 'displayName',
      render: (name: string, user) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {name}
          {user.id === me.id ? <Tag style={{ marginInlineStart: 8 }}>本人</Tag> : null}
        </span>
      ),
    },
    {
      title: '角色',
      dataIndex: 'role',
      key: 'role',
      render: (role: Role) => <Tag color={ROLE_COLORS[role]}>{ROLE_LABELS[role]}</Tag>,
    },
    ...(severalOrgs ? [{ title: '所属单位', dataIndex: 'orgName', key: 'orgName' }] : []),
    { title: '股室', dataIndex: 'sectionName', key: 'sectionName', render: (v: string | null) => v ?? '—' },
    { title: '电话', dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'status',
      render: (_, user) => (
        <Space size={4} wrap>
          {user.disabled ? <Tag color="default">已停用</Tag> : null}
          {user.lockedUntil && isFuture(user.lockedUntil) ? (
            <Tooltip title="连续输错密码被临时锁定;重置密码可立即解锁">
              <Tag color="orange">锁定至 {formatDateTime(user.lockedUntil)}</Tag>
            </Tooltip>
          ) : null}
          {!user.disabled && !(user.lockedUntil && isFuture(user.lockedUntil)) ? <Tag color="success">正常</Tag> : null}
        </Space>
      ),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (v: string | null) => (v ? formatDateTime(v) : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(user)}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(user)}>
            重置密码
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="用户管理"
        description={
          severalOrgs
            ? '本单位及下级单位的登录账号。新账号和重置过密码的账号首次登录后会被提示修改密码。'
            : '本单位的登录账号。新账号和重置过密码的账号首次登录后会被提示修改密码。'
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增用户
          </Button>
        }
      />
      {users.isError ? <QueryError error={users.error} onRetry={() => void users.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="搜索用户名或姓名"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
            style={{ width: 260 }}
            aria-label="搜索用户"
          />
          <Select<Role>
            placeholder="全部角色"
            allowClear
            options={roleOptions}
            value={query.role}
            onChange={(role) => setQuery({ role, page: 1 })}
            style={{ width: 160 }}
            aria-label="角色筛选"
          />
          {severalOrgs ? (
            <TreeSelect<number>
              placeholder="全部单位"
              allowClear
              treeData={orgFilterOptions(orgTree(orgs.data ?? []))}
              treeDefaultExpandAll
              value={query.orgId}
              onChange={(orgId) => setQuery({ orgId, page: 1 })}
              style={{ width: 220 }}
              aria-label="单位筛选"
            />
          ) : null}
          <Select<number>
            placeholder="全部股室"
            allowClear
            options={(sections.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={query.sectionId}
            onChange={(sectionId) => setQuery({ sectionId, page: 1 })}
            style={{ width: 160 }}
            aria-label="股室筛选"
            loading={sections.isPending}
          />
        </Flex>
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 960 }}
          onRow={(user) => rowTestId(`user-row-${user.username}`)}
          locale={{ emptyText: query.q || query.role || query.sectionId || query.orgId ? '没有符合条件的用户' : '暂无用户' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 人`,
            onChange: (page, pageSize) => setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page, pageSize }),
          }}
        />
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} isSelf={editing?.id === me.id} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
