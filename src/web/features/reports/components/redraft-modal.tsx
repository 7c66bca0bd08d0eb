import { Alert, Button, Empty, List, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { Redraft } from '../api/reports';
import { allParagraphs, factLabel } from './doc-model';

interface RedraftModalProps {
  redraft: Redraft | null;
  /** The version the redraft would follow. */
  baseVersion: number;
  hasUnsavedEdits: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
}

/** 重新起草: the figures the ledgers changed (before → after) and the hand-edited paragraphs kept; saved as a new version or discarded. */
export function RedraftModal({ redraft, baseVersion, hasUnsavedEdits, saving, onSave, onDiscard }: RedraftModalProps) {
  const headings = new Map<string, string>([['opening', '开头']]);
  const paragraphs = redraft ? allParagraphs(redraft.doc) : [];
  for (const p of paragraphs) if (p.sectionKey !== 'opening') headings.set(p.sectionKey, p.heading);
  const kept = redraft ? paragraphs.filter((p) => redraft.keptParagraphs.includes(p.paragraph.key)) : [];
  // A changed figure inside a paragraph kept as edited by hand is not updated: the text still says the old one.
  const notUpdated = new Set(kept.flatMap((p) => p.paragraph.figures.map((f) => f.factKey)));

  return (
    <Modal
      open={!!redraft}
      title="按当前台账重新起草"
      onCancel={onDiscard}
      width={820}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onDiscard}>放弃</Button>
          <Button type="primary" loading={saving} onClick={onSave}>
            保存为第{baseVersion + 1}版
          </Button>
        </Space>
      }
    >
      {redraft ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {hasUnsavedEdits ? (
            <Alert
              type="warning"
              showIcon
              title={`重新起草以已保存的第${baseVersion}版为准,本页尚未保存的修改不会带入。`}
            />
          ) : null}
          <div>
            <Typography.Title level={5}>数字变化</Typography.Title>
            {redraft.changes.length ? (
              <Table
                size="small"
                rowKey={(c) => `${c.sectionKey}|${c.factKey}`}
                pagination={false}
                dataSource={redraft.changes}
                columns={[
                  { title: '段落', key: 'section', width: 200, render: (_, c) => headings.get(c.sectionKey) ?? c.sectionKey },
                  { title: '统计项', key: 'fact', render: (_, c) => <span title={c.factKey}>{factLabel(c.factKey)}</span> },
                  {
                    title: '原来 → 现在',
                    key: 'change',
                    render: (_, c) => (
                      <span data-testid="redraft-change">
                        <Typography.Text delete={c.before !== null} type={c.before === null ? 'secondary' : undefined}>
                          {c.before ?? '(无)'}
                        </Typography.Text>{' '}
                        <ArrowRightOutlined style={{ color: '#8c8c8c' }} />{' '}
                        <Typography.Text strong type={c.after === null ? 'secondary' : undefined}>
                          {c.after ?? '(不再写入)'}
                        </Typography.Text>
                      </span>
                    ),
                  },
                  {
                    title: '',
                    key: 'kept',
                    width: 150,
                    render: (_, c) =>
                      notUpdated.has(c.factKey) ? (
                        <Tooltip title="这个数字所在的段落经人修改过,重新起草时原样保留;如需更新,请在保存后手工修改该段。">
                          <Tag color="orange">段落保留,未更新</Tag>
                        </Tooltip>
                      ) : (
                        <Tag color="green">将更新</Tag>
                      ),
                  },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="台账数据没有变化,数字与当前版本一致" />
            )}
          </div>
          <div>
            <Typography.Title level={5}>保留的手工修改</Typography.Title>
            {kept.length ? (
              <>
                <Typography.Paragraph type="secondary">这些段落起草后经人修改过,重新起草时原样保留,其中的数字不会自动更新:</Typography.Paragraph>
                <List
                  size="small"
                  bordered
                  dataSource={kept}
                  renderItem={(p) => (
                    <List.Item data-testid="redraft-kept">
                      <div>
                        <Typography.Text strong>{p.heading}</Typography.Text>
                        <div>
                          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 700 }}>
                            {p.paragraph.text}
                          </Typography.Text>
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </>
            ) : (
              <Typography.Text type="secondary">没有手工修改过的段落,全文按当前台账重写。</Typography.Text>
            )}
          </div>
        </Space>
      ) : null}
    </Modal>
  );
}
