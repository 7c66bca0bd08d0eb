import { App, Col, Form, Row } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import type { ItemBody, ItemDetail, Worklist } from '../../../../shared/worklists.js';
import { FormModal } from '../../../components/ui/form-modal';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { useCreateItem, useUpdateItem } from '../api/items';
import { DateStringPicker, FieldInput, PersonSelect } from './field-input';
import { visibleFields } from './worklist-display';
import { useVersionedSave } from '../../../lib/record-conflict';

type Value = string | number | null;

interface ItemFormValues {
  values: Record<string, Value>;
  responsibleId?: number | null;
  deadline?: string | null;
  registeredDate?: string;
}

const SELECTED_TYPES = new Set(['choice', 'person', 'place', 'enterprise', 'item', 'date']);
const TEXT_TYPES = new Set(['text', 'longtext', 'household']);

/**
 * 新增条目 / 编辑条目: a form generated from the list's definition, one input per visible field,
 * plus 责任人 and 期限 when the list has them. A new item opens its own page once saved.
 */
export function ItemFormModal({ list, open, editing, onClose }: { list: Worklist; open: boolean; editing: ItemDetail | null; onClose: () => void }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ItemFormValues>();
  const create = useCreateItem();
  const update = useUpdateItem();
  const fields = visibleFields(list);
  const toValues = (item: ItemDetail): ItemFormValues => ({
    values: Object.fromEntries(fields.map((f) => [f.key, item.values[f.key] ?? null])),
    responsibleId: item.responsibleId,
    deadline: item.deadline,
  });
  const guard = useVersionedSave<ItemDetail, ItemFormValues>({
    record: editing,
    open: open,
    toValues: toValues,
    fields: [
      ...fields.map((f) => ({ name: `values.${f.key}`, label: f.label })),
      ...(list.hasResponsible
        ? [
            {
              name: 'responsibleId',
              label: '责任人',
              format: (v: unknown) => (v === editing?.responsibleId ? (editing?.responsibleName ?? String(v)) : `#${String(v)}`),
            },
          ]
        : []),
      ...(list.hasDeadline ? [{ name: 'deadline', label: '期限' }] : []),
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const submit = (values: ItemFormValues, version = guard.version) => {
    const submitted: Record<string, Value> = {};
    for (const field of fields) {
      const v = values.values?.[field.key];
      submitted[field.key] = typeof v === 'string' ? v.trim() || null : (v ?? null);
    }
    const body: ItemBody = {
      values: submitted,
      responsibleId: list.hasResponsible ? (values.responsibleId ?? null) : null,
      deadline: list.hasDeadline ? (values.deadline ?? null) : null,
    };
    if (editing) {
      update.mutate(
        { id: editing.id, version: version ?? editing.version, ...body },
        {
          onSuccess: (saved) => {
            guard.succeeded(saved);
            void message.success('条目已保存');
            onClose();
          },
          onError: (error) => guard.catchStale(error, values) || showApiError(message, error, form),
        },
      );
      return;
    }
    const createBody = { ...body, registeredDate: values.registeredDate };
    create.mutate(
      { listId: list.id, ...createBody, idempotencyKey: guard.keyFor(createBody) },
      {
        onSuccess: (created) => {
          guard.succeeded();
          void message.success(`已登记「${created.title}」`);
          onClose();
          navigate(`/worklist-items/${created.id}`);
        },
        onError: (error) => guard.catchStale(error, values) || showApiError(message, error, form),
      },
    );
  };
  const onFinish = (values: ItemFormValues) => submit(values);

  const initialValues: ItemFormValues = editing
    ? toValues(editing)
    : {
        values: {},
        // A default, not a permission: staff usually register their own items; leaders assign them.
        responsibleId: me.role === 'staff' ? me.id : null,
        deadline: null,
        registeredDate: dayjs().format('YYYY-MM-DD'),
      };

  return (
    <FormModal<ItemFormValues>
      open={open}
      title={editing ? '编辑条目' : `新增条目 · ${list.name}`}
      name="worklist-item"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={680}
      initialValues={initialValues}
    >
      {guard.dialog}
      <Row gutter={16}>
        {fields.map((field) => (
          <Col key={field.key} xs={24} sm={field.type === 'longtext' ? 24 : 12}>
            <Form.Item
              label={field.label}
              name={['values', field.key]}
              rules={
                field.required
                  ? [
                      {
                        required: true,
                        whitespace: TEXT_TYPES.has(field.type),
                        message: `${SELECTED_TYPES.has(field.type) ? '请选择' : '请填写'}${field.label}`,
                      },
                    ]
                  : undefined
              }
            >
              <FieldInput field={field} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        {list.hasResponsible ? (
          <Col xs={24} sm={8}>
            <Form.Item label="责任人" name="responsibleId">
              <PersonSelect placeholder="选择责任人" />
            </Form.Item>
          </Col>
        ) : null}
        {list.hasDeadline ? (
          <Col xs={24} sm={8}>
            <Form.Item label="期限" name="deadline">
              <DateStringPicker placeholder="完成期限" />
            </Form.Item>
          </Col>
        ) : null}
        {!editing ? (
          <Col xs={24} sm={8}>
            <Form.Item label="登记日期" name="registeredDate" rules={[{ required: true, message: '请选择登记日期' }]}>
              <DateStringPicker disabledFuture />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
    </FormModal>
  );
}
