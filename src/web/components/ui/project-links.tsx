import { List } from 'antd';
import { Link } from 'react-router';
import type { Stage } from '../../../shared/projects.js';
import { StageTag } from './stage-tag';

/** Projects that belong to another record (an enterprise's projects, a visit's leads): each title opens the project, its stage beside it. */
export function ProjectLinks({ projects, emptyText }: { projects: { id: number; title: string; stage: Stage }[]; emptyText: string }) {
  return (
    <List
      size="small"
      dataSource={projects}
      locale={{ emptyText }}
      renderItem={(p) => (
        <List.Item extra={<StageTag stage={p.stage} />}>
          <Link to={`/projects/${p.id}`}>{p.title}</Link>
        </List.Item>
      )}
    />
  );
}
