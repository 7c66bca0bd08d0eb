import { useEffect, useRef } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, InputNumber, Radio, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import type { Report } from '../../../../shared/reports.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useCreateReport, useReports } from '../api/reports';
import { useTemplates } from '../api/templates';
import { PERIOD_CHOICES, PERIOD_LABELS, type PeriodChoice, defaultPeriod, periodDates, periodName } from './period';
import { SubmissionKeys } from '../../../lib/versions';

interface DraftForm {
  year: number;
  choice: PeriodChoice;
  range?: [Dayjs, Dayjs];
  templateId?: number;
}

function periodOf(values: Partial<DraftForm>): { from: string; to: string } | null {
  if (values.choice === 'custom') {
    const [a, b] = values.range ?? [];
    return a && b ? { from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') } : null;
  }
  if (!values.choice || !values.year) return null;
  return periodDates(values.choice, values.year);
}

/** 工作总结: the summaries drafted so far, and a new draft for a period and a template. */
export function ReportsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const reports = useReports();
  // The server's word: staff of an organisation with subordinates may not draft its summary.
  const canDraft = me.policies.draftReport;
  const canDesign = me.policies.editTemplates;

  const columns: TableColumnsType<Report> = [
    { title: '标题', dataIndex: 'title', key: 'title', render: (title: string, r) => <Link to={`/reports/${r.id}`}>{title}</Link> },
    {
      title: '期间',
      key: 'period',
      width: 220,
      render: (_, r) => (
        <>
          <div>{r.periodLabel}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(r.periodFrom)} 至 {formatDate(r.periodTo)}
          </Typography.Text>
        </>
      ),
    },
    { title: '模板', dataIndex: 'templateName', key: 'templateName', width: 200 },
    {
      title: '最新版本',
      dataIndex: 'latestVersion',
      key: 'latestVersion',
      width: 96,
      render: (v: number) => <Tag>第{v}版</Tag>,
    },
    { title: '起草人', dataIndex: 'createdByName', key: 'createdByName', width: 140, render: (v: string | null) => v ?? '—' },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title="工作总结"
        description="按期间从台账起草工作总结,每个数字都可追溯到所统计的记录;修改后保存为新版本,可导出 Word。"
        extra={
          canDesign ? (
            <Button icon={<SettingOutlined />} onClick={() => navigate('/reports/templates')}>
              总结模板
            </Button>
          ) : undefined
        }
      />
      {canDraft ? <DraftCard /> : null}
      {reports.isError ? <QueryError error={reports.error} onRetry={() => void reports.refetch()} /> : null}
      <Card title="已起草的总结">
        <Table<Report>
          rowKey="id"
          columns={columns}
          dataSource={reports.data ?? []}
          loading={reports.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 份` }}
          locale={{ emptyText: '还没有起草过工作总结' }}
          onRow={(r) => rowTestId(`report-row-${r.id}`)}
          scroll={{ x: 900 }}
        />
      </Card>
    </>
  );
}

/** 起草: a period (a half-year, the year, a quarter, or any dates) and a template. */
function DraftCard() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DraftForm>();
  const templates = useTemplates();
  const create = useCreateReport();
  const keys = useRef(new SubmissionKeys());
  const values = Form.useWatch([], form) as Partial<DraftForm> | undefined;
  const initial = defaultPeriod();

  // The default template is chosen once the templates have come.
  const defaultId = templates.data?.find((t) => t.isDefault)?.id ?? templates.data?.[0]?.id;
  useEffect(() => {
    if (defaultId && form.getFieldValue('templateId') === undefined) form.setFieldValue('templateId', defaultId);
  }, [defaultId, form]);

  const period = values ? periodOf(values) : null;
  const name = values?.choice && values.year ? periodName(values.choice, values.year, period?.from, period?.to) : '';

  const onFinish = (v: DraftForm) => {
    const p = periodOf(v);
    if (!p) return;
    const input = { ...p, templateId: v.templateId ?? null };
    create.mutate(
      { ...input, idempotencyKey: keys.current.keyFor(input) },
      {
        onSuccess: (report) => {
          keys.current.succeeded();
          void message.success(`已起草“${report.title}”`);
          navigate(`/reports/${report.id}`);
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <Card title="起草工作总结" style={{ marginBottom: 16 }}>
      <Form<DraftForm> form={form} name="draft-report" layout="vertical" onFinish={onFinish} initialValues={{ year: initial.year, choice: initial.choice }}>
        <Flex gap={16} wrap align="flex-start">
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]} style={{ marginBottom: 12 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 110 }} disabled={values?.choice === 'custom'} />
          </Form.Item>
          <Form.Item label="期间" name="choice" style={{ marginBottom: 12 }}>
            <Radio.Group optionType="button" options={PERIOD_CHOICES.map((c) => ({ value: c, label: PERIOD_LABELS[c] }))} aria-label="期间" />
          </Form.Item>
          {values?.choice === 'custom' ? (
            <Form.Item label="起止日期" name="range" rules={[{ required: true, message: '请选择起止日期' }]} style={{ marginBottom: 12 }}>
              <DatePicker.RangePicker />
            </Form.Item>
          ) : null}
          <Form.Item label="模板" name="templateId" rules={[{ required: true, message: '请选择模板' }]} style={{ marginBottom: 12, minWidth: 240 }}>
            <Select<number>
              loading={templates.isPending}
              options={(templates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
              placeholder="选择模板"
            />
          </Form.Item>
        </Flex>
        <Flex gap={16} align="center" wrap>
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={!period}>
            起草
          </Button>
          <Typography.Text type="secondary" data-testid="draft-period">
            {period ? `期间:${name}(${period.from} 至 ${period.to}),从台账统计各项数字并按模板成文,保存为第1版。` : '请选择期间'}
          </Typography.Text>
        </Flex>
      </Form>
    </Card>
  );
}
