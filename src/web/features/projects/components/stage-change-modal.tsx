import { Alert, App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { NEXT_STAGES, STAGE_LABELS, type ProjectDetail, type Stage, stagesBetween } from '../../../../shared/projects.js';
import { FormModal } from '../../../components/ui/form-modal';
import { emptyToNull, showApiError } from '../../../lib/form';
import { useRefreshIfStale } from '../../../lib/record-conflict';
import { useMoveProjectStage } from '../api/projects';

interface StageChangeForm {
  to: Stage;
  date: Dayjs;
  stageDates?: Partial<Record<Stage, Dayjs>>;
  remark?: string;
}

/** The latest of the project's stage dates: a move may not be dated before it. */
function lastStageDate(project: ProjectDetail): string | null {
  const dates = Object.values(project.stageDates).filter((d): d is string => !!d);
  return dates.length ? dates.sort().at(-1)! : null;
}

/**
 * 变更阶段: the target is one of the moves the pipeline allows from the current stage. Jumping
 * several stages asks for the date of each stage passed on the way, as the ledger records them all.
 */
export function StageChangeModal({ project, open, onClose }: { project: ProjectDetail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<StageChangeForm>();
  const move = useMoveProjectStage();
  const refreshIfStale = useRefreshIfStale();
  const targets = NEXT_STAGES[project.stage];
  const to = Form.useWatch('to', form);
  const passed = to ? stagesBetween(project.stage, to).slice(0, -1) : [];
  const earliest = lastStageDate(project);
  const outOfRange = (d: Dayjs) => d.isAfter(dayjs(), 'day') || (!!earliest && d.isBefore(dayjs(earliest), 'day'));

  const onFinish = (values: StageChangeForm) => {
    const stageDates: Partial<Record<Stage, string>> = {};
    for (const stage of passed) {
      const d = values.stageDates?.[stage];
      if (d) stageDates[stage] = d.format('YYYY-MM-DD');
    }
    move.mutate(
      {
        id: project.id,
        version: project.version,
        to: values.to,
        date: values.date.format('YYYY-MM-DD'),
        stageDates,
        remark: emptyToNull(values.remark?.trim()),
      },
      {
        onSuccess: (after) => {
          void message.success(`项目已变更为“${STAGE_LABELS[after.stage]}”`);
          onClose();
        },
        onError: (error) => {
          refreshIfStale(error);
          showApiError(message, error, form);
        },
      },
    );
  };

  return (
    <FormModal<StageChangeForm>
      open={open}
      title={`变更阶段(当前:${STAGE_LABELS[project.stage]})`}
      okText="确定"
      name="change-stage"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={move.isPending}
      initialValues={{ to: targets[0], date: dayjs() }}
    >
      <Form.Item label="变更为" name="to" rules={[{ required: true, message: '请选择要变更到的阶段' }]}>
        <Select<Stage> options={targets.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
      </Form.Item>
      {passed.length > 0 ? (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`从“${STAGE_LABELS[project.stage]}”到“${STAGE_LABELS[to!]}”将依次经过${passed
              .map((s) => `“${STAGE_LABELS[s]}”`)
              .join('、')},请填写各阶段的日期。`}
          />
          {passed.map((stage) => (
            <Form.Item
              key={stage}
              label={`${STAGE_LABELS[stage]}日期`}
              name={['stageDates', stage]}
              rules={[{ required: true, message: `请选择${STAGE_LABELS[stage]}日期` }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={outOfRange} />
            </Form.Item>
          ))}
        </>
      ) : null}
      <Form.Item label={to ? `${STAGE_LABELS[to]}日期` : '日期'} name="date" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={outOfRange} />
      </Form.Item>
      <Form.Item label="说明" name="remark" rules={[{ max: 500, message: '说明不能超过500个字' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如申报文号、立项批文、未获批原因等(可不填)" />
      </Form.Item>
    </FormModal>
  );
}
