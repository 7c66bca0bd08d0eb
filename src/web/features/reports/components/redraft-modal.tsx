import { useState } from 'react';
import { Alert, Button, Empty, List, Modal, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { CatalogueIndex } from '../../../../shared/fact-catalogue.js';
import type { Redraft, RedraftTemplate } from '../api/reports';
import { allParagraphs, factLabel, redraftSummary } from './doc-model';
import { DraftWarnings } from './draft-warnings';

interface RedraftChoiceProps {
  open: boolean;
  templateName: string;
  /** False when the report's template has been deleted: only its own copy is left. */
  templateExists: boolean;
  loading: boolean;
  onChoose: (template: RedraftTemplate) => void;
  onCancel: () => void;
}

/** 重新起草 asks first: the report's template as it was when drafted, or the template's current version. */
export function RedraftChoiceModal({ open, templateName, templateExists, loading, onChoose, onCancel }: RedraftChoiceProps) {
  const [choice, setChoice] = useState<RedraftTemplate>('report');
  return (
    <Modal
      open={open}
      title="重新起草"
      onCancel={onCancel}
      destroyOnHidden
      afterOpenChange={(visible) => {
        // Back to the report's own template once closed: resetting when the opening animation ends
        // would undo a choice made quickly while it was still opening.
        if (!visible) setChoice('report');
      }}
      footer={
        <Space>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" loading={loading} onClick={() => onChoose(choice)}>
            重新起草
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        按当前台账重新统计全部数字;手工改过的句子原样保留,同段其余句子照常更新。重新起草的结果先给您看,保存后才成为新版本。用哪一版模板?
      </Typography.Paragraph>
      <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as RedraftTemplate)} style={{ width: '100%' }}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Radio value="report">
            <div>
              <Typography.Text strong>起草时的模板</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  模板“{templateName}”在这份总结起草时的样子:段落和句式不变,只更新数字。
                </Typography.Text>
              </div>
            </div>
          </Radio>
          <Radio value="current" disabled={!templateExists}>
            <div>
              <Typography.Text strong>模板的当前版本</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {templateExists
                    ? `模板“${templateName}”现在保存的段落和句式(起草后修改过的会用上)。`
                    : '这份总结所用的模板已删除,只能按起草时的模板重新起草。'}
                </Typography.Text>
              </div>
            </div>
          </Radio>
        </Space>
      </Radio.Group>
    </Modal>
  );
}

interface RedraftModalProps {
  redraft: Redraft | null;
  /** The version the redraft would follow. */
  baseVersion: number;
  hasUnsavedEdits: boolean;
  saving: boolean;
  /** The bureau's fact catalogue, to name the figures' facts (its work lists' included). */
  facts?: CatalogueIndex;
  canEditTemplates?: boolean;
  onSave: () => void;
  onDiscard: () => void;
}

/**
 * 重新起草的结果: whether the template or the data changed, the figures that changed (before → after)
 * and the hand-edited sentences kept (each with the fresh draft's text beside it) or, when a
 * paragraph's sentences cannot be paired, the whole paragraphs kept; saved as a new version or discarded.
 */
export function RedraftModal({ redraft, baseVersion, hasUnsavedEdits, saving, facts, canEditTemplates, onSave, onDiscard }: RedraftModalProps) {
  const headings = new Map<string, string>([['opening', '开头']]);
  const paragraphs = redraft ? allParagraphs(redraft.doc) : [];
  for (const p of paragraphs) if (p.sectionKey !== 'opening') headings.set(p.sectionKey, p.heading);
  const kept = redraft ? paragraphs.filter((p) => redraft.keptParagraphs.includes(p.paragraph.key)) : [];
  const sentences = redraft?.keptSentences ?? [];
  const nothingChanged = !!redraft && !redraft.templateChanged && !redraft.dataChanged;

  return (
    <Modal
      open={!!redraft}
      title={redraft?.template === 'current' ? '按模板的当前版本重新起草' : '按起草时的模板重新起草'}
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
          <Alert type={nothingChanged ? 'success' : 'info'} showIcon data-testid="redraft-summary" title={redraftSummary(redraft)} />
          {hasUnsavedEdits ? <Alert type="warning" showIcon title={`重新起草以已保存的第${baseVersion}版为准,本页尚未保存的修改不会带入。`} /> : null}
          <DraftWarnings warnings={redraft.doc.warnings} canEditTemplates={canEditTemplates} />
          <div>
            <Typography.Title level={5}>变化的数字{redraft.changes.length ? `(${redraft.changes.length})` : ''}</Typography.Title>
            {redraft.changes.length ? (
              <Table
                size="small"
                rowKey={(c) => `${c.sectionKey}|${c.factKey}`}
                pagination={false}
                dataSource={redraft.changes}
                columns={[
                  { title: '段落', key: 'section', width: 200, render: (_, c) => headings.get(c.sectionKey) ?? c.sectionKey },
                  { title: '统计项', key: 'fact', render: (_, c) => <span title={c.factKey}>{factLabel(c.factKey, facts)}</span> },
                  {
                    title: '原来 → 现在',
                    key: 'change',
                    render: (_, c) => (
                      <span data-testid="redraft-change" data-fact-key={c.factKey}>
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
                      c.applied ? (
                        <Tag color="green">将更新</Tag>
                      ) : (
                        <Tooltip title="这个数字所在的句子经人修改过,重新起草时原样保留;如需更新,请在保存后手工修改该句。">
                          <Tag color="orange">句子保留,未更新</Tag>
                        </Tooltip>
                      ),
                  },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="数字与当前版本一致" />
            )}
          </div>
          <div>
            <Typography.Title level={5}>保留的手工修改</Typography.Title>
            {sentences.length ? (
              <>
                <Typography.Paragraph type="secondary">
                  这些句子起草后经人修改过,重新起草时保留您写的文字,同段其余句子照常更新;下面同时列出按当前台账起草的写法,需要时可在保存后手工改用:
                </Typography.Paragraph>
                <List
                  size="small"
                  bordered
                  dataSource={sentences}
                  renderItem={(k) => (
                    <List.Item data-testid="redraft-kept-sentence" data-paragraph-key={k.paragraphKey}>
                      <div style={{ width: '100%' }}>
                        <Typography.Text strong>
                          {headings.get(k.sectionKey) ?? k.sectionKey} · 第{k.index + 1}句
                        </Typography.Text>
                        <div>
                          <Tag color="orange">保留(您的修改)</Tag>
                          <Typography.Text data-testid="redraft-kept-mine">{k.text}</Typography.Text>
                        </div>
                        <div>
                          <Tag>按当前台账</Tag>
                          <Typography.Text type="secondary" data-testid="redraft-kept-draft">
                            {k.draft ?? '(新起草的稿中没有对应的句子)'}
                          </Typography.Text>
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </>
            ) : null}
            {kept.length ? (
              <>
                <Typography.Paragraph type="secondary">
                  这些段落起草后经人修改过,逐句无法对应,重新起草时整段原样保留,其中的数字不会自动更新:
                </Typography.Paragraph>
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
            ) : null}
            {!kept.length && !sentences.length ? <Typography.Text type="secondary">没有手工修改过的句子,全文按当前台账重写。</Typography.Text> : null}
          </div>
        </Space>
      ) : null}
    </Modal>
  );
}
