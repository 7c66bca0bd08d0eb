import { useRef } from 'react';
import { App, Button, Card, Col, Divider, Empty, Form, Input, Row, Select, Space, Timeline, Typography } from 'antd';
import { SwapRightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ItemDetail, ProgressEntry, Worklist } from '../../../../shared/worklists.js';
import { showApiError } from '../../../lib/form';
import { useRefreshIfStale } from '../../../lib/record-conflict';
import { SubmissionKeys } from '../../../lib/versions';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useAddProgress } from '../api/items';
import { DateStringPicker } from './field-input';
import { ItemStatusTag, isDoneStatus, statusLabel } from './worklist-display';

interface ProgressFormValues {
  entryDate: string;
  toStatus?: string | null;
  content: string;
}

function entryItems(list: Worklist, progress: ProgressEntry[]) {
  return progress.map((p) => {
    const closes = isDoneStatus(list, p.toStatus);
    return {
      key: p.id,
      color: closes ? 'green' : p.toStatus ? 'blue' : 'gray',
      content: (
        <div data-testid={`progress-entry-${p.id}`}>
          <Space size={6} wrap>
            <Typography.Text strong>{formatDate(p.entryDate)}</Typography.Text>
            {p.toStatus ? (
              p.fromStatus ? (
                <>
                  <ItemStatusTag label={statusLabel(list, p.fromStatus)} done={isDoneStatus(list, p.fromStatus)} />
                  <SwapRightOutlined style={{ color: '#8c8c8c' }} />
                  <ItemStatusTag label={statusLabel(list, p.toStatus)} done={closes} />
                </>
              ) : (
                <>
                  <Typography.Text type="secondary">登记为</Typography.Text>
                  <ItemStatusTag label={statusLabel(list, p.toStatus)} done={closes} />
                </>
              )
            ) : null}
          </Space>
          <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>
            {closes ? <Typography.Text type="secondary">销号说明:</Typography.Text> : null}
            {p.content}
          </div>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.userDisplayName ?? '—'} · 记录于 {formatDateTime(p.createdAt)}
            </Typography.Text>
          </div>
        </div>
      ),
    };
  });
}

/**
 * 进展记录: the item's dated entries, oldest first, and the 记录进展 form that may also move its status
 * (for those who may change the item: its `policies.update` covers progress).
 */
export function ProgressCard({ list, item }: { list: Worklist; item: ItemDetail }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressFormValues>();
  const add = useAddProgress();
  const refreshIfStale = useRefreshIfStale();
  const keys = useRef(new SubmissionKeys());
  const toStatus = Form.useWatch('toStatus', form);
  const closing = isDoneStatus(list, toStatus);
  const contentLabel = closing ? '销号说明' : '进展情况';

  const onFinish = (values: ProgressFormValues) => {
    const entry = { entryDate: values.entryDate, content: values.content.trim(), toStatus: values.toStatus ?? null };
    // Based on the item as shown: when someone closed or moved it meanwhile, the entry is refused (409).
    add.mutate(
      { id: item.id, version: item.version, ...entry, idempotencyKey: keys.current.keyFor({ id: item.id, ...entry }) },
      {
        onSuccess: (after) => {
          keys.current.succeeded();
          void message.success(after.status !== item.status ? `已记录进展,状态变为“${after.statusLabel}”` : '已记录进展');
          form.resetFields();
        },
        onError: (error) => {
          refreshIfStale(error);
          showApiError(message, error, form);
        },
      },
    );
  };

  return (
    <Card title="进展记录">
      {item.progress.length ? <Timeline items={entryItems(list, item.progress)} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无进展记录" />}
      {item.policies.update ? (
        <>
          <Divider style={{ margin: '8px 0 16px' }} />
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            记录进展
          </Typography.Title>
          <Form<ProgressFormValues>
            form={form}
            name="worklist-progress"
            layout="vertical"
            onFinish={onFinish}
            initialValues={{ entryDate: dayjs().format('YYYY-MM-DD'), toStatus: null, content: '' }}
          >
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item label="日期" name="entryDate" rules={[{ required: true, message: '请选择日期' }]}>
                  <DateStringPicker disabledFuture />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label="变更状态" name="toStatus" extra={closing ? '变为此状态即销号' : undefined}>
                  <Select
                    allowClear
                    placeholder="不变更"
                    options={list.statuses.filter((s) => s.key !== item.status).map((s) => ({ value: s.key, label: s.done ? `${s.label}(销号)` : s.label }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              label={contentLabel}
              name="content"
              rules={[
                { required: true, whitespace: true, message: `请填写${contentLabel}` },
                { max: 2000, message: `${contentLabel}不能超过2000个字` },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={closing ? '办结情况、整改结果等' : '做了什么、进展到哪一步'} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              提交
            </Button>
          </Form>
        </>
      ) : null}
    </Card>
  );
}
