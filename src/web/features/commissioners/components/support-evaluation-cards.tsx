import { useRef, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  GRADES,
  GRADE_LABELS,
  SUPPORT_KINDS,
  SUPPORT_KIND_LABELS,
  type Evaluation,
  type Grade,
  type Support,
  type SupportKind,
} from '../../../../shared/commissioners.js';
import { FormModal } from '../../../components/ui/form-modal';
import { emptyToNull, showApiError } from '../../../lib/form';
import { RecordsTable } from '../../../lib/list-table';
import { useCreateSupport, useDeleteEvaluation, useDeleteSupport, usePutEvaluation } from '../api/commissioners';
import { useVersionedSave } from '../../../lib/record-conflict';
import { SubmissionKeys } from '../../../lib/versions';

const GRADE_COLORS: Record<Grade, string> = { excellent: 'gold', qualified: 'green', basic: 'blue', unqualified: 'red' };

/** 12000 → "12,000 元". */
const yuan = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('zh-CN')} 元`);

interface SupportFormValues {
  supportDate: Dayjs;
  kind: SupportKind;
  description: string;
  amount?: number | null;
}

/**
 * 关心和支持: subsidies, visits and policy the bureau gave the commissioner. `canAdd` is the
 * commissioner's `policies.manageSupport`; each record says whether it may be deleted.
 */
export function SupportsCard({ commissionerId, supports, canAdd }: { commissionerId: number; supports: Support[]; canAdd: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SupportFormValues>();
  const create = useCreateSupport();
  const remove = useDeleteSupport();
  const [adding, setAdding] = useState(false);
  const keys = useRef(new SubmissionKeys());

  const columns: TableColumnsType<Support> = [
    { title: '日期', dataIndex: 'supportDate', key: 'supportDate', width: 108 },
    { title: '方式', dataIndex: 'kind', key: 'kind', width: 90, render: (k: SupportKind) => SUPPORT_KIND_LABELS[k] },
    { title: '支持内容', dataIndex: 'description', key: 'description', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: '金额', dataIndex: 'amount', key: 'amount', width: 110, align: 'right', render: yuan },
  ];
  const onFinish = (v: SupportFormValues) => {
    const input = {
      commissionerId,
      supportDate: v.supportDate.format('YYYY-MM-DD'),
      kind: v.kind,
      description: v.description.trim(),
      amount: v.amount ?? null,
    };
    create.mutate(
      { ...input, idempotencyKey: keys.current.keyFor(input) },
      {
        onSuccess: () => {
          keys.current.succeeded();
          void message.success('已登记支持');
          setAdding(false);
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <Card
      title="关心和支持"
      extra={
        canAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记支持
          </Button>
        ) : undefined
      }
    >
      <RecordsTable<Support>
        rows={supports}
        columns={columns}
        rowActions={{ remove: { ...remove, title: '删除这条支持记录?', success: '已删除' } }}
        rowTestId={(s) => `support-row-${s.id}`}
        scrollX={520}
        emptyText="暂无支持记录"
      />
      <FormModal<SupportFormValues>
        open={adding}
        title="登记对特派员的支持"
        name="create-support"
        form={form}
        onFinish={onFinish}
        onCancel={() => setAdding(false)}
        confirmLoading={create.isPending}
        initialValues={{ supportDate: dayjs(), kind: 'subsidy' }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label="日期" name="supportDate" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="金额" name="amount" extra="给予补助等有金额时填写,整数元">
              <InputNumber<number> min={0} max={100_000_000} precision={0} suffix="元" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="方式" name="kind" rules={[{ required: true, message: '请选择支持方式' }]}>
          <Radio.Group optionType="button" options={SUPPORT_KINDS.map((k) => ({ value: k, label: SUPPORT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item
          label="支持内容"
          name="description"
          rules={[
            { required: true, whitespace: true, message: '请填写支持内容' },
            { max: 1000, message: '支持内容不能超过1000个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如:发放上半年工作补助;春节走访慰问" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

interface EvaluationFormValues {
  year: number;
  grade: Grade;
  note?: string | null;
}

/**
 * 年度考核: one grade per year; setting a year again replaces its grade. `canAdd` is the
 * commissioner's `policies.manageSupport`; each evaluation says whether it may be changed or deleted.
 */
export function EvaluationsCard({ commissionerId, evaluations, canAdd }: { commissionerId: number; evaluations: Evaluation[]; canAdd: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EvaluationFormValues>();
  const put = usePutEvaluation();
  const remove = useDeleteEvaluation();
  // undefined: closed; null: a new year; an evaluation: changing its grade.
  const [editing, setEditing] = useState<Evaluation | null | undefined>(undefined);
  const guard = useVersionedSave<Evaluation, EvaluationFormValues>({
    record: editing,
    open: editing !== undefined,
    toValues: (e) => ({ year: e.year, grade: e.grade, note: e.note ?? '' }),
    fields: [
      { name: 'grade', label: '考核等次', format: (g) => GRADE_LABELS[g as Grade] ?? String(g) },
      { name: 'note', label: '考核意见' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const columns: TableColumnsType<Evaluation> = [
    { title: '年度', dataIndex: 'year', key: 'year', width: 80, render: (y: number) => `${y}年` },
    {
      title: '考核等次',
      dataIndex: 'grade',
      key: 'grade',
      width: 100,
      render: (g: Grade) => <Tag color={GRADE_COLORS[g]}>{GRADE_LABELS[g]}</Tag>,
    },
    { title: '考核意见', dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
  ];
  // A year that has an evaluation already is replaced on purpose ("保存将替换原等次"): the save names the
  // version shown in the list; one registered meanwhile by someone else is a 409 and the dialog.
  const submit = (v: EvaluationFormValues, version = guard.version ?? evaluations.find((e) => e.year === v.year)?.version) =>
    put.mutate(
      { commissionerId, year: v.year, grade: v.grade, note: emptyToNull(v.note?.trim()), version },
      {
        onSuccess: (saved) => {
          guard.succeeded(saved);
          void message.success(`${v.year}年度考核已保存`);
          setEditing(undefined);
        },
        onError: (error) => guard.catchStale(error, v) || showApiError(message, error, form),
      },
    );
  const onFinish = (v: EvaluationFormValues) => submit(v);

  return (
    <Card
      title="年度考核"
      extra={
        canAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            设置考核等次
          </Button>
        ) : undefined
      }
    >
      <RecordsTable<Evaluation>
        rows={evaluations}
        columns={columns}
        rowActions={{ onEdit: setEditing, editText: '修改', remove: { ...remove, title: (e) => `删除${e.year}年度考核?`, success: '已删除' } }}
        rowTestId={(e) => `evaluation-row-${e.year}`}
        emptyText="暂无考核记录"
      />
      <FormModal<EvaluationFormValues>
        open={editing !== undefined}
        title={editing ? `修改${editing.year}年度考核` : '设置年度考核等次'}
        name="put-evaluation"
        form={form}
        onFinish={onFinish}
        onCancel={() => setEditing(undefined)}
        confirmLoading={put.isPending}
        initialValues={
          editing ? { year: editing.year, grade: editing.grade, note: editing.note ?? '' } : { year: dayjs().year() - (dayjs().month() < 3 ? 1 : 0) }
        }
      >
        {guard.dialog}
        <Form.Item
          label="年度"
          name="year"
          rules={[{ required: true, message: '请填写年度' }]}
          extra={editing ? undefined : '该年度已有考核时,保存将替换原等次'}
        >
          <InputNumber<number> min={1990} max={2100} precision={0} suffix="年" disabled={!!editing} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="考核等次" name="grade" rules={[{ required: true, message: '请选择考核等次' }]}>
          <Radio.Group optionType="button" options={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }))} />
        </Form.Item>
        <Form.Item label="考核意见" name="note" rules={[{ max: 1000, message: '考核意见不能超过1000个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
