import { useMemo } from 'react';
import { Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  PROJECT_DATE_FIELDS,
  PROJECT_LEVELS,
  PROJECT_LEVEL_LABELS,
  SECTORS,
  SECTOR_LABELS,
  STAGES,
  STAGE_LABELS,
  listProjectsQuerySchema,
  type Project,
  type ProjectLevel,
  type Sector,
  type Stage,
} from '../../../../shared/projects.js';
import { StageTag } from '../../../components/ui/stage-tag';
import { defineFilters, labelledOptions } from '../../../lib/filter-bar';
import { ExportButton } from '../../../lib/export-button';
import { ListPage } from '../../../lib/list-page';
import { useListQuery } from '../../../lib/list-query';
import { useDictionaryItems } from '../../../lib/reference-data';
import { formatDate } from '../../../utils/format';
import { type ProjectDateField, type ProjectsFilter, useProjects } from '../api/projects';
import { StageSummaryBar } from './stage-summary-bar';
import { formatWan } from './project-display';

const DATE_FIELD_LABELS: Record<ProjectDateField, string> = {
  applied: '申报日期',
  lead: '线索日期',
  pool: '入库日期',
  approved: '立项日期',
  accepted: '验收日期',
};

const FILTERS = defineFilters(listProjectsQuerySchema, [
  { kind: 'text', key: 'q', placeholder: '项目名称或申报单位', ariaLabel: '搜索项目', width: 240 },
  { kind: 'enum', key: 'stage', multiple: true, options: labelledOptions(STAGES, STAGE_LABELS), placeholder: '全部阶段', ariaLabel: '阶段筛选', width: 200 },
  { kind: 'dictionary', key: 'program', dictionary: 'program', placeholder: '全部计划类别', ariaLabel: '计划类别筛选', width: 220 },
  { kind: 'enum', key: 'level', options: labelledOptions(PROJECT_LEVELS, PROJECT_LEVEL_LABELS), placeholder: '全部级别', ariaLabel: '级别筛选', width: 110 },
  { kind: 'enum', key: 'field', options: labelledOptions(SECTORS, SECTOR_LABELS), placeholder: '全部领域', ariaLabel: '领域筛选', width: 120 },
  { kind: 'town', key: 'townId', placeholder: '全部乡镇', ariaLabel: '乡镇筛选', width: 130 },
  { kind: 'user', key: 'managerId', placeholder: '全部责任人', ariaLabel: '责任人筛选', width: 170 },
  { kind: 'enterprise', key: 'enterpriseId', placeholder: '全部申报单位', ariaLabel: '申报单位筛选', width: 200 },
  {
    kind: 'dateRange',
    from: 'from',
    to: 'to',
    ariaLabel: '日期范围',
    which: { key: 'dateField', options: labelledOptions(PROJECT_DATE_FIELDS, DATE_FIELD_LABELS), ariaLabel: '按哪个日期筛选' },
  },
]);

/** 项目库: every project of the bureau, by stage, with the stage counts on top. */
export function ProjectsPage() {
  const navigate = useNavigate();
  const list = useListQuery(listProjectsQuerySchema);
  const { query, setQuery } = list;
  const projects = useProjects(query);
  const programs = useDictionaryItems('program');

  const { sort: _sort, order: _order, page: _page, pageSize: _pageSize, ...filter } = query;

  const programLabels = useMemo(() => new Map((programs.data ?? []).map((item) => [item.value, item.label])), [programs.data]);

  const columns: TableColumnsType<Project> = [
    {
      title: '项目名称',
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      render: (title: string, p) => <Link to={`/projects/${p.id}`}>{title}</Link>,
    },
    {
      title: '申报单位',
      dataIndex: 'enterpriseName',
      key: 'enterpriseName',
      sorter: true,
      render: (name: string | null, p) => (name && p.enterpriseId ? <Link to={`/enterprises/${p.enterpriseId}`}>{name}</Link> : '—'),
    },
    { title: '领域', dataIndex: 'field', key: 'field', width: 64, render: (f: Sector) => SECTOR_LABELS[f] },
    {
      title: '计划类别',
      dataIndex: 'program',
      key: 'program',
      render: (v: string | null) => (v ? (programLabels.get(v) ?? v) : '—'),
    },
    {
      title: '级别',
      dataIndex: 'level',
      key: 'level',
      width: 60,
      render: (v: ProjectLevel | null) => (v ? PROJECT_LEVEL_LABELS[v] : '—'),
    },
    {
      title: '阶段',
      dataIndex: 'stage',
      key: 'stage',
      width: 84,
      sorter: true,
      render: (stage: Stage) => <StageTag stage={stage} />,
    },
    {
      title: '申报日期',
      key: 'appliedDate',
      width: 116,
      sorter: true,
      render: (_, p) => formatDate(p.stageDates.applied),
    },
    {
      title: '立项金额(万元)',
      dataIndex: 'amountApproved',
      key: 'amountApproved',
      align: 'right',
      width: 150,
      sorter: true,
      render: (v: number | null) => formatWan(v),
    },
    { title: '责任人', dataIndex: 'managerName', key: 'managerName', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '最近跟踪',
      dataIndex: 'lastFollowupDate',
      key: 'lastFollowupDate',
      width: 108,
      render: (v: string | null) => formatDate(v),
    },
  ];

  return (
    <>
      <ListPage<Project, typeof query>
        title="项目库"
        description="调研发现的线索、入库培育、申报、立项、实施到验收的全部科技项目。点击阶段数字可按阶段筛选。"
        create={{ label: '新建项目', onClick: () => void navigate('/projects/new') }}
        above={<StageSummaryBar filter={filter as ProjectsFilter} selected={query.stage ?? []} onSelect={(stage) => setQuery({ stage })} />}
        list={list}
        filters={FILTERS}
        actions={<ExportButton path="/projects" query={list.query} />}
        result={projects}
        columns={columns}
        rowTestId={(p) => `project-row-${p.id}`}
        scrollX={1100}
        emptyText={{ filtered: '没有符合条件的项目', empty: projects.data?.policies.create ? '暂无项目,点击右上角“新建项目”登记' : '暂无项目' }}
        totalText={(total) => `共 ${total} 个项目`}
        footer={
          query.from || query.to ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              按{DATE_FIELD_LABELS[query.dateField]}筛选:{query.from ?? '不限'} 至 {query.to ?? '不限'}
            </Typography.Text>
          ) : null
        }
      />
    </>
  );
}
