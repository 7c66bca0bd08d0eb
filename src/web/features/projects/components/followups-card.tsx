import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { FOLLOWUP_KINDS, FOLLOWUP_KIND_LABELS, type Followup, type FollowupKind } from '../../../../shared/projects.js';
import { FormModal } from '../../../components/ui/form-modal';
import { useMe } from '../../../lib/auth';
import { emptyToNull, showApiError } from '../../../lib/form';
import { RecordsTable } from '../../../lib/list-table';
import { useUserOptions } from '../../../lib/reference-data';
import { formatDate } from '../../../utils/format';
import { type FollowupInput, useCreateFollowup, useDeleteFollowup, useProjectFollowups, useUpdateFollowup } from '../api/followups';
import { useVersionedSave } from '../../../lib/record-conflict';

interface FollowupForm {
  followupDate: Dayjs;
  staffId: number;
  kind: FollowupKind;
  found?: string;
  solved?: string;
  openProblems?: string;
}

/** How the form shows a follow-up. */
function formValuesOf(followup: Followup): FollowupForm {
  return {
    followupDate: dayjs(followup.followupDate),
    staffId: followup.staffId,
    kind: followup.kind,
    found: followup.found ?? '',
    solved: followup.solved ?? '',
    openProblems: followup.openProblems ?? '',
  };
}

const textRules = (label: string) => [{ max: 2000, message: `${label}不能超过2000个字` }];

/** 新增 / 编辑 a follow-up: `editing` null with `open` adds one to the project. */
function FollowupModal({ projectId, open, editing, onClose }: { projectId: number; open: boolean; editing: Followup | null; onClose: () => void }) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowupForm>();
  const users = useUserOptions();
  const create = useCreateFollowup();
  const update = useUpdateFollowup();
  const guard = useVersionedSave<Followup, FollowupForm>({
    record: editing,
    open: open,
    toValues: formValuesOf,
    fields: [
      { name: 'followupDate', label: '日期' },
      { name: 'staffId', label: '服务人员', format: (v) => users.data?.find((u) => u.id === v)?.displayName ?? String(v) },
      { name: 'kind', label: '方式', format: (v) => FOLLOWUP_KIND_LABELS[v as FollowupKind] ?? String(v) },
      { name: 'found', label: '发现的情况' },
      { name: 'solved', label: '解决的问题' },
      { name: 'openProblems', label: '待解决问题' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const submit = (values: FollowupForm, version = guard.version) => {
    const input: FollowupInput = {
      followupDate: values.followupDate.format('YYYY-MM-DD'),
      staffId: values.staffId,
      kind: values.kind,
      found: emptyToNull(values.found?.trim()),
      solved: emptyToNull(values.solved?.trim()),
      openProblems: emptyToNull(values.openProblems?.trim()),
    };
    const callbacks = {
      onSuccess: (saved: Followup) => {
        guard.succeeded(saved);
        void message.success(editing ? '跟踪服务记录已保存' : '已登记跟踪服务');
        onClose();
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (editing) update.mutate({ id: editing.id, version: version ?? editing.version, ...input }, callbacks);
    else create.mutate({ projectId, ...input, idempotencyKey: guard.keyFor(input) }, callbacks);
  };
  const onFinish = (values: FollowupForm) => submit(values);

  const staffOptions = (users.data ?? []).filter((u) => !u.disabled || u.id === editing?.staffId).map((u) => ({ value: u.id, label: u.displayName }));

  return (
    <FormModal<FollowupForm>
      open={open}
      title={editing ? '编辑跟踪服务' : '登记跟踪服务'}
      name="followup"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={600}
      initialValues={editing ? formValuesOf(editing) : { followupDate: dayjs(), staffId: me.id, kind: 'visit' }}
    >
      {guard.dialog}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label="日期" name="followupDate" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="服务人员" name="staffId" rules={[{ required: true, message: '请选择服务人员' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={staffOptions} loading={users.isPending} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="方式" name="kind" rules={[{ required: true, message: '请选择方式' }]}>
        <Radio.Group optionType="button" options={FOLLOWUP_KINDS.map((k) => ({ value: k, label: FOLLOWUP_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item label="发现的情况" name="found" rules={textRules('发现的情况')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="项目进展、实施中遇到的情况" />
      </Form.Item>
      <Form.Item label="解决的问题" name="solved" rules={textRules('解决的问题')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item label="待解决问题" name="openProblems" rules={textRules('待解决问题')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}

const multiline = (v: string | null) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—');

/** 跟踪服务: visits, calls and meetings that kept an approved project on track. */
export function FollowupsCard({ projectId, canWrite }: { projectId: number; canWrite: boolean }) {
  const followups = useProjectFollowups(projectId);
  const remove = useDeleteFollowup();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Followup | null>(null);

  const columns: TableColumnsType<Followup> = [
    { title: '日期', dataIndex: 'followupDate', key: 'followupDate', width: 110, render: formatDate },
    { title: '方式', dataIndex: 'kind', key: 'kind', width: 70, render: (k: FollowupKind) => FOLLOWUP_KIND_LABELS[k] },
    { title: '服务人员', dataIndex: 'staffName', key: 'staffName', width: 130 },
    { title: '发现的情况', dataIndex: 'found', key: 'found', render: multiline },
    { title: '解决的问题', dataIndex: 'solved', key: 'solved', render: multiline },
    { title: '待解决问题', dataIndex: 'openProblems', key: 'openProblems', render: multiline },
  ];
  return (
    <Card
      title="跟踪服务"
      extra={
        canWrite ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记跟踪服务
          </Button>
        ) : undefined
      }
    >
      <RecordsTable<Followup>
        result={followups}
        columns={columns}
        rowActions={{ onEdit: setEditing, remove: { ...remove, title: '删除这条跟踪服务记录?', success: '已删除' } }}
        rowTestId={(f) => `followup-row-${f.id}`}
        scrollX={800}
        emptyText="暂无跟踪服务记录"
      />
      <FollowupModal
        projectId={projectId}
        open={adding || editing !== null}
        editing={editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </Card>
  );
}
