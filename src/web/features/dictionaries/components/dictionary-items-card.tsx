import { Button, Card, Form, Input, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dictionary, DictionaryItem } from '../../../../shared/reference.js';
import { useDictionaryItems } from '../../../lib/reference-data';
import { type DictionaryItemInput, useCreateDictionaryItem, useDeleteDictionaryItem, useUpdateDictionaryItem } from '../api/dictionary-mutations';
import { type ReferenceKind, ReferenceFormModal, ReferenceTable, nextSortOrder, requiredTextRules, useReferenceEditor } from '../../../lib/reference-table';

/** How the form shows a dictionary item. */
function formValuesOf(item: DictionaryItem): DictionaryItemInput {
  return { value: item.value, label: item.label, sortOrder: item.sortOrder, active: item.active, measure: item.measure };
}

const ITEMS: ReferenceKind<DictionaryItem, DictionaryItemInput, DictionaryItemInput> = {
  noun: '字典项',
  columns: [
    {
      title: '编码值',
      dataIndex: 'value',
      key: 'value',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: '名称', dataIndex: 'label', key: 'label' },
    { title: '量词', dataIndex: 'measure', key: 'measure', width: 70, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>),
    },
  ],
  nameOf: (item) => item.label,
  rowTestId: (item) => `dictionary-item-row-${item.value}`,
  deleteNote: '已被记录使用的选项不能删除,可改为停用。',
  form: 'dictionary-item',
  fields: [
    { name: 'value', label: '编码值' },
    { name: 'label', label: '名称' },
    { name: 'measure', label: '量词' },
  ],
  toValues: formValuesOf,
  toInput: (v) => ({ value: v.value.trim(), label: v.label.trim(), sortOrder: v.sortOrder ?? 0, active: v.active, measure: v.measure?.trim() || null }),
  active: true,
};

/** The items of one dictionary: value, label, order and whether new records may still pick it. */
export function DictionaryItemsCard({ dictionary }: { dictionary: Dictionary }) {
  const items = useDictionaryItems(dictionary.code);
  const create = useCreateDictionaryItem();
  const update = useUpdateDictionaryItem();
  const remove = useDeleteDictionaryItem();
  const editor = useReferenceEditor<DictionaryItem>();
  const createInCode = { isPending: create.isPending, mutateAsync: (input: DictionaryItemInput) => create.mutateAsync({ code: dictionary.code, ...input }) };

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
        <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => editor.create({})}>
          新增字典项
        </Button>
      }
    >
      {dictionary.description ? <Typography.Paragraph type="secondary">{dictionary.description}</Typography.Paragraph> : null}
      <ReferenceTable
        kind={ITEMS}
        result={items}
        editor={editor}
        remove={remove}
        emptyText="该字典还没有字典项"
        actionsWidth={130}
        size="middle"
        card={false}
      />
      <ReferenceFormModal
        kind={ITEMS}
        editor={editor}
        create={createInCode}
        update={update}
        createValues={{ sortOrder: nextSortOrder(items.data ?? []), active: true }}
      >
        <Form.Item label="编码值" name="value" extra="保存在记录中的值,已被使用后不宜修改" rules={requiredTextRules('编码值', 40)}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item label="名称" name="label" rules={requiredTextRules('名称', 50)}>
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
      </ReferenceFormModal>
    </Card>
  );
}
