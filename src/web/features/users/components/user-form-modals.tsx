import { App, Form, Input, Select, Switch, TreeSelect } from 'antd';
import { PASSWORD_RULES_TEXT, passwordSchema } from '../../../../shared/auth.js';
import { type OrgListItem, type OrgTreeNode, orgTree } from '../../../../shared/orgs.js';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import { phoneSchema, usernameSchema, type User } from '../../../../shared/users.js';
import { FormModal } from '../../../components/ui/form-modal';
import { emptyToNull, showApiError, zodRule } from '../../../lib/form';
import { useMe } from '../../../lib/auth';
import { useSections } from '../../../lib/reference-data';
import { useCreateUser, useManagedOrgs, useOrgSections, useUpdateUser } from '../api/users';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The sections of `orgId` (default the admin's own organisation). */
function SectionSelect(props: { value?: number | null; onChange?: (v: number | null) => void; id?: string; orgId?: number }) {
  const me = useMe();
  const other = props.orgId !== undefined && props.orgId !== me.org.id ? props.orgId : undefined;
  const own = useSections();
  const theirs = useOrgSections(other);
  const sections = other === undefined ? own : theirs;
  return (
    <Select<number>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      allowClear
      placeholder="不属于任何股室"
      loading={sections.isPending}
      options={(sections.data ?? [])
        .slice()
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

interface OrgOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: OrgOption[];
}

function toOrgOptions(nodes: OrgTreeNode<OrgListItem>[]): OrgOption[] {
  return nodes.map((o) => ({
    value: o.id,
    title: o.blocked ? `${o.name}（已停用）` : o.name,
    // No account is made in an inactive organisation.
    disabled: o.blocked,
    children: o.children ? toOrgOptions(o.children) : undefined,
  }));
}

/** 所属单位: the admin's organisation and those below it, as a tree. */
function OrgTreeSelect(props: { value?: number; onChange?: (v: number) => void; id?: string; orgs: OrgListItem[] }) {
  return (
    <TreeSelect<number>
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      treeData={toOrgOptions(orgTree(props.orgs))}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      aria-label="所属单位"
    />
  );
}

const displayNameRules = [
  { required: true, whitespace: true, message: '请填写姓名' },
  { max: 32, message: '姓名不能超过32个字' },
];

interface CreateUserForm {
  username: string;
  displayName: string;
  role: Role;
  sectionId?: number | null;
  phone?: string;
  password: string;
  orgId: number;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<CreateUserForm>();
  const create = useCreateUser();
  const orgs = useManagedOrgs();
  const orgId = Form.useWatch('orgId', form) ?? me.org.id;
  // Only an admin who sees organisations below their own chooses one.
  const choosesOrg = (orgs.data?.length ?? 0) > 1;

  const onFinish = (values: CreateUserForm) =>
    create.mutate(
      {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        sectionId: emptyToNull(values.sectionId ?? undefined),
        phone: emptyToNull(values.phone?.trim()),
        password: values.password,
        orgId: values.orgId ?? me.org.id,
      },
      {
        onSuccess: (user) => {
          void message.success(`用户「${user.displayName}」已创建`);
          onClose();
        },
        onError: (error) => showApiError(message, error, form),
      },
    );

  return (
    <FormModal<CreateUserForm>
      open={open}
      title="新增用户"
      okText="创建"
      name="create-user"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending}
      initialValues={{ role: 'staff', orgId: me.org.id }}
    >
      {choosesOrg ? (
        <Form.Item label="所属单位" name="orgId" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgTreeSelect orgs={orgs.data ?? []} onChange={() => form.setFieldValue('sectionId', null)} />
        </Form.Item>
      ) : null}
      <Form.Item
        label="用户名"
        name="username"
        extra="登录时使用,只能包含字母、数字、下划线、点和短横线,创建后不能修改"
        rules={[{ required: true, whitespace: true, message: '请填写用户名' }, zodRule(usernameSchema)]}
      >
        <Input autoComplete="off" autoFocus />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" rules={displayNameRules}>
        <Input />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roleOptions} />
      </Form.Item>
      <Form.Item label="股室" name="sectionId">
        <SectionSelect orgId={orgId} />
      </Form.Item>
      <Form.Item label="电话" name="phone" rules={[zodRule(phoneSchema)]}>
        <Input />
      </Form.Item>
      <Form.Item
        label="初始密码"
        name="password"
        extra={`${PASSWORD_RULES_TEXT};请线下告知本人,首次登录后须先修改`}
        rules={[{ required: true, message: '请填写初始密码' }, zodRule(passwordSchema)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

interface EditUserForm {
  displayName: string;
  role: Role;
  sectionId?: number | null;
  phone?: string | null;
  disabled: boolean;
}

export function EditUserModal({ user, isSelf, onClose }: { user: User | null; isSelf: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<EditUserForm>();
  const update = useUpdateUser();

  const onFinish = (values: EditUserForm) => {
    if (!user) return;
    update.mutate(
      {
        id: user.id,
        displayName: values.displayName.trim(),
        role: values.role,
        sectionId: emptyToNull(values.sectionId ?? undefined),
        phone: emptyToNull(values.phone?.trim()),
        disabled: values.disabled,
      },
      {
        onSuccess: () => {
          void message.success('用户信息已保存');
          onClose();
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <FormModal<EditUserForm>
      open={user !== null}
      title={user ? `编辑用户:${user.username}` : '编辑用户'}
      name="edit-user"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={update.isPending}
      initialValues={
        user
          ? {
              displayName: user.displayName,
              role: user.role,
              sectionId: user.sectionId,
              phone: user.phone ?? '',
              disabled: user.disabled,
            }
          : undefined
      }
    >
      <Form.Item label="姓名" name="displayName" rules={displayNameRules}>
        <Input />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]} extra={isSelf ? '不能修改自己的角色' : undefined}>
        <Select options={roleOptions} disabled={isSelf} />
      </Form.Item>
      {user && user.orgId !== me.org.id ? (
        <Form.Item label="所属单位">
          <Input value={user.orgName} disabled />
        </Form.Item>
      ) : null}
      <Form.Item label="股室" name="sectionId">
        <SectionSelect orgId={user?.orgId} />
      </Form.Item>
      <Form.Item label="电话" name="phone" rules={[zodRule(phoneSchema)]}>
        <Input />
      </Form.Item>
      <Form.Item label="停用账号" name="disabled" valuePropName="checked" extra={isSelf ? '不能停用自己的账号' : '停用后该账号不能登录,已有记录保留'}>
        <Switch checkedChildren="已停用" unCheckedChildren="正常" disabled={isSelf} />
      </Form.Item>
    </FormModal>
  );
}
