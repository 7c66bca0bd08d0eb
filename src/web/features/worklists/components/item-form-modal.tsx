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
export function ItemFormModal({
  list,
  open,
  editing,
  onClose,
}: {
  list: Worklist;
  open: boolean;
  editing: ItemDetail | null;
  onClose: () => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ItemFormValues>();
  const create = useCreateItem();
  const update = useUpdateItem();
  const fields = visibleFields(list);

  const onFinish = (values: ItemFormValues) => {
    const submitted: Record<string, Value> = {};
    for (const field of fields) {
      const v = values.values?.[field.key];
      submitted[field.key] = typeof v === 'string' ? v.trim() || null : v ?? null;
    }
    const body: ItemBody = {
      values: submitted,
      responsibleId: list.hasResponsible ? values.responsibleId ?? null : null,
      deadline: list.hasDeadline ? values.deadline ?? null : null,
    };
    if (editing) {
      update.mutate(
        { id: editing.id, ...body },
        {
          onSuccess: () => {
            void message.success('条目已保存');
            onClose();
          },
          onError: (error) => showApiError(message, error, form),
        },
      );
      return;
    }
    create.mutate(
      { listId: list.id, ...body, registeredDate: values.registeredDate },
      {
        onSuccess: (created) => {
          void message.success(`已登记「${created.title}」`);
          onClose();
          navigate(`/worklist-items/${created.id}`);
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  const initialValues: ItemFormValues = editing
    ? {
        values: Object.fromEntries(fields.map((f) => [f.key, editing.values[f.key] ?? null])),
        responsibleId: editing.responsibleId,
        deadline: editing.deadline,
      }
    : {
        values: {},
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
