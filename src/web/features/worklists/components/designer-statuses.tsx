import { Alert, Button, Checkbox, Flex, Form, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { newStatus } from './designer-form';

const CLEARS_ERROR = [{ validator: () => Promise.resolve() }];

/**
 * 状态: in order; the first is where new items start (never a done one), and a done status
 * (已完成/销号) closes an item. A status items have been in cannot be removed (the server says which).
 */
export function StatusesEditor({ errors }: { errors?: string[] }) {
  return (
    <Form.List name="statuses">
      {(items, { add, remove, move }) => (
        <>
          {items.map(({ key, name }, index) => {
            const n = index + 1;
            return (
              <div
                key={key}
                data-testid={`designer-status-${index}`}
                style={{ border: '1px solid #e8ecf2', borderRadius: 4, padding: '10px 12px', marginBottom: 8 }}
              >
                <Flex gap={8} wrap align="flex-start">
                  <Typography.Text type="secondary" style={{ width: 20, lineHeight: '32px' }}>
                    {n}
                  </Typography.Text>
                  <Form.Item
                    name={[name, 'label']}
                    rules={[
                      { required: true, whitespace: true, message: '请填写状态名称' },
                      { max: 20, message: '状态名称不能超过20个字' },
                    ]}
                    style={{ marginBottom: 0, width: 180 }}
                  >
                    <Input placeholder="状态名称" aria-label={`状态${n}名称`} />
                  </Form.Item>
                  <Form.Item name={[name, 'done']} valuePropName="checked" rules={CLEARS_ERROR} style={{ marginBottom: 0, lineHeight: '32px' }}>
                    <Checkbox>已完成(销号)</Checkbox>
                  </Form.Item>
                  {index === 0 ? (
                    <Tag color="blue" style={{ marginTop: 5 }}>
                      初始状态
                    </Tag>
                  ) : null}
                  <Space size={0} style={{ marginInlineStart: 'auto' }}>
                    <Tooltip title="上移">
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1)}
                        aria-label={`状态${n}上移`}
                      />
                    </Tooltip>
                    <Tooltip title="下移">
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={index === items.length - 1}
                        onClick={() => move(index, index + 1)}
                        aria-label={`状态${n}下移`}
                      />
                    </Tooltip>
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={items.length <= 1}
                      onClick={() => remove(name)}
                      aria-label={`删除状态${n}`}
                    />
                  </Space>
                </Flex>
              </div>
            );
          })}
          {errors?.length ? <Alert type="error" showIcon title={errors.join(';')} style={{ marginBottom: 8 }} /> : null}
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newStatus())}>
              添加状态
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              第一个状态是新条目的初始状态;变为“已完成(销号)”状态时须填写销号说明。
            </Typography.Text>
          </Flex>
        </>
      )}
    </Form.List>
  );
}
