import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import type { LoginBody } from '../../../../shared/auth.js';
import { errorMessage } from '../../../lib/api-client';
import { safeRedirectTarget, useLogin } from '../../../lib/auth';

export const PRODUCT_NAME = '科管 · 科技局台账与工作总结系统';

/** /login: username and password; the server's message (wrong password, locked account) in an alert. */
export function LoginPage() {
  const [form] = Form.useForm<LoginBody>();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const login = useLogin();

  const onFinish = (values: LoginBody) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: () => navigate(safeRedirectTarget(searchParams.get('redirectTo')), { replace: true }),
        onError: () => form.setFieldValue('password', ''),
      },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #1f4e99 0%, #2d63b8 45%, #eef2f8 45%, #f3f5f9 100%)',
      }}
    >
      <main style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={1} style={{ color: '#fff', textAlign: 'center', marginBottom: 24, fontWeight: 600, fontSize: 22 }}>
          {PRODUCT_NAME}
        </Typography.Title>
        <Card style={{ boxShadow: '0 8px 24px rgba(31, 78, 153, 0.15)' }}>
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>
            账号登录
          </Typography.Title>
          {login.isError ? (
            <Alert type="error" role="alert" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} data-testid="login-error" />
          ) : null}
          <Form<LoginBody> form={form} name="login" layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
            <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
              <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                登录
              </Button>
            </Form.Item>
          </Form>
        </Card>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
          忘记密码请联系本单位系统管理员重置
        </Typography.Paragraph>
      </main>
    </div>
  );
}
