import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ApiToken } from '../../../../shared/auth.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { FormModal } from '../../../components/ui/form-modal';
import { rowTestId } from '../../../components/ui/test-id';
import { showApiError } from '../../../lib/form';
import { formatDateTime } from '../../../utils/format';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api/api-tokens';

/** API令牌: the user's tokens for scripts and other systems; a new secret is shown once. */
export function ApiTokensPage() {
  const { message } = App.useApp();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  const columns = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    {
      title: '前缀',
      dataIndex: 'prefix',
      key: 'prefix',
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', render: formatDateTime },
    {
      title: '最近使用',
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : '从未使用'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_: unknown, token: ApiToken) => (
        <Popconfirm
          title="撤销此令牌?"
          description="撤销后,使用该令牌的脚本或系统将无法再访问。"
          okText="撤销"
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            revoke.mutateAsync(token.id).then(
              () => void message.success('令牌已撤销'),
              (error: unknown) => showApiError(message, error),
            )
          }
        >
          <Button type="link" danger size="small">
            撤销
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="API令牌"
        description="令牌代表您本人调用系统接口,权限与您的账号相同。不再使用的令牌请及时撤销。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建令牌
          </Button>
        }
      />
      {tokens.isError ? <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      <Card>
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isPending && !tokens.isError}
          pagination={false}
          locale={{ emptyText: '尚未创建令牌' }}
          onRow={(token) => rowTestId(`token-row-${token.name}`)}
        />
      </Card>
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, secret) => {
          setCreating(false);
          setCreated({ name, secret });
        }}
      />
      <Modal
        open={created !== null}
        title="令牌已创建"
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            我已复制并妥善保存
          </Button>
        }
        mask={{ closable: false }}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="令牌仅显示一次"
          description="关闭此窗口后将无法再次查看,请立即复制并妥善保存;如遗失,请撤销后重新创建。"
        />
        <Typography.Paragraph style={{ marginBottom: 4 }}>令牌「{created?.name}」:</Typography.Paragraph>
        <Typography.Paragraph
          copyable={{ text: created?.secret, tooltips: ['复制', '已复制'] }}
          code
          style={{ wordBreak: 'break-all' }}
          data-testid="token-secret"
        >
          {created?.secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
          调用接口时在请求头中携带:<Typography.Text code>Authorization: Bearer 令牌</Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

function CreateTokenModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (name: string, secret: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateApiToken();

  const onFinish = ({ name }: { name: string }) =>
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: ({ token, secret }) => onCreated(token.name, secret),
        onError: (error) => showApiError(message, error, form),
      },
    );

  return (
    <FormModal<{ name: string }>
      open={open}
      title="新建API令牌"
      okText="创建"
      name="create-token"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <Form.Item
        label="令牌名称"
        name="name"
        extra="写明用途,便于日后识别,例如「数据报送脚本」"
        rules={[
          { required: true, whitespace: true, message: '请填写令牌名称' },
          { max: 50, message: '令牌名称不能超过50个字' },
        ]}
      >
        <Input autoFocus />
      </Form.Item>
    </FormModal>
  );
}
