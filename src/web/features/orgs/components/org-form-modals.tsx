import { useRef } from 'react';
import { App, Form, Input, Radio, Select } from 'antd';
import type { Division } from '../../../../shared/divisions.js';
import { type Org, type OrgListItem, levelBelow, suggestOrgName } from '../../../../shared/orgs.js';
import { ORG_LEVELS, ORG_LEVEL_LABELS, type OrgLevel } from '../../../../shared/roles.js';
import { FormModal } from '../../../components/ui/form-modal';
import { DivisionPicker } from '../../../lib/division-picker';
import { emptyToNull, showApiError } from '../../../lib/form';
import { useVersionedSave } from '../../../lib/record-conflict';
import { SubmissionKeys } from '../../../lib/versions';
import { type UpdateOrgInput, useCreateOrg, useUpdateOrg } from '../api/orgs';

const nameRules = [
  { required: true, whitespace: true, message: '请填写单位名称' },
  { max: 50, message: '单位名称不能超过50个字' },
];
const shortNameRules = [{ max: 20, message: '简称不能超过20个字' }];

interface CreateOrgForm {
  mode: 'division' | 'typed';
  divisionCode?: string;
  level?: OrgLevel;
  name: string;
  shortName?: string;
}

/** A division chosen in the form, which also proposes the organisation's name. */
function DivisionField(props: {
  value?: string;
  onChange?: (code: string) => void;
  onDivision: (division: Division) => void;
  maxLevel: OrgLevel;
  id?: string;
}) {
  return (
    <DivisionPicker
      id={props.id}
      value={props.value}
      maxLevel={props.maxLevel}
      aria-label="行政区划"
      placeholder={props.maxLevel === 'city' ? '选择省、市' : '选择省、市、县（区）'}
      onChange={(code, division) => {
        props.onChange?.(code);
        props.onDivision(division);
      }}
    />
  );
}

/** 新建下级单位: its division from the national list (the name is proposed from it) or a typed name and level. */
export function CreateOrgModal({ parent, onClose }: { parent: OrgListItem | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateOrgForm>();
  const create = useCreateOrg();
  const keys = useRef(new SubmissionKeys());
  // The last name proposed: a name the person typed over it is not replaced by the next choice.
  const proposed = useRef<string | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'division';
  const childLevel = parent ? levelBelow(parent.level) : null;
  const levelsBelow = parent ? ORG_LEVELS.slice(ORG_LEVELS.indexOf(parent.level) + 1) : [];

  const onDivision = (division: Division) => {
    const current = form.getFieldValue('name') as string | undefined;
    if (!current || current === proposed.current) {
      const name = suggestOrgName(division);
      form.setFieldValue('name', name);
      proposed.current = name;
    }
  };

  const onFinish = (values: CreateOrgForm) => {
    if (!parent) return;
    const body = {
      parentId: parent.id,
      divisionCode: values.mode === 'division' ? (values.divisionCode ?? null) : null,
      name: values.name.trim(),
      shortName: emptyToNull(values.shortName?.trim()),
      ...(values.mode === 'typed' ? { level: values.level } : {}),
    };
    create.mutate(
      { ...body, idempotencyKey: keys.current.keyFor(body) },
      {
        onSuccess: (org: Org) => {
          keys.current.succeeded();
          void message.success(`已新建「${org.name}」；可在“用户管理”中为其建立管理员账号`);
          onClose();
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <FormModal<CreateOrgForm>
      open={parent !== null}
      title={parent ? `新建下级单位：${parent.name}` : '新建下级单位'}
      okText="创建"
      name="create-org"
      form={form}
      onFinish={onFinish}
      onCancel={() => {
        proposed.current = null;
        onClose();
      }}
      confirmLoading={create.isPending}
      initialValues={{ mode: 'division', level: childLevel ?? undefined }}
      width={560}
    >
      <Form.Item label="新建方式" name="mode">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'division', label: '按行政区划' },
            { value: 'typed', label: '不对应行政区划' },
          ]}
        />
      </Form.Item>
      {mode === 'division' ? (
        <Form.Item
          label="行政区划"
          name="divisionCode"
          extra="须在上级单位的区划之内；级别随区划而定，同一区划只能有一个启用的单位"
          rules={[{ required: true, message: '请选择行政区划' }]}
        >
          <DivisionField maxLevel={childLevel ?? 'county'} onDivision={onDivision} />
        </Form.Item>
      ) : (
        <Form.Item label="级别" name="level" rules={[{ required: true, message: '请选择级别' }]}>
          <Select options={levelsBelow.map((l) => ({ value: l, label: ORG_LEVEL_LABELS[l] }))} />
        </Form.Item>
      )}
      <Form.Item label="单位名称" name="name" rules={nameRules} extra={mode === 'division' ? '选择区划后自动填写（如“某某县科学技术局”），可修改' : undefined}>
        <Input />
      </Form.Item>
      <Form.Item label="简称" name="shortName" rules={shortNameRules}>
        <Input placeholder="如：县科技局（可不填）" />
      </Form.Item>
    </FormModal>
  );
}

interface EditOrgForm {
  name: string;
  shortName?: string | null;
}

/** 改名: an organisation's name and short name, saved on the version the form opened with. */
export function EditOrgModal({ org, onClose }: { org: OrgListItem | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditOrgForm>();
  const update = useUpdateOrg();
  const guard = useVersionedSave<Org, EditOrgForm>({
    record: org,
    open: org !== null,
    toValues: (o) => ({ name: o.name, shortName: o.shortName ?? '' }),
    fields: [
      { name: 'name', label: '单位名称' },
      { name: 'shortName', label: '简称' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const submit = (values: EditOrgForm, version = guard.version) => {
    if (!org) return;
    const input: UpdateOrgInput = { name: values.name.trim(), shortName: emptyToNull(values.shortName?.trim() ?? undefined) };
    update.mutate(
      { id: org.id, version: version ?? org.version, ...input },
      {
        onSuccess: (saved) => {
          guard.succeeded(saved);
          void message.success('单位名称已保存');
          onClose();
        },
        onError: (error) => guard.catchStale(error, values) || showApiError(message, error, form),
      },
    );
  };

  return (
    <FormModal<EditOrgForm>
      open={org !== null}
      title={org ? `修改单位：${org.name}` : '修改单位'}
      name="edit-org"
      form={form}
      onFinish={(values) => submit(values)}
      onCancel={onClose}
      confirmLoading={update.isPending}
      initialValues={org ? { name: org.name, shortName: org.shortName ?? '' } : undefined}
    >
      {guard.dialog}
      <Form.Item label="单位名称" name="name" rules={nameRules}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item label="简称" name="shortName" rules={shortNameRules}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
