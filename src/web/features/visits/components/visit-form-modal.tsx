import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Visit } from '../../../../shared/projects.js';
import { FormModal } from '../../../components/ui/form-modal';
import { useMe } from '../../../lib/auth';
import { EnterpriseMultiSelect } from '../../../lib/enterprise-select';
import { emptyToNull, showApiError } from '../../../lib/form';
import { useUserOptions, userOptionLabel } from '../../../lib/reference-data';
import { type VisitInput, useCreateVisit, useUpdateVisit } from '../api/visits';
import { useVersionedSave } from '../../../lib/record-conflict';

interface VisitForm {
  visitDate: Dayjs;
  staffIds: number[];
  enterpriseIds: number[];
  purpose: string;
  findings?: string | null;
}

/** How the form shows a visit. */
function formValuesOf(visit: Visit): VisitForm {
  return {
    visitDate: dayjs(visit.visitDate),
    staffIds: visit.staff.map((s) => s.id),
    enterpriseIds: visit.enterprises.map((e) => e.id),
    purpose: visit.purpose,
    findings: visit.findings ?? '',
  };
}

/** 登记 / 编辑 a research visit: `visit` null with `open` registers a new one. */
export function VisitFormModal({
  open,
  visit,
  presetEnterpriseId,
  onClose,
  onCreated,
}: {
  open: boolean;
  visit: Visit | null;
  /** A new visit to this enterprise (from a link on the enterprise's page). */
  presetEnterpriseId?: number;
  onClose: () => void;
  onCreated?: (created: Visit) => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitForm>();
  const users = useUserOptions();
  const create = useCreateVisit();
  const update = useUpdateVisit();
  const guard = useVersionedSave<Visit, VisitForm>({
    record: visit,
    open,
    toValues: formValuesOf,
    fields: [
      { name: 'visitDate', label: '调研日期' },
      {
        name: 'staffIds',
        label: '调研人员',
        format: (v) => (v as number[]).map((id) => users.data?.find((u) => u.id === id)?.displayName ?? `#${id}`).join('、'),
      },
      {
        name: 'enterpriseIds',
        label: '调研企业/基地',
        format: (v) => (v as number[]).map((id) => visit?.enterprises.find((e) => e.id === id)?.name ?? `#${id}`).join('、'),
      },
      { name: 'purpose', label: '调研目的' },
      { name: 'findings', label: '调研发现' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const submit = (values: VisitForm, version = guard.version) => {
    const input: VisitInput = {
      visitDate: values.visitDate.format('YYYY-MM-DD'),
      staffIds: values.staffIds,
      enterpriseIds: values.enterpriseIds,
      purpose: values.purpose.trim(),
      findings: emptyToNull(values.findings?.trim()),
    };
    if (visit) {
      update.mutate(
        { id: visit.id, version: version ?? visit.version, ...input },
        {
          onSuccess: (saved) => {
            guard.succeeded(saved);
            void message.success('调研记录已保存');
            onClose();
          },
          onError: (error) => guard.catchStale(error, values) || showApiError(message, error, form),
        },
      );
    } else {
      create.mutate(
        { ...input, idempotencyKey: guard.keyFor(input) },
        {
          onSuccess: (created) => {
            guard.succeeded();
            void message.success('调研记录已登记');
            onClose();
            onCreated?.(created);
          },
          onError: (error) => guard.catchStale(error, values) || showApiError(message, error, form),
        },
      );
    }
  };

  const onFinish = (values: VisitForm) => submit(values);

  const staffOptions = (users.data ?? [])
    .filter((u) => !u.disabled || visit?.staff.some((s) => s.id === u.id))
    .map((u) => ({ value: u.id, label: userOptionLabel(u) }));

  return (
    <FormModal<VisitForm>
      open={open}
      title={visit ? '编辑调研记录' : '登记调研'}
      okText={visit ? '保存' : '登记'}
      name={visit ? 'edit-visit' : 'create-visit'}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={640}
      initialValues={
        visit
          ? formValuesOf(visit)
          : {
              visitDate: dayjs(),
              staffIds: [me.id],
              enterpriseIds: presetEnterpriseId ? [presetEnterpriseId] : [],
            }
      }
    >
      {guard.dialog}
      <Form.Item label="调研日期" name="visitDate" rules={[{ required: true, message: '请选择调研日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item label="调研人员" name="staffIds" rules={[{ required: true, type: 'array', min: 1, message: '请选择参加调研的人员' }]}>
        <Select<number[]>
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={staffOptions}
          loading={users.isPending}
          placeholder="本局参加调研的人员"
        />
      </Form.Item>
      <Form.Item
        label="调研企业/基地"
        name="enterpriseIds"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择调研的企业或基地' }]}
        extra="未登记的企业或基地,请先在“企业与基地”中登记"
      >
        <EnterpriseMultiSelect known={visit?.enterprises} />
      </Form.Item>
      <Form.Item
        label="调研目的"
        name="purpose"
        rules={[
          { required: true, whitespace: true, message: '请填写调研目的' },
          { max: 500, message: '调研目的不能超过500个字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="如:了解企业技术改造需求,挖掘申报项目" />
      </Form.Item>
      <Form.Item label="调研发现" name="findings" rules={[{ max: 4000, message: '调研发现不能超过4000个字' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder="企业情况、技术需求、可培育的项目线索等" />
      </Form.Item>
    </FormModal>
  );
}
