import { useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Milestone } from '../../../../shared/projects.js';
import { FormModal } from '../../../components/ui/form-modal';
import { emptyToNull, showApiError } from '../../../lib/form';
import { RecordsTable } from '../../../lib/list-table';
import { useDictionaryItems } from '../../../lib/reference-data';
import { SubmissionKeys } from '../../../lib/versions';
import { formatDate } from '../../../utils/format';
import { type MilestoneInput, useCreateMilestone, useDeleteMilestone, useProjectMilestones } from '../api/milestones';

interface MilestoneForm {
  kind: string;
  milestoneDate: Dayjs;
  remark?: string;
}

/** 登记项目节点: the kinds are the bureau's 项目节点 dictionary (an admin adds more under 字典管理). */
function MilestoneModal({ projectId, open, onClose }: { projectId: number; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<MilestoneForm>();
  const kinds = useDictionaryItems('milestone_kind');
  const create = useCreateMilestone();
  const keys = useRef(new SubmissionKeys());

  const onFinish = (values: MilestoneForm) => {
    const input: MilestoneInput = {
      kind: values.kind,
      milestoneDate: values.milestoneDate.format('YYYY-MM-DD'),
      remark: emptyToNull(values.remark?.trim()),
    };
    create.mutate(
      { projectId, ...input, idempotencyKey: keys.current.keyFor(input) },
      {
        onSuccess: () => {
          keys.current.succeeded();
          void message.success('已登记项目节点');
          form.resetFields();
          onClose();
        },
        onError: (error: unknown) => showApiError(message, error, form),
      },
    );
  };

  return (
    <FormModal<MilestoneForm>
      open={open}
      title="登记项目节点"
      name="milestone"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={520}
      initialValues={{ milestoneDate: dayjs() }}
    >
      <Form.Item label="节点类型" name="kind" rules={[{ required: true, message: '请选择节点类型' }]}>
        <Select
          placeholder="中期检查、验收检查、绩效评价等"
          loading={kinds.isPending}
          options={(kinds.data ?? []).filter((k) => k.active).map((k) => ({ value: k.value, label: k.label }))}
        />
      </Form.Item>
      <Form.Item label="日期" name="milestoneDate" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item label="说明" name="remark" rules={[{ max: 500, message: '说明不能超过500个字' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="检查组、结论等" />
      </Form.Item>
    </FormModal>
  );
}

/** 项目节点: dated checks and evaluations of a project, counted in the work summary (中期检查3次). */
export function MilestonesCard({ projectId }: { projectId: number }) {
  const milestones = useProjectMilestones(projectId);
  const remove = useDeleteMilestone();
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<Milestone> = [
    { title: '日期', dataIndex: 'milestoneDate', key: 'milestoneDate', width: 110, render: formatDate },
    { title: '节点', dataIndex: 'kindLabel', key: 'kindLabel', width: 120 },
    { title: '说明', dataIndex: 'remark', key: 'remark', render: (v: string | null) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—') },
    { title: '登记人', dataIndex: 'createdByName', key: 'createdByName', width: 110, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Card
      title="项目节点"
      data-testid="milestones-card"
      extra={
        milestones.data?.policies.create ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            登记节点
          </Button>
        ) : undefined
      }
    >
      <RecordsTable<Milestone>
        result={milestones}
        columns={columns}
        rowActions={{ remove: { ...remove, title: '删除这个项目节点?', success: '已删除' } }}
        rowTestId={(m) => `milestone-row-${m.id}`}
        emptyText="暂无项目节点(中期检查、验收检查、绩效评价等)"
      />
      <MilestoneModal projectId={projectId} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
