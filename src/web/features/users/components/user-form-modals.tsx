import { App, Form, Input, Select, Switch } from 'antd';
import { PASSWORD_RULES_TEXT, passwordSchema } from '../../../../shared/auth.js';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import { phoneSchema, usernameSchema, type User } from '../../../../shared/users.js';
import { FormModal } from '../../../components/ui/form-modal';
import { emptyToNull, showApiError, zodRule } from '../../../lib/form';
import { useSections } from '../../../lib/reference-data';
import { useCreateUser, useUpdateUser } from '../api/users';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function SectionSelect(props: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const sections = useSections();
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
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserForm>();
  const create = useCreateUser();

  const onFinish = (values: CreateUserForm) =>
    create.mutate(
      {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        sectionId: emptyToNull(values.sectionId ?? undefined),
        phone: emptyToNull(values.phone?.trim()),
        password: values.password,
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
      initialValues={{ role: 'staff' }}
    >
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
        <SectionSelect />
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
      <Form.Item
        label="角色"
        name="role"
        rules={[{ required: true, message: '请选择角色' }]}
        extra={isSelf ? '不能修改自己的角色' : undefined}
      >
        <Select options={roleOptions} disabled={isSelf} />
      </Form.Item>
      <Form.Item label="股室" name="sectionId">
        <SectionSelect />
      </Form.Item>
      <Form.Item label="电话" name="phone" rules={[zodRule(phoneSchema)]}>
        <Input />
      </Form.Item>
      <Form.Item
        label="停用账号"
        name="disabled"
        valuePropName="checked"
        extra={isSelf ? '不能停用自己的账号' : '停用后该账号不能登录,已有记录保留'}
      >
        <Switch checkedChildren="已停用" unCheckedChildren="正常" disabled={isSelf} />
      </Form.Item>
    </FormModal>
  );
}
