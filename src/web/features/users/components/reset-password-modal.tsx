import { Alert, App, Form, Input } from 'antd';
import { PASSWORD_RULES_TEXT, passwordSchema } from '../../../../shared/auth.js';
import type { User } from '../../../../shared/users.js';
import { FormModal } from '../../../components/ui/form-modal';
import { showApiError, zodRule } from '../../../lib/form';
import { isFuture } from '../../../utils/format';
import { useResetUserPassword } from '../api/users';

interface ResetPasswordForm {
  newPassword: string;
  confirmPassword: string;
}

/** 重置密码: a new password set by the admin; the server also lifts a lock. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetPasswordForm>();
  const reset = useResetUserPassword();
  const locked = !!user?.lockedUntil && isFuture(user.lockedUntil);

  const onFinish = ({ newPassword }: ResetPasswordForm) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          void message.success(locked ? '密码已重置,账号已解锁' : '密码已重置');
          onClose();
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <FormModal<ResetPasswordForm>
      open={user !== null}
      title={user ? `重置密码:${user.displayName}(${user.username})` : '重置密码'}
      okText="重置"
      name="reset-password"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={reset.isPending}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          locked
            ? '该账号因连续输错密码已被临时锁定,重置密码后将立即解锁。其已登录的会话将退出,API 令牌将被撤销。'
            : '重置后其已登录的会话将退出,API 令牌将被撤销;请线下告知本人新密码,其登录后须先修改密码。'
        }
      />
      <Form.Item label="新密码" name="newPassword" extra={PASSWORD_RULES_TEXT} rules={[{ required: true, message: '请填写新密码' }, zodRule(passwordSchema)]}>
        <Input.Password autoComplete="new-password" autoFocus />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次填写新密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次填写的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
