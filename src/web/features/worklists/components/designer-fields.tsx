import { Alert, Button, Checkbox, Flex, Form, Input, Popconfirm, Select, Space, Tag, Tooltip, Typography, type FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EyeInvisibleOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { FIELD_TYPES, FIELD_TYPE_LABELS } from '../../../../shared/worklists.js';
import { useWorklists } from '../api/worklists';
import { type DesignerValues, type FieldRow, newField } from './designer-form';

const TYPE_OPTIONS = FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }));

/** Rows that only clear their server-set error when edited (the real check is the shared schema on save). */
const CLEARS_ERROR = [{ validator: () => Promise.resolve() }];

const rowStyle = (hidden: boolean) => ({
  border: '1px solid #e8ecf2',
  borderRadius: 4,
  padding: '10px 12px',
  marginBottom: 8,
  background: hidden ? '#fafafa' : '#fff',
});

/**
 * 字段: label, type, required, and what the type needs (unit, options, the linked list), in order.
 * A saved field is hidden rather than removed, so what was entered in it stays.
 */
export function FieldsEditor({ form, listId, errors }: { form: FormInstance<DesignerValues>; listId: number | null; errors?: string[] }) {
  const rows = Form.useWatch('fields', { form, preserve: true }) as FieldRow[] | undefined;
  const lists = useWorklists(false);
  const targetOptions = (lists.data ?? []).filter((l) => l.id !== listId).map((l) => ({ value: l.id, label: l.name }));

  return (
    <Form.List name="fields">
      {(items, { add, remove, move }) => (
        <>
          {items.map(({ key, name }, index) => {
            const row = rows?.[name];
            const hidden = !!row?.hidden;
            const n = index + 1;
            const onRemove = () => {
              if (!row?.saved) {
                remove(name);
                return;
              }
              form.setFieldValue(['fields', name, 'hidden'], true);
              if (form.getFieldValue('titleFieldKey') === row.key) form.setFieldValue('titleFieldKey', null);
            };
            return (
              <div key={key} data-testid={`designer-field-${index}`} style={rowStyle(hidden)}>
                <Flex gap={8} wrap align="flex-start">
                  <Typography.Text type="secondary" style={{ width: 20, lineHeight: '32px' }}>
                    {n}
                  </Typography.Text>
                  <Form.Item
                    name={[name, 'label']}
                    rules={[
                      { required: true, whitespace: true, message: '请填写字段名称' },
                      { max: 30, message: '字段名称不能超过30个字' },
                    ]}
                    style={{ marginBottom: 0, width: 180 }}
                  >
                    <Input placeholder="字段名称" aria-label={`字段${n}名称`} disabled={hidden} />
                  </Form.Item>
                  <Form.Item name={[name, 'type']} rules={CLEARS_ERROR} style={{ marginBottom: 0, width: 150 }}>
                    <Select options={TYPE_OPTIONS} aria-label={`字段${n}类型`} disabled={hidden} virtual={false} listHeight={400} />
                  </Form.Item>
                  <Form.Item name={[name, 'required']} valuePropName="checked" style={{ marginBottom: 0, lineHeight: '32px' }}>
                    <Checkbox disabled={hidden}>必填</Checkbox>
                  </Form.Item>
                  {row?.type === 'number' ? (
                    <Form.Item name={[name, 'unit']} rules={[{ max: 10, message: '单位不能超过10个字' }]} style={{ marginBottom: 0, width: 110 }}>
                      <Input placeholder="单位(如 人、份)" aria-label={`字段${n}单位`} disabled={hidden} />
                    </Form.Item>
                  ) : null}
                  {row?.type === 'choice' ? (
                    <Form.Item
                      name={[name, 'options']}
                      rules={[{ required: true, type: 'array', min: 1, message: '选项字段至少需要一个选项' }]}
                      style={{ marginBottom: 0, minWidth: 240, flex: 1 }}
                    >
                      <Select
                        mode="tags"
                        tokenSeparators={[',', ',', '、']}
                        placeholder="输入选项后回车"
                        notFoundContent={null}
                        suffixIcon={null}
                        aria-label={`字段${n}选项`}
                        disabled={hidden}
                      />
                    </Form.Item>
                  ) : null}
                  {row?.type === 'item' ? (
                    <Form.Item name={[name, 'targetListId']} rules={[{ required: true, message: '请选择关联的台账' }]} style={{ marginBottom: 0, width: 200 }}>
                      <Select
                        options={targetOptions}
                        loading={lists.isPending}
                        placeholder="关联哪个台账的条目"
                        aria-label={`字段${n}关联台账`}
                        disabled={hidden}
                      />
                    </Form.Item>
                  ) : null}
                  <Space size={0} style={{ marginInlineStart: 'auto' }}>
                    {hidden ? (
                      <>
                        <Tag icon={<EyeInvisibleOutlined />}>已隐藏,内容仍保留</Tag>
                        <Button type="link" size="small" icon={<UndoOutlined />} onClick={() => form.setFieldValue(['fields', name, 'hidden'], false)}>
                          恢复
                        </Button>
                      </>
                    ) : (
                      <>
                        <Tooltip title="上移">
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={index === 0}
                            onClick={() => move(index, index - 1)}
                            aria-label={`字段${n}上移`}
                          />
                        </Tooltip>
                        <Tooltip title="下移">
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={index === items.length - 1}
                            onClick={() => move(index, index + 1)}
                            aria-label={`字段${n}下移`}
                          />
                        </Tooltip>
                        {row?.saved ? (
                          <Popconfirm title="隐藏这个字段?" description="隐藏后已填内容仍保留,可随时恢复。" okText="隐藏" onConfirm={onRemove}>
                            <Button type="text" size="small" danger icon={<EyeInvisibleOutlined />} aria-label={`隐藏字段${n}`} />
                          </Popconfirm>
                        ) : (
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={`删除字段${n}`} />
                        )}
                      </>
                    )}
                  </Space>
                </Flex>
              </div>
            );
          })}
          {errors?.length ? <Alert type="error" showIcon title={errors.join(';')} style={{ marginBottom: 8 }} /> : null}
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newField())}>
              添加字段
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              已有字段不会被删除,只会隐藏:隐藏后已填内容仍保留。
            </Typography.Text>
          </Flex>
        </>
      )}
    </Form.List>
  );
}
