import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { errorMessage } from '../../../lib/api-client';
import { type FactPeriod, usePatternPreview } from '../api/templates';
import './template-editor.css';

/** The value once it has stopped changing for `ms` (a preview is asked for when typing pauses). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface PatternPreviewProps {
  pattern: string;
  period: FactPeriod;
  /** The period in words (2024年上半年). */
  periodLabel: string;
}

/**
 * 预览: the sentence being edited as a draft of the period would write it, or why it would be left
 * out (a figure is zero or has no data), or its problems (a slot naming no fact, an unknown format,
 * an unpaired brace). Asked for when typing pauses; `data-state` says whether it matches the text.
 */
export function PatternPreview({ pattern, period, periodLabel }: PatternPreviewProps) {
  const settled = useDebounced(pattern, 350);
  const preview = usePatternPreview(settled, period);
  const empty = !pattern.trim();
  const pending = !empty && (settled !== pattern || preview.isFetching || preview.isPlaceholderData);
  const data = preview.data;
  const problems = !empty && data ? data.problems : [];

  let body: React.ReactNode;
  let tone = '';
  if (empty) {
    body = <Typography.Text type="secondary">句式为空,写好后在这里预览。</Typography.Text>;
    tone = 'kg-pattern-preview-empty';
  } else if (preview.isError && !pending) {
    body = <Typography.Text type="danger">{errorMessage(preview.error)}</Typography.Text>;
    tone = 'kg-pattern-preview-problem';
  } else if (!data) {
    body = <Typography.Text type="secondary">正在预览…</Typography.Text>;
    tone = 'kg-pattern-preview-empty';
  } else {
    if (problems.length) tone = 'kg-pattern-preview-problem';
    else if (data.text === null) tone = 'kg-pattern-preview-empty';
    body = (
      <>
        {data.text !== null ? (
          <span data-testid="pattern-preview-text">{data.text}</span>
        ) : problems.length ? null : (
          <Typography.Text type="secondary" data-testid="pattern-preview-text">
            这一期间不写这句:其中有数字为零或没有数据。
          </Typography.Text>
        )}
        {problems.map((p, i) => (
          <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="pattern-preview-problem">
            {p.slot ? (
              <Typography.Text code type="danger" style={{ fontSize: 12 }}>
                {p.slot}
              </Typography.Text>
            ) : null}{' '}
            {p.message}
          </Typography.Text>
        ))}
      </>
    );
  }

  return (
    <div className={`kg-pattern-preview ${tone}`} data-testid="pattern-preview" data-state={pending ? 'pending' : 'ready'} aria-live="polite">
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 6 }}>
        预览({periodLabel}):
      </Typography.Text>
      {body}
    </div>
  );
}
