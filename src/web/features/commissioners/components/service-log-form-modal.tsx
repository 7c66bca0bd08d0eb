import { useMemo } from 'react';
import { App, Form, Select } from 'antd';
import type { ServiceLog } from '../../../../shared/commissioners.js';
import { FormModal } from '../../../components/ui/form-modal';
import { isUploading } from '../../../lib/attachment-upload';
import { showApiError } from '../../../lib/form';
import { useCommissionerOptions } from '../api/commissioners';
import { useCreateServiceLog, useUpdateServiceLog } from '../api/service-logs';
import { ServiceLogFields, type ServiceLogFormValues, serviceLogConflictFields, serviceLogInitialValues, toServiceLogInput } from './service-log-fields';
import { useVersionedSave } from '../../../lib/record-conflict';

/**
 * 登记服务日志 / 编辑服务日志, by the bureau's staff for a commissioner. `commissionerId` fixes
 * whose log it is (from the commissioner's page); without it the form asks.
 */
export function ServiceLogFormModal({
  open,
  log,
  commissionerId,
  onClose,
}: {
  open: boolean;
  log: ServiceLog | null;
  commissionerId?: number;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ServiceLogFormValues>();
  const commissioners = useCommissionerOptions(open);
  const create = useCreateServiceLog();
  const update = useUpdateServiceLog();
  const guard = useVersionedSave<ServiceLog, ServiceLogFormValues>({
    record: log,
    open: open,
    toValues: (record) => serviceLogInitialValues(record),
    fields: [...serviceLogConflictFields(log)],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });
  const chosenId = Form.useWatch('commissionerId', form) ?? log?.commissionerId ?? commissionerId;
  const chosen = (commissioners.data ?? []).find((c) => c.id === chosenId);
  const preferredPlaces = useMemo(() => chosen?.places.map((p) => p.id) ?? [], [chosen]);
  const initialValues = useMemo(() => serviceLogInitialValues(log, commissionerId ? { commissionerId } : undefined), [log, commissionerId]);

  const submit = (values: ServiceLogFormValues, version = guard.version) => {
    if (isUploading(values.files)) {
      void message.warning('附件还在上传,请稍候再保存');
      return;
    }
    const input = toServiceLogInput(values);
    const callbacks = {
      onSuccess: (saved: ServiceLog) => {
        guard.succeeded(saved);
        void message.success(log ? '服务日志已保存' : '服务日志已登记');
        onClose();
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (log) update.mutate({ id: log.id, version: version ?? log.version, ...input }, callbacks);
    else create.mutate({ commissionerId: values.commissionerId!, ...input, idempotencyKey: guard.keyFor(input) }, callbacks);
  };
  const onFinish = (values: ServiceLogFormValues) => submit(values);

  return (
    <FormModal<ServiceLogFormValues>
      open={open}
      title={log ? `编辑服务日志(${log.commissionerName})` : '登记服务日志'}
      okText="保存"
      name={log ? 'edit-service-log' : 'create-service-log'}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      initialValues={initialValues}
    >
      {guard.dialog}
      {!log ? (
        <Form.Item label="科技特派员" name="commissionerId" rules={[{ required: true, message: '请选择科技特派员' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!commissionerId}
            loading={commissioners.isPending}
            placeholder="为哪位特派员登记"
            options={(commissioners.data ?? [])
              .filter((c) => c.status === 'active' || c.id === commissionerId)
              .map((c) => ({ value: c.id, label: `${c.name}(${c.employer})` }))}
          />
        </Form.Item>
      ) : null}
      <ServiceLogFields preferredPlaces={preferredPlaces} enterprises="search" currentKind={log?.kind} />
    </FormModal>
  );
}
