import { useMemo } from 'react';
import { App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { COMMISSIONER_STATUSES, COMMISSIONER_STATUS_LABELS, GENDERS, GENDER_LABELS, type CommissionerStatus } from '../../../../shared/commissioners.js';
import { FormModal } from '../../../components/ui/form-modal';
import { EnterpriseMultiSelect } from '../../../lib/enterprise-select';
import { emptyToNull, showApiError } from '../../../lib/form';
import { PlaceSelect } from '../../../lib/place-select';
import { useUserOptions } from '../../../lib/reference-data';
import { type CommissionerDetail, type CommissionerInput, useCommissionerOptions, useCreateCommissioner, useUpdateCommissioner } from '../api/commissioners';
import { useVersionedSave } from '../../../lib/record-conflict';

interface CommissionerFormValues {
  name: string;
  gender?: 'male' | 'female';
  employer: string;
  title?: string | null;
  specialty?: string | null;
  phone?: string | null;
  placeIds: number[];
  enterpriseIds: number[];
  termStartYear?: number;
  termEndYear?: number;
  status: CommissionerStatus;
  userId?: number | null;
  notes?: string | null;
}

function toInput(v: CommissionerFormValues): CommissionerInput {
  return {
    name: v.name.trim(),
    gender: v.gender!,
    employer: v.employer.trim(),
    title: emptyToNull(v.title?.trim()),
    specialty: emptyToNull(v.specialty?.trim()),
    phone: emptyToNull(v.phone?.trim()),
    placeIds: v.placeIds ?? [],
    enterpriseIds: v.enterpriseIds ?? [],
    termStartYear: v.termStartYear!,
    termEndYear: v.termEndYear!,
    status: v.status,
    userId: v.userId ?? null,
    notes: emptyToNull(v.notes?.trim()),
  };
}

/** How the form shows a roster entry. */
function formValuesOf(commissioner: CommissionerDetail): CommissionerFormValues {
  return {
    name: commissioner.name,
    gender: commissioner.gender,
    employer: commissioner.employer,
    title: commissioner.title ?? '',
    specialty: commissioner.specialty ?? '',
    phone: commissioner.phone ?? '',
    placeIds: commissioner.places.map((p) => p.id),
    enterpriseIds: commissioner.enterprises.map((e) => e.id),
    termStartYear: commissioner.termStartYear,
    termEndYear: commissioner.termEndYear,
    status: commissioner.status,
    userId: commissioner.userId,
    notes: commissioner.notes ?? '',
  };
}

const yearInput = <InputNumber<number> min={1990} max={2100} precision={0} suffix="年" style={{ width: '100%' }} />;

/** 登记特派员 / 编辑档案: `commissioner` null with `open` registers a new one. */
export function CommissionerFormModal({
  open,
  commissioner,
  onClose,
  onSaved,
}: {
  open: boolean;
  commissioner: CommissionerDetail | null;
  onClose: () => void;
  onSaved?: (saved: CommissionerDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CommissionerFormValues>();
  const users = useUserOptions();
  const roster = useCommissionerOptions(open);
  const create = useCreateCommissioner();
  const update = useUpdateCommissioner();

  const initialValues = useMemo((): CommissionerFormValues => {
    if (!commissioner) {
      const year = dayjs().year();
      return { name: '', employer: '', placeIds: [], enterpriseIds: [], termStartYear: year, termEndYear: year + 2, status: 'active' };
    }
    return formValuesOf(commissioner);
  }, [commissioner]);
  const guard = useVersionedSave<CommissionerDetail, CommissionerFormValues>({
    record: commissioner,
    open: open,
    toValues: formValuesOf,
    fields: [
      { name: 'name', label: '姓名' },
      { name: 'gender', label: '性别', format: (v) => GENDER_LABELS[v as (typeof GENDERS)[number]] ?? String(v) },
      { name: 'employer', label: '派出单位' },
      { name: 'title', label: '职称' },
      { name: 'specialty', label: '专业特长' },
      { name: 'phone', label: '联系电话' },
      {
        name: 'placeIds',
        label: '服务地点',
        format: (v) => (v as number[]).map((id) => commissioner?.places.find((p) => p.id === id)?.name ?? `#${id}`).join('、'),
      },
      {
        name: 'enterpriseIds',
        label: '服务企业/基地',
        format: (v) => (v as number[]).map((id) => commissioner?.enterprises.find((e) => e.id === id)?.name ?? `#${id}`).join('、'),
      },
      { name: 'termStartYear', label: '任期开始' },
      { name: 'termEndYear', label: '任期结束' },
      { name: 'status', label: '状态', format: (v) => COMMISSIONER_STATUS_LABELS[v as CommissionerStatus] ?? String(v) },
      { name: 'userId', label: '登录账号', format: (v) => users.data?.find((u) => u.id === v)?.displayName ?? String(v) },
      { name: 'notes', label: '备注' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  // Accounts with the commissioner role; one already linked to another commissioner cannot be chosen.
  const linkedElsewhere = new Map((roster.data ?? []).filter((c) => c.userId !== null && c.id !== commissioner?.id).map((c) => [c.userId!, c.name]));
  const accountOptions = (users.data ?? [])
    .filter((u) => u.role === 'commissioner' && (!u.disabled || u.id === commissioner?.userId))
    .map((u) => {
      const other = linkedElsewhere.get(u.id);
      return { value: u.id, label: other ? `${u.displayName}(已关联 ${other})` : u.displayName, disabled: !!other };
    });

  const submit = (values: CommissionerFormValues, version = guard.version) => {
    const input = toInput(values);
    const callbacks = {
      onSuccess: (saved: CommissionerDetail) => {
        guard.succeeded(saved);
        void message.success(commissioner ? '特派员档案已保存' : `已登记科技特派员 ${saved.name}`);
        onClose();
        onSaved?.(saved);
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (commissioner) update.mutate({ id: commissioner.id, version: version ?? commissioner.version, ...input }, callbacks);
    else create.mutate({ ...input, idempotencyKey: guard.keyFor(input) }, callbacks);
  };
  const onFinish = (values: CommissionerFormValues) => submit(values);

  return (
    <FormModal<CommissionerFormValues>
      open={open}
      title={commissioner ? '编辑特派员档案' : '登记科技特派员'}
      okText="保存"
      name={commissioner ? 'edit-commissioner' : 'create-commissioner'}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={760}
      initialValues={initialValues}
    >
      {guard.dialog}
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item
            label="姓名"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请填写姓名' },
              { max: 30, message: '姓名不能超过30个字' },
            ]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} sm={6}>
          <Form.Item label="性别" name="gender" rules={[{ required: true, message: '请选择性别' }]}>
            <Radio.Group optionType="button" options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item label="联系电话" name="phone" rules={[{ max: 30, message: '联系电话不能超过30个字' }]}>
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            label="派出单位"
            name="employer"
            rules={[
              { required: true, whitespace: true, message: '请填写派出单位' },
              { max: 100, message: '派出单位不能超过100个字' },
            ]}
          >
            <Input placeholder="如：县农业局" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="职称" name="title" rules={[{ max: 40, message: '职称不能超过40个字' }]}>
            <Input placeholder="如:高级农艺师" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="专业特长" name="specialty" rules={[{ max: 200, message: '专业特长不能超过200个字' }]}>
            <Input placeholder="如:蔬菜栽培、病虫害防治" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="服务地点" name="placeIds" extra="服务的乡镇、村/社区,可选多个">
            <PlaceSelect multiple />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="服务企业/基地" name="enterpriseIds">
            <EnterpriseMultiSelect known={commissioner?.enterprises} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item label="任期开始" name="termStartYear" rules={[{ required: true, message: '请填写任期开始年份' }]}>
            {yearInput}
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item
            label="任期结束"
            name="termEndYear"
            dependencies={['termStartYear']}
            rules={[
              { required: true, message: '请填写任期结束年份' },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: number | undefined) => {
                  const start = getFieldValue('termStartYear') as number | undefined;
                  if (value && start && value < start) throw new Error('任期结束年份不能早于开始年份');
                },
              }),
            ]}
          >
            {yearInput}
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="状态" name="status" rules={[{ required: true, message: '请选择状态' }]}>
            <Radio.Group optionType="button" options={COMMISSIONER_STATUSES.map((s) => ({ value: s, label: COMMISSIONER_STATUS_LABELS[s] }))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="登录账号" name="userId" extra="关联后,特派员可用该账号在手机上填写自己的服务日志;账号由管理员在“用户管理”中以“科技特派员”角色创建">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={accountOptions}
              loading={users.isPending}
              placeholder="不关联账号"
              notFoundContent="没有科技特派员角色的账号"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="备注" name="notes" rules={[{ max: 1000, message: '备注不能超过1000个字' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
