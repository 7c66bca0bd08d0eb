import { Tag } from 'antd';
import { STAGE_COLORS, STAGE_LABELS, type Stage } from '../../../shared/projects.js';

/** A project's stage as a colored tag, the same on every page that lists projects. */
export function StageTag({ stage }: { stage: Stage }) {
  return (
    <Tag color={STAGE_COLORS[stage]} style={{ marginInlineEnd: 0 }}>
      {STAGE_LABELS[stage]}
    </Tag>
  );
}
