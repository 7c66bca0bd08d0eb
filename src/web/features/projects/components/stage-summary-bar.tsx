import type { KeyboardEvent } from 'react';
import { Card, Flex, Skeleton, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { PIPELINE, STAGES, STAGE_COLORS, STAGE_LABELS, type Stage } from '../../../../shared/projects.js';
import { QueryError } from '../../../components/ui/query-error';
import { type ProjectsFilter, useStageSummary } from '../api/projects';

// antd's preset tag colors, as the tile's accent line.
const ACCENTS: Record<string, string> = {
  default: '#bfbfbf',
  cyan: '#13c2c2',
  blue: '#1677ff',
  green: '#52c41a',
  geekblue: '#2f54eb',
  purple: '#722ed1',
  orange: '#fa8c16',
  red: '#f5222d',
};

interface StageTileProps {
  label: string;
  count: number | undefined;
  accent: string;
  selected: boolean;
  testId: string;
  onClick: () => void;
}

function StageTile({ label, count, accent, selected, testId, onClick }: StageTileProps) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onClick();
    }
  };
  return (
    <div
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      onClick={onClick}
      onKeyDown={onKeyDown}
      style={{
        cursor: 'pointer',
        minWidth: 84,
        padding: '8px 14px',
        borderRadius: 6,
        border: `1px solid ${selected ? '#1f4e99' : '#e8ecf2'}`,
        borderTop: `3px solid ${accent}`,
        background: selected ? '#eef3fb' : '#fff',
        userSelect: 'none',
      }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {label}
      </Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, lineHeight: '30px', color: selected ? '#1f4e99' : undefined }}>
        <span data-testid={testId}>{count ?? 0}</span>
      </div>
    </div>
  );
}

interface StageSummaryBarProps {
  filter: ProjectsFilter;
  selected: Stage[];
  /** A click on a stage: filter to it, or clear when it is the only stage filtered. */
  onSelect: (stages: Stage[] | undefined) => void;
}

/** 各阶段项目数 under the list's other filters; each tile filters the list to its stage. */
export function StageSummaryBar({ filter, selected, onSelect }: StageSummaryBarProps) {
  const summary = useStageSummary(filter);
  if (summary.isError) return <QueryError error={summary.error} title="阶段统计加载失败" onRetry={() => void summary.refetch()} />;

  const toggle = (stage: Stage) => onSelect(selected.length === 1 && selected[0] === stage ? undefined : [stage]);
  const exits = STAGES.filter((s) => !(PIPELINE as readonly Stage[]).includes(s));

  return (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 12 } }} data-testid="stage-summary">
      {summary.isPending ? (
        <Skeleton active paragraph={false} title={{ width: '60%' }} />
      ) : (
        <Flex gap={8} wrap align="center">
          <StageTile
            label="全部"
            count={summary.data?.total}
            accent="#1f4e99"
            selected={selected.length === 0}
            testId="stage-count-all"
            onClick={() => onSelect(undefined)}
          />
          <div style={{ width: 1, alignSelf: 'stretch', background: '#e8ecf2', margin: '0 4px' }} />
          {PIPELINE.map((stage, i) => (
            <Flex key={stage} align="center" gap={8}>
              {i > 0 ? <RightOutlined style={{ color: '#c0c6d0', fontSize: 10 }} /> : null}
              <StageTile
                label={STAGE_LABELS[stage]}
                count={summary.data?.counts[stage]}
                accent={ACCENTS[STAGE_COLORS[stage]]}
                selected={selected.includes(stage)}
                testId={`stage-count-${stage}`}
                onClick={() => toggle(stage)}
              />
            </Flex>
          ))}
          <div style={{ width: 1, alignSelf: 'stretch', background: '#e8ecf2', margin: '0 4px' }} />
          {exits.map((stage) => (
            <StageTile
              key={stage}
              label={STAGE_LABELS[stage]}
              count={summary.data?.counts[stage]}
              accent={ACCENTS[STAGE_COLORS[stage]]}
              selected={selected.includes(stage)}
              testId={`stage-count-${stage}`}
              onClick={() => toggle(stage)}
            />
          ))}
        </Flex>
      )}
    </Card>
  );
}
