import type { KeyboardEvent, ReactNode } from 'react';
import { Button, Flex, Input, Space, Tooltip, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { DraftDoc, FigureRef, Paragraph } from '../../../../shared/reports.js';
import type { StaleFigure } from '../api/reports';
import { AppendixView } from './appendix-view';
import { droppedFigures, segmentParagraph } from './doc-model';
import './report-paper.css';

/** Block ids of what can be edited: the title, a section's heading, a paragraph. */
export const TITLE_BLOCK = 'title';
export const headingBlock = (sectionKey: string) => `heading:${sectionKey}`;
export const paragraphBlock = (paragraphKey: string) => `p:${paragraphKey}`;

export interface DocumentEditing {
  /** Blocks open for editing, with the text typed so far. */
  drafts: Record<string, string>;
  onStart: (block: string, text: string) => void;
  onChange: (block: string, text: string) => void;
  onDone: (block: string) => void;
  onCancel: (block: string) => void;
}

interface DocumentViewProps {
  doc: DraftDoc;
  /** Editing controls; a document without them is read-only. */
  editing?: DocumentEditing;
  stale?: Map<string, StaleFigure>;
  activeFigureId?: string | null;
  onFigureClick?: (figure: FigureRef, paragraphKey: string) => void;
  testId?: string;
}

/** The summary as an official document: title centred, bold headings, paragraphs indented two characters. */
export function DocumentView({ doc, editing, stale, activeFigureId, onFigureClick, testId }: DocumentViewProps) {
  const block = (id: string, text: string, view: ReactNode, options: { multiline: boolean; label: string; paragraph?: Paragraph }) => (
    <EditableBlock id={id} text={text} editing={editing} label={options.label} multiline={options.multiline} paragraph={options.paragraph}>
      {view}
    </EditableBlock>
  );
  const paragraph = (p: Paragraph, label: string) =>
    block(
      paragraphBlock(p.key),
      p.text,
      <p className="kg-paper-paragraph">
        <ParagraphText paragraph={p} stale={stale} activeFigureId={activeFigureId} onFigureClick={onFigureClick} />
      </p>,
      { multiline: true, label, paragraph: p },
    );

  return (
    <div className={editing ? 'kg-paper' : 'kg-paper kg-paper-readonly'} data-testid={testId}>
      {block(TITLE_BLOCK, doc.title, <h1 className="kg-paper-title">{doc.title}</h1>, { multiline: false, label: '标题' })}
      {doc.opening.text ? paragraph(doc.opening, '开头段') : null}
      {doc.sections.map((s) => (
        <section key={s.key} data-testid={editing ? `section-${s.key}` : undefined}>
          {block(
            headingBlock(s.key),
            s.heading,
            <h2 className="kg-paper-heading" style={{ fontSize: 'inherit' }}>
              {s.heading}
            </h2>,
            {
              multiline: false,
              label: `“${s.heading}”标题`,
            },
          )}
          {s.paragraphs.map((p, i) => (
            <div key={p.key}>{paragraph(p, s.paragraphs.length > 1 ? `${s.heading}第${i + 1}段` : `${s.heading}段落`)}</div>
          ))}
        </section>
      ))}
      {doc.appendix?.columns.length ? <AppendixView appendix={doc.appendix} /> : null}
    </div>
  );
}

interface EditableBlockProps {
  id: string;
  text: string;
  editing?: DocumentEditing;
  label: string;
  multiline: boolean;
  paragraph?: Paragraph;
  children: ReactNode;
}

/** One title, heading or paragraph: shown as laid out, or as a text box while it is being edited. */
function EditableBlock({ id, text, editing, label, multiline, paragraph, children }: EditableBlockProps) {
  if (!editing) return <>{children}</>;
  const draft = editing.drafts[id];
  const testId = paragraph ? { 'data-testid': 'paragraph', 'data-paragraph-key': paragraph.key } : {};
  if (draft === undefined) {
    return (
      <div className="kg-block kg-block-editable" {...testId}>
        {children}
        <div className="kg-block-actions">
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => editing.onStart(id, text)} aria-label={`编辑${label}`}>
            编辑
          </Button>
        </div>
      </div>
    );
  }
  const dropped = paragraph ? droppedFigures(paragraph, draft) : [];
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') editing.onCancel(id);
    else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || !multiline)) {
      e.preventDefault();
      editing.onDone(id);
    }
  };
  return (
    <div className="kg-block kg-block-edit" {...testId} data-editing="true">
      {multiline ? (
        <Input.TextArea
          value={draft}
          onChange={(e) => editing.onChange(id, e.target.value)}
          onKeyDown={onKeyDown}
          autoSize={{ minRows: 2 }}
          autoFocus
          aria-label={label}
        />
      ) : (
        <Input value={draft} onChange={(e) => editing.onChange(id, e.target.value)} onKeyDown={onKeyDown} autoFocus aria-label={label} />
      )}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6, fontSize: 13, lineHeight: 1.5 }}>
        <Typography.Text type={dropped.length ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {dropped.length
            ? `改动后文中不再出现的数字将不能溯源:${dropped.map((f) => f.text).join('、')}`
            : paragraph?.figures.length
              ? '数字保持原样即可继续溯源;Ctrl+Enter 完成,Esc 取消'
              : multiline
                ? 'Ctrl+Enter 完成,Esc 取消'
                : 'Enter 完成,Esc 取消'}
        </Typography.Text>
        <Space size={8}>
          <Button size="small" onClick={() => editing.onCancel(id)}>
            取消
          </Button>
          <Button size="small" type="primary" onClick={() => editing.onDone(id)} disabled={!draft.trim()}>
            完成
          </Button>
        </Space>
      </Flex>
    </div>
  );
}

interface ParagraphTextProps {
  paragraph: Paragraph;
  stale?: Map<string, StaleFigure>;
  activeFigureId?: string | null;
  onFigureClick?: (figure: FigureRef, paragraphKey: string) => void;
}

/** The paragraph's text with its figures marked: clickable (to their source) when the document is interactive. */
export function ParagraphText({ paragraph, stale, activeFigureId, onFigureClick }: ParagraphTextProps) {
  return (
    <>
      {segmentParagraph(paragraph).map((seg, i) => {
        if (seg.kind === 'text') return <span key={i}>{seg.text}</span>;
        const f = seg.figure;
        const staleFigure = stale?.get(f.id);
        const classes = ['kg-figure'];
        if (onFigureClick) classes.push('kg-figure-interactive');
        if (staleFigure) classes.push('kg-figure-stale');
        if (activeFigureId === f.id) classes.push('kg-figure-active');
        const open = () => onFigureClick?.(f, paragraph.key);
        const mark = onFigureClick ? (
          <mark
            key={i}
            className={classes.join(' ')}
            data-testid="figure"
            data-fact-key={f.factKey}
            data-figure-id={f.id}
            data-stale={staleFigure ? 'true' : undefined}
            role="button"
            tabIndex={0}
            onClick={open}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                open();
              }
            }}
          >
            {seg.text}
          </mark>
        ) : (
          <mark key={i} className={classes.join(' ')}>
            {seg.text}
          </mark>
        );
        return staleFigure ? (
          <Tooltip key={i} title={`数据已变化,现为${staleFigure.now}`}>
            {mark}
          </Tooltip>
        ) : (
          mark
        );
      })}
    </>
  );
}
