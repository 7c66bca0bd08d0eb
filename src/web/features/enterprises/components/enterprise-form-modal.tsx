import { useState } from 'react';
import { Alert, App, Col, Form, Input, Row, Select } from 'antd';
import { Link } from 'react-router';
import { KINDS_WITHOUT_CODE, SECTORS, SECTOR_LABELS, type Enterprise, type Sector, creditCodeSchema } from '../../../../shared/projects.js';
import { FormModal } from '../../../components/ui/form-modal';
import { ApiError } from '../../../lib/api-client';
import { emptyToNull, showApiError, zodRule } from '../../../lib/form';
import { useVersionedSave } from '../../../lib/record-conflict';
import { useDictionaryItems, useTowns } from '../../../lib/reference-data';
import { type EnterpriseInput, useCreateEnterprise, useUpdateEnterprise } from '../api/enterprises';

interface EnterpriseForm {
  name: string;
  creditCode?: string | null;
  kind?: string;
  industry?: Sector;
  townId?: number | null;
  address?: string | null;
  contactPerson?: string | null;
  contactPhone?: string | null;
  notes?: string | null;
}

interface DuplicateCode {
  message: string;
  existingId: number;
  existingName: string;
}

/** How the form shows an enterprise. */
function formValuesOf(enterprise: Enterprise): EnterpriseForm {
  return {
    name: enterprise.name,
    creditCode: enterprise.creditCode ?? '',
    kind: enterprise.kind,
    industry: enterprise.industry,
    townId: enterprise.townId,
    address: enterprise.address ?? '',
    contactPerson: enterprise.contactPerson ?? '',
    contactPhone: enterprise.contactPhone ?? '',
    notes: enterprise.notes ?? '',
  };
}

/** The enterprise a 409 on the credit code points at, when the server names it. */
function duplicateOf(error: unknown): DuplicateCode | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const d = error.details as { existingId?: unknown; existingName?: unknown } | null;
  if (!d || typeof d.existingId !== 'number') return null;
  return { message: error.message, existingId: d.existingId, existingName: String(d.existingName ?? '') };
}

/** 登记 / 编辑 an enterprise, base or cooperative: `enterprise` null with `open` registers a new one. */
export function EnterpriseFormModal({
  open,
  enterprise,
  onClose,
  onCreated,
}: {
  open: boolean;
  enterprise: Enterprise | null;
  onClose: () => void;
  onCreated?: (created: Enterprise) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseForm>();
  const kinds = useDictionaryItems('enterprise_kind');
  const towns = useTowns();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise();
  const [duplicate, setDuplicate] = useState<DuplicateCode | null>(null);
  const kind = Form.useWatch('kind', form);
  const codeOptional = !!kind && KINDS_WITHOUT_CODE.includes(kind);
  const guard = useVersionedSave<Enterprise, EnterpriseForm>({
    record: enterprise,
    open,
    toValues: formValuesOf,
    fields: [
      { name: 'name', label: '名称' },
      { name: 'kind', label: '类型' },
      { name: 'industry', label: '行业', format: (v) => SECTOR_LABELS[v as Sector] ?? String(v) },
      { name: 'creditCode', label: '统一社会信用代码' },
      { name: 'townId', label: '所在乡镇', format: (v) => towns.data?.find((t) => t.id === v)?.name ?? String(v) },
      { name: 'address', label: '地址' },
      { name: 'contactPerson', label: '联系人' },
      { name: 'contactPhone', label: '联系电话' },
      { name: 'notes', label: '备注' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const close = () => {
    setDuplicate(null);
    onClose();
  };

  const submit = (values: EnterpriseForm, version = guard.version) => {
    setDuplicate(null);
    const input: EnterpriseInput = {
      name: values.name.trim(),
      creditCode: emptyToNull(values.creditCode?.trim().toUpperCase()),
      kind: values.kind!,
      industry: values.industry!,
      townId: emptyToNull(values.townId ?? undefined),
      address: emptyToNull(values.address?.trim()),
      contactPerson: emptyToNull(values.contactPerson?.trim()),
      contactPhone: emptyToNull(values.contactPhone?.trim()),
      notes: emptyToNull(values.notes?.trim()),
    };
    const onError = (error: unknown) => {
      if (guard.catchStale(error, values)) return;
      const dup = duplicateOf(error);
      if (dup) {
        setDuplicate(dup);
        form.setFields([{ name: 'creditCode', errors: ['该统一社会信用代码已登记'] }]);
        return;
      }
      showApiError(message, error, form);
    };
    if (enterprise) {
      update.mutate(
        { id: enterprise.id, version: version ?? enterprise.version, ...input },
        {
          onSuccess: (saved) => {
            guard.succeeded(saved);
            void message.success('企业信息已保存');
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { ...input, idempotencyKey: guard.keyFor(input) },
        {
          onSuccess: (created) => {
            guard.succeeded();
            void message.success(`已登记「${created.name}」`);
            close();
            onCreated?.(created);
          },
          onError,
        },
      );
    }
  };

  const onFinish = (values: EnterpriseForm) => submit(values);

  const kindOptions = (kinds.data ?? [])
    .filter((item) => item.active || item.value === enterprise?.kind)
    .map((item) => ({ value: item.value, label: item.label }));

  return (
    <FormModal<EnterpriseForm>
      open={open}
      title={enterprise ? `编辑:${enterprise.name}` : '登记企业/基地'}
      okText={enterprise ? '保存' : '登记'}
      name={enterprise ? 'edit-enterprise' : 'create-enterprise'}
      form={form}
      onFinish={onFinish}
      onCancel={close}
      confirmLoading={create.isPending || update.isPending}
      width={680}
      initialValues={enterprise ? formValuesOf(enterprise) : undefined}
    >
      {guard.dialog}
      {duplicate ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={duplicate.message}
          description={
            <Link to={`/enterprises/${duplicate.existingId}`} onClick={close}>
              查看已登记的“{duplicate.existingName}”
            </Link>
          }
        />
      ) : null}
      <Form.Item
        label="名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写名称' },
          { max: 100, message: '名称不能超过100个字' },
        ]}
      >
        <Input autoFocus={!enterprise} placeholder="营业执照上的全称,或基地、合作社的名称" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={kindOptions} loading={kinds.isPending} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="行业" name="industry" rules={[{ required: true, message: '请选择行业' }]}>
            <Select options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} placeholder="工业/农业/社会发展" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="统一社会信用代码"
        name="creditCode"
        dependencies={['kind']}
        normalize={(v: string | undefined) => v?.replace(/\s/g, '').toUpperCase()}
        extra={codeOptional ? `${kind}可不填` : '18位,末位为校验码'}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              const k = getFieldValue('kind') as string | undefined;
              if (!value && k && !KINDS_WITHOUT_CODE.includes(k)) {
                throw new Error('企业须填写统一社会信用代码(示范基地、合作社可不填)');
              }
            },
          }),
          zodRule(creditCodeSchema),
        ]}
      >
        <Input
          placeholder="如 91360724MA35XXXXXX"
          onChange={() => duplicate && setDuplicate(null)}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label="所在乡镇" name="townId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(towns.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
              loading={towns.isPending}
              placeholder="请选择"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="地址" name="address" rules={[{ max: 200, message: '地址不能超过200个字' }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="联系人" name="contactPerson" rules={[{ max: 30, message: '联系人不能超过30个字' }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="联系电话" name="contactPhone" rules={[{ max: 30, message: '联系电话不能超过30个字' }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="备注" name="notes" rules={[{ max: 1000, message: '备注不能超过1000个字' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
