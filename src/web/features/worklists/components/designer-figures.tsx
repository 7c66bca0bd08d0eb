import { Alert, Button, Flex, Form, Input, Select, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FIGURE_KINDS, FIGURE_KIND_LABELS } from '../../../../shared/worklists.js';
import { type DesignerValues, type FieldRow, type FigureRow, newFigure } from './designer-form';

const CLEARS_ERROR = [{ validator: () => Promise.resolve() }];
const KIND_OPTIONS = FIGURE_KINDS.map((k) => ({ value: k, label: FIGURE_KIND_LABELS[k] }));

/**
 * 可统计项: what the work summary may count from this list — the items, by status, by a choice
 * field's options, or the sum of number/money fields — optionally only items with one option.
 */
export function FiguresEditor({ form, errors }: { form: FormInstance<DesignerValues>; errors?: string[] }) {
  const fields = ((Form.useWatch('fields', { form, preserve: true }) as FieldRow[] | undefined) ?? []).filter((f) => !f.hidden && f.label?.trim());
  const figures = (Form.useWatch('figures', { form, preserve: true }) as FigureRow[] | undefined) ?? [];
  const choiceFields = fields.filter((f) => f.type === 'choice');
  const numberFields = fields.filter((f) => f.type === 'number' || f.type === 'money');
  const option = (f: FieldRow) => ({
    value: f.key,
    label: f.type === 'number' && f.unit ? `${f.label}(${f.unit})` : f.type === 'money' ? `${f.label}(元)` : f.label,
  });

  return (
    <Form.List name="figures">
      {(items, { add, remove }) => (
        <>
          {items.map(({ key, name }, index) => {
            const row = figures[name];
            const n = index + 1;
            const filterField = choiceFields.find((f) => f.key === row?.filterFieldKey);
            return (
              <div
                key={key}
                data-testid={`designer-figure-${index}`}
                style={{ border: '1px solid #e8ecf2', borderRadius: 4, padding: '10px 12px', marginBottom: 8 }}
              >
                <Flex gap={8} wrap align="flex-start">
                  <Typography.Text type="secondary" style={{ width: 20, lineHeight: '32px' }}>
                    {n}
                  </Typography.Text>
                  <Form.Item
                    name={[name, 'label']}
                    rules={[
                      { required: true, whitespace: true, message: '请填写统计项名称' },
                      { max: 40, message: '统计项名称不能超过40个字' },
                    ]}
                    style={{ marginBottom: 0, width: 180 }}
                  >
                    <Input placeholder="统计项名称(如 查摆问题)" aria-label={`统计项${n}名称`} />
                  </Form.Item>
                  <Form.Item name={[name, 'kind']} rules={CLEARS_ERROR} style={{ marginBottom: 0, width: 130 }}>
                    <Select options={KIND_OPTIONS} aria-label={`统计项${n}方式`} />
                  </Form.Item>
                  {row?.kind === 'countByChoice' ? (
                    <Form.Item name={[name, 'fieldKey']} rules={CLEARS_ERROR} style={{ marginBottom: 0, width: 170 }}>
                      <Select options={choiceFields.map(option)} placeholder="按哪个选项字段" aria-label={`统计项${n}选项字段`} />
                    </Form.Item>
                  ) : null}
                  {row?.kind === 'sum' ? (
                    <Form.Item name={[name, 'fieldKeys']} rules={CLEARS_ERROR} style={{ marginBottom: 0, minWidth: 220, flex: 1 }}>
                      <Select mode="multiple" options={numberFields.map(option)} placeholder="合计哪些数值或金额字段" aria-label={`统计项${n}合计字段`} />
                    </Form.Item>
                  ) : null}
                  <Form.Item name={[name, 'filterFieldKey']} rules={CLEARS_ERROR} style={{ marginBottom: 0, width: 160 }}>
                    <Select
                      allowClear
                      options={choiceFields.map(option)}
                      placeholder="只统计(可选)"
                      aria-label={`统计项${n}筛选字段`}
                      onChange={() => form.setFieldValue(['figures', name, 'filterValue'], null)}
                    />
                  </Form.Item>
                  {row?.filterFieldKey ? (
                    <Form.Item name={[name, 'filterValue']} rules={CLEARS_ERROR} style={{ marginBottom: 0, width: 140 }}>
                      <Select
                        options={(filterField?.options ?? []).map((o) => ({ value: o, label: o }))}
                        placeholder="为哪个选项"
                        aria-label={`统计项${n}筛选值`}
                      />
                    </Form.Item>
                  ) : null}
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(name)}
                    aria-label={`删除统计项${n}`}
                    style={{ marginInlineStart: 'auto', marginTop: 4 }}
                  />
                </Flex>
              </div>
            );
          })}
          {errors?.length ? <Alert type="error" showIcon title={errors.join(';')} style={{ marginBottom: 8 }} /> : null}
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newFigure())}>
              添加统计项
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              工作总结中可引用的数字,均从条目统计而来。
            </Typography.Text>
          </Flex>
        </>
      )}
    </Form.List>
  );
}
