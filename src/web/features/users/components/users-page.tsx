import { useState } from 'react';
import { Button, Space, Tag, Tooltip, TreeSelect, type TableColumnsType } from 'antd';
import { type OrgListItem, type OrgTreeNode, orgTree } from '../../../../shared/orgs.js';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import { type User, listUsersQuerySchema } from '../../../../shared/users.js';
import { useMe } from '../../../lib/auth';
import { type FilterField, labelledOptions } from '../../../lib/filter-bar';
import { ListPage } from '../../../lib/list-page';
import { type ListQueryState, useListQuery } from '../../../lib/list-query';
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

type UsersList = ListQueryState<UsersQuery>;

function orgFilterOptions(nodes: OrgTreeNode<OrgListItem>[]): { value: number; title: string; children?: ReturnType<typeof orgFilterOptions> }[] {
  return nodes.map((o) => ({ value: o.id, title: o.name, children: o.children ? orgFilterOptions(o.children) : undefined }));
}

/** 单位筛选, for an admin who manages several organisations: the organisations as a tree. */
function OrgFilter({ list, orgs }: { list: UsersList; orgs: OrgListItem[] }) {
  return (
    <TreeSelect<number>
      placeholder="全部单位"
      allowClear
      treeData={orgFilterOptions(orgTree(orgs))}
      treeDefaultExpandAll
      value={list.query.orgId}
      onChange={(orgId) => list.setQuery({ orgId })}
      style={{ width: 220 }}
      aria-label="单位筛选"
    />
  );
}

/**
 * 用户管理: accounts of this organisation, and for an admin above county level of those below it
 * (then each row names its organisation); create, edit, disable, reset password (which also unlocks).
 */
export function UsersPage() {
  const me = useMe();
  const list = useListQuery(listUsersQuerySchema);
  const users = useUsers(list.query);
  const sections = useSections();
  const orgs = useManagedOrgs();
  const severalOrgs = (orgs.data?.length ?? 0) > 1;
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const filters: FilterField<UsersQuery>[] = [
    { kind: 'text', key: 'q', placeholder: '搜索用户名或姓名', ariaLabel: '搜索用户', width: 260 },
    { kind: 'enum', key: 'role', options: labelledOptions(ROLES, ROLE_LABELS), placeholder: '全部角色', ariaLabel: '角色筛选', width: 160 },
    ...(severalOrgs ? [{ kind: 'custom', id: 'org', render: (l: UsersList) => <OrgFilter list={l} orgs={orgs.data ?? []} /> } as const] : []),
    {
      kind: 'enum',
      key: 'sectionId',
      options: (sections.data ?? []).map((s) => ({ value: s.id, label: s.name })),
      placeholder: '全部股室',
      ariaLabel: '股室筛选',
      width: 160,
    },
  ];

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
  ];

  return (
    <>
      <ListPage<User, UsersQuery>
        title="用户管理"
        description={
          severalOrgs
            ? '本单位及下级单位的登录账号。新账号和重置过密码的账号首次登录后会被提示修改密码。'
            : '本单位的登录账号。新账号和重置过密码的账号首次登录后会被提示修改密码。'
        }
        create={{ label: '新增用户', onClick: () => setCreating(true) }}
        list={list}
        filters={filters}
        result={users}
        columns={columns}
        rowActions={{
          onEdit: setEditing,
          extra: (user) =>
            user.policies.resetPassword ? (
              <Button type="link" size="small" onClick={() => setResetting(user)}>
                重置密码
              </Button>
            ) : null,
          width: 150,
        }}
        rowTestId={(user) => `user-row-${user.username}`}
        scrollX={960}
        emptyText={{ filtered: '没有符合条件的用户', empty: '暂无用户' }}
        totalText={(total) => `共 ${total} 人`}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} isSelf={editing?.id === me.id} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
