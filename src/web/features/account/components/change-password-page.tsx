import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { PASSWORD_RULES_TEXT, passwordSchema } from '../../../../shared/auth.js';
import { PageHeader } from '../../../components/ui/page-header';
import { useMe } from '../../../lib/auth';
import { showApiError, zodRule } from '../../../lib/form';
import { useChangePassword } from '../api/change-password';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: the current password, then the new one twice. */
export function ChangePasswordPage() {
  const user = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ChangePasswordForm>();
  const changePassword = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: ChangePasswordForm) => {
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success('密码已修改');
          form.resetFields();
          navigate('/');
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <>
      <PageHeader title="修改密码" />
      <Card style={{ maxWidth: 560 }}>
        {user.mustChangePassword ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 20 }}
            title="您正在使用初始密码或管理员重置的密码,修改密码后才能使用系统的其他功能。请设置一个只有您自己知道的新密码。"
          />
        ) : null}
        <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={onFinish} name="change-password">
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请填写当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={`${PASSWORD_RULES_TEXT}。修改后其他已登录的会话将退出,您的 API 令牌将被撤销`}
            rules={[{ required: true, message: '请填写新密码' }, zodRule(passwordSchema)]}
          >
            <Input.Password autoComplete="new-password" />
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
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
              保存新密码
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}
