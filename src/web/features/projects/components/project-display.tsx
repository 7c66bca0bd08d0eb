import { Tag } from 'antd';
import { STAGE_LABELS, type Stage } from '../../../../shared/projects.js';

/** One color per stage: the pipeline moves from grey through blue to green and purple; exits are warm. */
export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  pool: 'cyan',
  applied: 'blue',
  approved: 'green',
  ongoing: 'geekblue',
  accepted: 'purple',
  rejected: 'orange',
  stopped: 'red',
};

export function StageTag({ stage }: { stage: Stage }) {
  return (
    <Tag color={STAGE_COLORS[stage]} style={{ marginInlineEnd: 0 }}>
      {STAGE_LABELS[stage]}
    </Tag>
  );
}

/** An amount in 万元 with at most 4 decimals and no trailing zeros: 12.5 → "12.5"; '—' when empty. */
export function formatWan(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 4, useGrouping: false });
}

/** The same with its unit, for descriptions: "12.5 万元". */
export function formatWanWithUnit(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatWan(value)} 万元`;
}
