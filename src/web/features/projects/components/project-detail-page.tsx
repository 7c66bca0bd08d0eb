import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, List, Popconfirm, Row, Space, Timeline, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { SwapRightOutlined, UndoOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  NEXT_STAGES,
  PROJECT_LEVEL_LABELS,
  SECTOR_LABELS,
  STAGES,
  STAGE_COLORS,
  STAGE_LABELS,
  type ProjectDetail,
  type StageEvent,
} from '../../../../shared/projects.js';
import { StageTag } from '../../../components/ui/stage-tag';
import { DetailHeader, DetailPage } from '../../../lib/detail-page';
import { showApiError } from '../../../lib/form';
import { useRefreshIfStale } from '../../../lib/record-conflict';
import { useDictionaryItems } from '../../../lib/reference-data';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useDeleteProject, useProject, useUndoProjectStage } from '../api/projects';
import { FollowupsCard } from './followups-card';
import { MilestonesCard } from './milestones-card';
import { formatWanWithUnit } from './project-display';
import { StageChangeModal } from './stage-change-modal';

// Timeline dots take antd's named colors; the stage tag colors map onto them.
const TIMELINE_COLORS: Record<string, string> = {
  default: 'gray',
  cyan: '#13c2c2',
  blue: 'blue',
  green: 'green',
  geekblue: '#2f54eb',
  purple: '#722ed1',
  orange: '#fa8c16',
  red: 'red',
};

function historyItems(history: StageEvent[]) {
  return history.map((e) => ({
    key: e.id,
    color: TIMELINE_COLORS[STAGE_COLORS[e.toStage]],
    content: (
      <div data-testid={`stage-event-${e.id}`}>
        <Space size={6} wrap>
          <Typography.Text strong>{formatDate(e.eventDate)}</Typography.Text>
          {e.fromStage ? (
            <>
              <StageTag stage={e.fromStage} />
              <SwapRightOutlined style={{ color: '#8c8c8c' }} />
            </>
          ) : (
            <Typography.Text type="secondary">登记为</Typography.Text>
          )}
          <StageTag stage={e.toStage} />
        </Space>
        {e.remark ? <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{e.remark}</div> : null}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.userDisplayName ?? '—'} · 记录于 {formatDateTime(e.createdAt)}
          </Typography.Text>
        </div>
      </div>
    ),
  }));
}

const BACK = { to: '/projects', label: '返回项目库' };

/** 项目详情: the project's fields, its stage history, moves along the pipeline and follow-up service. */
export function ProjectDetailPage() {
  return (
    <DetailPage useRecord={useProject} notFound="项目不存在" back={BACK}>
      {(project) => <ProjectDetailView project={project} />}
    </DetailPage>
  );
}

function ProjectDetailView({ project }: { project: ProjectDetail }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const programs = useDictionaryItems('program');
  const undo = useUndoProjectStage();
  const refreshIfStale = useRefreshIfStale();
  const remove = useDeleteProject();
  const [changingStage, setChangingStage] = useState(false);
  const canWrite = project.policies.update;
  const canMove = NEXT_STAGES[project.stage].length > 0;
  const lastMove = project.history.length > 1 ? project.history[project.history.length - 1] : null;
  const programLabel = project.program ? ((programs.data ?? []).find((item) => item.value === project.program)?.label ?? project.program) : '—';

  const stageDates = STAGES.filter((s) => project.stageDates[s]).map((s) => (
    <span key={s} style={{ marginInlineEnd: 16, whiteSpace: 'nowrap' }}>
      {STAGE_LABELS[s]} {project.stageDates[s]}
    </span>
  ));

  const items: DescriptionsProps['items'] = [
    {
      key: 'enterprise',
      label: '申报单位',
      children: project.enterpriseId ? <Link to={`/enterprises/${project.enterpriseId}`}>{project.enterpriseName}</Link> : '—',
    },
    { key: 'town', label: '所在乡镇', children: project.townName ?? '—' },
    { key: 'field', label: '领域', children: SECTOR_LABELS[project.field] },
    { key: 'program', label: '计划类别', children: programLabel },
    { key: 'level', label: '级别', children: project.level ? PROJECT_LEVEL_LABELS[project.level] : '—' },
    { key: 'manager', label: '责任人', children: project.managerName ?? '—' },
    { key: 'amountApplied', label: '申报金额', children: formatWanWithUnit(project.amountApplied) },
    { key: 'amountApproved', label: '立项金额', children: formatWanWithUnit(project.amountApproved) },
    { key: 'amountReceived', label: '到位金额', children: formatWanWithUnit(project.amountReceived) },
    { key: 'amountSelfRaised', label: '自筹金额', children: formatWanWithUnit(project.amountSelfRaised) },
    {
      key: 'sourceVisit',
      label: '来源调研',
      children: project.sourceVisitId ? <Link to={`/visits/${project.sourceVisitId}`}>查看调研记录</Link> : '—',
    },
    { key: 'updatedAt', label: '最近修改', children: formatDateTime(project.updatedAt) },
    { key: 'stageDates', label: '各阶段日期', span: 'filled', children: stageDates.length ? stageDates : '—' },
    {
      key: 'description',
      label: '项目简介',
      span: 'filled',
      children: project.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{project.description}</span> : '—',
    },
  ];

  const onUndo = () =>
    undo.mutateAsync({ id: project.id, version: project.version }).then(
      (after) => void message.success(`已撤销,项目回到“${STAGE_LABELS[after.stage]}”`),
      (error: unknown) => {
        refreshIfStale(error);
        showApiError(message, error);
      },
    );

  return (
    <>
      <DetailHeader
        title={project.title}
        tag={
          <span data-testid="project-stage">
            <StageTag stage={project.stage} />
          </span>
        }
        back={BACK}
        record={project}
        onEdit={() => void navigate(`/projects/${project.id}/edit`)}
        remove={{
          ...remove,
          title: '删除这个项目?',
          description: '阶段历程和跟踪服务记录将一并删除,且不能恢复。',
          success: `项目「${project.title}」已删除`,
        }}
        extra={
          canWrite ? (
            <>
              <Tooltip title={canMove ? undefined : '项目已是最终阶段'}>
                <Button type="primary" onClick={() => setChangingStage(true)} disabled={!canMove}>
                  变更阶段
                </Button>
              </Tooltip>
              {lastMove ? (
                <Popconfirm
                  title="撤销上一步?"
                  description={`将撤销“${STAGE_LABELS[lastMove.fromStage ?? lastMove.toStage]} → ${STAGE_LABELS[lastMove.toStage]}”(${lastMove.eventDate}),项目回到“${STAGE_LABELS[lastMove.fromStage ?? lastMove.toStage]}”。`}
                  okText="撤销"
                  onConfirm={onUndo}
                >
                  <Button icon={<UndoOutlined />} loading={undo.isPending}>
                    撤销上一步
                  </Button>
                </Popconfirm>
              ) : null}
            </>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title="项目信息">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={items} />
            </Card>
            <FollowupsCard projectId={project.id} canWrite={canWrite} />
            <MilestonesCard projectId={project.id} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title="阶段历程">
              {project.history.length ? (
                <Timeline items={historyItems(project.history)} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无阶段记录" />
              )}
            </Card>
            <Card title="相关调研">
              <List
                size="small"
                dataSource={project.visits}
                locale={{ emptyText: '暂无相关调研' }}
                renderItem={(v) => (
                  <List.Item>
                    <Link to={`/visits/${v.id}`}>
                      {formatDate(v.visitDate)} {v.purpose}
                    </Link>
                  </List.Item>
                )}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
      {canWrite ? <StageChangeModal project={project} open={changingStage} onClose={() => setChangingStage(false)} /> : null}
    </>
  );
}
