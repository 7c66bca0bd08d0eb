import { type ReactNode, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Radio, Result, Spin, Switch, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { PASSWORD_RULES_TEXT, passwordSchema } from '../../../../shared/auth.js';
import type { Division, DivisionLevel } from '../../../../shared/divisions.js';
import { suggestOrgName } from '../../../../shared/orgs.js';
import { SETUP_DONE, type SetupBody } from '../../../../shared/setup.js';
import { usernameSchema } from '../../../../shared/users.js';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { DivisionPicker } from '../../../lib/division-picker';
import { showApiError, zodRule } from '../../../lib/form';
import { markSetupDone, setupStatusQueryOptions, useRunSetup } from '../api/setup';

interface SetupForm {
  level: DivisionLevel;
  division?: string;
  name: string;
  shortName?: string;
  starterLists: string[];
  departments: boolean;
  admin: { username: string; displayName: string; password: string; confirmPassword: string };
}

const LEVEL_OPTIONS: { value: DivisionLevel; label: string }[] = [
  { value: 'county', label: '县级' },
  { value: 'city', label: '市级' },
  { value: 'province', label: '省级' },
];

function Section({ step, title, children }: { step: number; title: string; children: ReactNode }) {
  return (
    <section aria-label={title} style={{ marginBottom: 8 }}>
      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 16 }}>
        {step}　{title}
      </Typography.Title>
      {children}
    </section>
  );
}

/**
 * /setup, the first run of a bureau (only while no organisation exists): which bureau (its level and
 * division from the national list, the name suggested from it), which starter work lists and whether
 * the common county departments, and the admin account. The server signs the admin in; the app
 * continues on the home page.
 */
export function SetupPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SetupForm>();
  const status = useQuery(setupStatusQueryOptions());
  const runSetup = useRunSetup();
  const level = Form.useWatch('level', form) ?? 'county';
  const [division, setDivision] = useState<Division | null>(null);
  // The name last suggested: a name the person has typed is never overwritten.
  const suggested = useRef('');

  const suggestName = (next: string) => {
    const current = form.getFieldValue('name') as string | undefined;
    if (!current || current === suggested.current) form.setFieldValue('name', next);
    suggested.current = next;
  };

  const onLevelChange = (next: DivisionLevel) => {
    form.setFieldsValue({ division: undefined, departments: next === 'county' });
    setDivision(null);
    suggestName('');
  };

  const onDivisionChange = (_code: string, picked: Division) => {
    setDivision(picked);
    suggestName(suggestOrgName(picked));
  };

  const onFinish = (values: SetupForm) => {
    const body: SetupBody = {
      division: values.division!,
      name: values.name.trim(),
      shortName: values.shortName?.trim() || null,
      admin: { username: values.admin.username.trim(), displayName: values.admin.displayName.trim(), password: values.admin.password },
      starterLists: values.starterLists ?? [],
      departments: values.departments,
    };
    runSetup.mutate(body, {
      onSuccess: (result) => {
        void message.success(`已建立${result.org.name}，欢迎使用`);
        navigate('/', { replace: true });
      },
      onError: (error) => {
        if (error instanceof ApiError && (error.details as { reason?: string } | undefined)?.reason === SETUP_DONE) {
          // Someone else (or the CLI) finished the set-up meanwhile: sign in instead.
          markSetupDone(queryClient);
          void message.warning(error.message);
          navigate('/login', { replace: true });
          return;
        }
        showApiError(message, error, form);
      },
    });
  };

  let content: ReactNode;
  if (status.isPending) {
    content = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  } else if (status.isError) {
    content = (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle={errorMessage(status.error)}
        extra={<Button onClick={() => void status.refetch()}>重试</Button>}
      />
    );
  } else {
    const { starters, departments } = status.data;
    content = (
      <Form<SetupForm>
        form={form}
        name="setup"
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        initialValues={{ level: 'county', starterLists: starters.map((s) => s.key), departments: true }}
      >
        <Section step={1} title="选择单位">
          <Form.Item label="单位级别" name="level">
            <Radio.Group options={LEVEL_OPTIONS} optionType="button" onChange={(e) => onLevelChange(e.target.value as DivisionLevel)} />
          </Form.Item>
          <Form.Item
            label="行政区划"
            name="division"
            extra={division ? `区划代码 ${division.code}，${division.fullName}` : '从全国行政区划表中选择本单位所在的地方'}
            rules={[{ required: true, message: '请选择本单位所在的行政区划' }]}
          >
            <DivisionPicker key={level} maxLevel={level} onChange={onDivisionChange} />
          </Form.Item>
          <Form.Item
            label="单位名称"
            name="name"
            extra="按所选区划自动填写，可修改为本单位的正式名称"
            rules={[
              { required: true, whitespace: true, message: '请填写单位名称' },
              { max: 50, message: '单位名称不能超过50个字' },
            ]}
          >
            <Input placeholder="如 某某县科学技术局" />
          </Form.Item>
          <Form.Item label="简称" name="shortName" rules={[{ max: 20, message: '简称不能超过20个字' }]}>
            <Input placeholder="如 县科技局（可不填）" />
          </Form.Item>
        </Section>

        <Section step={2} title="常用台账">
          <Form.Item name="starterLists" extra="每个台账建好后都可以改名、增删字段或停用">
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 8 }}>
              {starters.map((s) => (
                <Checkbox key={s.key} value={s.key}>
                  {s.name}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {s.description}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item
            label="添加常用县直部门"
            name="departments"
            valuePropName="checked"
            extra={departments.length ? `${departments.slice(0, 6).join('、')}等${departments.length}个，可在系统管理 → 县直部门中修改` : undefined}
          >
            <Switch />
          </Form.Item>
        </Section>

        <Section step={3} title="管理员账号">
          <Form.Item
            label="用户名"
            name={['admin', 'username']}
            rules={[{ required: true, whitespace: true, message: '请填写用户名' }, zodRule(usernameSchema)]}
          >
            <Input autoComplete="username" placeholder="如 admin" />
          </Form.Item>
          <Form.Item
            label="姓名"
            name={['admin', 'displayName']}
            rules={[
              { required: true, whitespace: true, message: '请填写姓名' },
              { max: 32, message: '姓名不能超过32个字' },
            ]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            label="密码"
            name={['admin', 'password']}
            extra={PASSWORD_RULES_TEXT}
            rules={[{ required: true, message: '请填写密码' }, zodRule(passwordSchema)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name={['admin', 'confirmPassword']}
            dependencies={[['admin', 'password']]}
            rules={[
              { required: true, message: '请再次填写密码' },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: string) => {
                  if (value && value !== getFieldValue(['admin', 'password'])) throw new Error('两次填写的密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Section>

        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={runSetup.isPending}>
            完成设置并进入系统
          </Button>
        </Form.Item>
      </Form>
    );
  }

  return (
    <div style={{ minHeight: '100vh', padding: '32px 16px', background: 'linear-gradient(180deg, #1f4e99 0, #2d63b8 200px, #f3f5f9 200px)' }}>
      <main style={{ maxWidth: 680, margin: '0 auto' }}>
        <Typography.Title level={1} style={{ color: '#fff', textAlign: 'center', marginBottom: 8, fontWeight: 600, fontSize: 22 }}>
          首次使用：建立本单位和管理员账号
        </Typography.Title>
        <Typography.Paragraph style={{ color: '#dfe7f5', textAlign: 'center', marginBottom: 24 }}>科管 · 科技局台账与工作总结系统</Typography.Paragraph>
        <Card style={{ boxShadow: '0 8px 24px rgba(31, 78, 153, 0.15)' }}>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 24 }}
            title="只需设置一次。县级单位会自动导入本县的乡镇和村；市级、省级单位建好后，可在系统管理 → 单位中添加下级单位。"
          />
          {content}
        </Card>
      </main>
    </div>
  );
}
