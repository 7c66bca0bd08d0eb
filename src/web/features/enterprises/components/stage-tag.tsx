import { Tag } from 'antd';
import { STAGE_LABELS, type Stage } from '../../../../shared/projects.js';

// The same colors as the project pages (features do not import each other); a candidate for
// src/shared/projects.ts next to STAGE_LABELS.
const STAGE_COLORS: Record<Stage, string> = {
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
