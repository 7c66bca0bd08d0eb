import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dictionary, DictionaryItem } from '../../../../shared/reference.js';
import { FormModal } from '../../../components/ui/form-modal';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { showApiError } from '../../../lib/form';
import { useDictionaryItems } from '../../../lib/reference-data';
import { type DictionaryItemInput, useCreateDictionaryItem, useDeleteDictionaryItem, useUpdateDictionaryItem } from '../api/dictionary-mutations';
import { useVersionedSave } from '../../../lib/record-conflict';

type Editing = { mode: 'create' } | { mode: 'edit'; item: DictionaryItem } | null;

/** How the form shows a dictionary item. */
function formValuesOf(item: DictionaryItem): DictionaryItemInput {
  return { value: item.value, label: item.label, sortOrder: item.sortOrder, active: item.active, measure: item.measure };
}

/** The items of one dictionary: value, label, order and whether new records may still pick it. */
export function DictionaryItemsCard({ dictionary }: { dictionary: Dictionary }) {
  const { message } = App.useApp();
  const items = useDictionaryItems(dictionary.code);
  const remove = useDeleteDictionaryItem();
  const [editing, setEditing] = useState<Editing>(null);

  const columns: TableColumnsType<DictionaryItem> = [
    {
      title: '编码值',
      dataIndex: 'value',
      key: 'value',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: '名称', dataIndex: 'label', key: 'label' },
    { title: '量词', dataIndex: 'measure', key: 'measure', width: 70, render: (v: string | null) => v ?? '—' },
    { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    {
      title: '状态',
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, item) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', item })}>
            编辑
          </Button>
          <Popconfirm
            title={`删除「${item.label}」?`}
            description="已被记录使用的选项不能删除,可改为停用。"
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove.mutateAsync(item.id).then(
                () => void message.success('字典项已删除'),
                (error: unknown) => showApiError(message, error),
              )
            }
          >
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const sorted = [...(items.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  return (
    <Card
      title={
        <span>
          {dictionary.name}
          <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8, fontSize: 13 }}>
            {dictionary.code}
          </Typography.Text>
        </span>
      }
      extra={
        <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
          新增字典项
        </Button>
      }
    >
      {dictionary.description ? <Typography.Paragraph type="secondary">{dictionary.description}</Typography.Paragraph> : null}
      {items.isError ? <QueryError error={items.error} onRetry={() => void items.refetch()} /> : null}
      <Table<DictionaryItem>
        rowKey="id"
        columns={columns}
        dataSource={sorted}
        loading={items.isPending && !items.isError}
        pagination={false}
        size="middle"
        locale={{ emptyText: '该字典还没有字典项' }}
        onRow={(item) => rowTestId(`dictionary-item-row-${item.value}`)}
      />
      <DictionaryItemModal
        code={dictionary.code}
        editing={editing}
        onClose={() => setEditing(null)}
        nextSortOrder={sorted.reduce((m, i) => Math.max(m, i.sortOrder), 0) + 10}
      />
    </Card>
  );
}

function DictionaryItemModal({ code, editing, onClose, nextSortOrder }: { code: string; editing: Editing; onClose: () => void; nextSortOrder: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DictionaryItemInput>();
  const create = useCreateDictionaryItem();
  const update = useUpdateDictionaryItem();
  const editingItem = editing?.mode === 'edit' ? editing.item : null;
  const guard = useVersionedSave<DictionaryItem, DictionaryItemInput>({
    record: editingItem,
    open: editing !== null,
    toValues: formValuesOf,
    fields: [
      { name: 'value', label: '编码值' },
      { name: 'label', label: '名称' },
      { name: 'measure', label: '量词' },
      { name: 'sortOrder', label: '排序' },
      { name: 'active', label: '启用' },
    ],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values),
  });

  const submit = (values: DictionaryItemInput, version = guard.version) => {
    const input: DictionaryItemInput = {
      value: values.value.trim(),
      label: values.label.trim(),
      sortOrder: values.sortOrder ?? 0,
      active: values.active,
      measure: values.measure?.trim() || null,
    };
    const done = {
      onSuccess: (saved: DictionaryItem) => {
        guard.succeeded(saved);
        void message.success(editing?.mode === 'edit' ? '字典项已保存' : '字典项已新增');
        onClose();
      },
      onError: (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    };
    if (editing?.mode === 'edit') update.mutate({ id: editing.item.id, version: version ?? editing.item.version, ...input }, done);
    else create.mutate({ code, ...input, idempotencyKey: guard.keyFor(input) }, done);
  };
  const onFinish = (values: DictionaryItemInput) => submit(values);

  return (
    <FormModal<DictionaryItemInput>
      open={editing !== null}
      title={editing?.mode === 'edit' ? '编辑字典项' : '新增字典项'}
      name="dictionary-item"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      initialValues={editing?.mode === 'edit' ? formValuesOf(editing.item) : { sortOrder: nextSortOrder, active: true }}
    >
      {guard.dialog}
      <Form.Item
        label="编码值"
        name="value"
        extra="保存在记录中的值,已被使用后不宜修改"
        rules={[
          { required: true, whitespace: true, message: '请填写编码值' },
          { max: 40, message: '编码值不能超过40个字' },
        ]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="名称"
        name="label"
        rules={[
          { required: true, whitespace: true, message: '请填写名称' },
          { max: 50, message: '名称不能超过50个字' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        label="量词"
        name="measure"
        extra="工作总结按此量词计数,如研发中心2个、高新技术企业3家;不填则用该项统计的默认单位(项、次)"
        rules={[{ max: 4, message: '量词不能超过4个字' }]}
      >
        <Input style={{ width: 120 }} placeholder="如 个、家" />
      </Form.Item>
      <Form.Item label="排序" name="sortOrder" rules={[{ required: true, message: '请填写排序' }]}>
        <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="启用" name="active" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
