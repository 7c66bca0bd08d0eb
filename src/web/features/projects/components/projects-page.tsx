import { useEffect, useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  PROJECT_DATE_FIELDS,
  PROJECT_LEVELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_SORTS,
  SECTORS,
  SECTOR_LABELS,
  STAGES,
  STAGE_LABELS,
  type Project,
  type ProjectLevel,
  type Sector,
  type Stage,
} from '../../../../shared/projects.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { StageTag } from '../../../components/ui/stage-tag';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { useDictionaryItems, useTowns, useUserOptions } from '../../../lib/reference-data';
import { formatDate } from '../../../utils/format';
import { type ProjectDateField, type ProjectSort, type ProjectsFilter, type ProjectsQuery, useProjects } from '../api/projects';
import { EnterpriseSelect } from '../../../lib/enterprise-select';
import { StageSummaryBar } from './stage-summary-bar';
import { formatWan } from './project-display';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_PAGE_SIZE = 20;

const DATE_FIELD_LABELS: Record<ProjectDateField, string> = {
  applied: '申报日期',
  lead: '线索日期',
  pool: '入库日期',
  approved: '立项日期',
  accepted: '验收日期',
};

/** The table's columns that sort on the server, by the sort key the API takes. */
const COLUMN_SORTS: Record<string, ProjectSort> = {
  title: 'title',
  enterpriseName: 'enterpriseName',
  stage: 'stage',
  appliedDate: 'appliedDate',
  amountApproved: 'amountApproved',
};

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Filters, sort and page live in the URL, so a filtered view can be reloaded, shared or gone back to. */
function useProjectsQuery(): [ProjectsQuery, (patch: Partial<ProjectsQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const stages = params.getAll('stage').filter((s): s is Stage => (STAGES as readonly string[]).includes(s));
  const query: ProjectsQuery = {
    q: params.get('q') || undefined,
    stage: stages.length ? stages : undefined,
    program: params.get('program') || undefined,
    level: oneOf(PROJECT_LEVELS, params.get('level')),
    field: oneOf(SECTORS, params.get('field')),
    townId: positiveInt(params.get('townId')),
    managerId: positiveInt(params.get('managerId')),
    enterpriseId: positiveInt(params.get('enterpriseId')),
    dateField: oneOf(PROJECT_DATE_FIELDS, params.get('dateField')) ?? 'applied',
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    sort: oneOf(PROJECT_SORTS, params.get('sort')),
    order: oneOf(['asc', 'desc'] as const, params.get('order')),
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
  };
  const update = (patch: Partial<ProjectsQuery>) => {
    const next: ProjectsQuery = { ...query, ...patch };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) continue;
      if (key === 'dateField' && value === 'applied') continue;
      if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
      else search.set(key, String(value));
    }
    setParams(search, { replace: true });
  };
  return [query, update];
}

/** 项目库: every project of the bureau, by stage, with the stage counts on top. */
export function ProjectsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [query, setQuery] = useProjectsQuery();
  const projects = useProjects(query);
  const programs = useDictionaryItems('program');
  const towns = useTowns();
  const users = useUserOptions();
  const [keyword, setKeyword] = useState(query.q ?? '');
  useEffect(() => setKeyword(query.q ?? ''), [query.q]);

  const { sort: _sort, order: _order, page: _page, pageSize: _pageSize, ...filter } = query satisfies ProjectsFilter;

  const programLabels = useMemo(() => new Map((programs.data ?? []).map((item) => [item.value, item.label])), [programs.data]);
  const canWrite = me.role !== 'commissioner';

  const sortOrderOf = (key: string) => (query.sort && COLUMN_SORTS[key] === query.sort ? (query.order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableColumnsType<Project> = [
    {
      title: '项目名称',
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: sortOrderOf('title'),
      render: (title: string, p) => <Link to={`/projects/${p.id}`}>{title}</Link>,
    },
    {
      title: '申报单位',
      dataIndex: 'enterpriseName',
      key: 'enterpriseName',
      sorter: true,
      sortOrder: sortOrderOf('enterpriseName'),
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
      sortOrder: sortOrderOf('stage'),
      render: (stage: Stage) => <StageTag stage={stage} />,
    },
    {
      title: '申报日期',
      key: 'appliedDate',
      width: 116,
      sorter: true,
      sortOrder: sortOrderOf('appliedDate'),
      render: (_, p) => formatDate(p.stageDates.applied),
    },
    {
      title: '立项金额(万元)',
      dataIndex: 'amountApproved',
      key: 'amountApproved',
      align: 'right',
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf('amountApproved'),
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

  const onTableChange: TableProps<Project>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const sort = s?.order ? COLUMN_SORTS[String(s.columnKey)] : undefined;
      setQuery({ sort, order: sort ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined, page: 1 });
      return;
    }
    const pageSize = pagination.pageSize ?? query.pageSize;
    setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page: pagination.current ?? 1 });
  };

  const filtered = Object.entries(filter).some(([key, value]) => key !== 'dateField' && value !== undefined);

  const clearFilters = () =>
    setQuery({
      q: undefined,
      stage: undefined,
      program: undefined,
      level: undefined,
      field: undefined,
      townId: undefined,
      managerId: undefined,
      enterpriseId: undefined,
      dateField: 'applied',
      from: undefined,
      to: undefined,
      page: 1,
    });

  return (
    <>
      <PageHeader
        title="项目库"
        description="调研发现的线索、入库培育、申报、立项、实施到验收的全部科技项目。点击阶段数字可按阶段筛选。"
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')}>
              新建项目
            </Button>
          ) : undefined
        }
      />
      <StageSummaryBar filter={filter} selected={query.stage ?? []} onSelect={(stage) => setQuery({ stage, page: 1 })} />
      {projects.isError ? <QueryError error={projects.error} onRetry={() => void projects.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="项目名称或申报单位"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
            style={{ width: 240 }}
            aria-label="搜索项目"
          />
          <Select<Stage[]>
            mode="multiple"
            placeholder="全部阶段"
            allowClear
            maxTagCount="responsive"
            options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
            value={query.stage ?? []}
            onChange={(stage) => setQuery({ stage: stage.length ? stage : undefined, page: 1 })}
            style={{ width: 200 }}
            aria-label="阶段筛选"
          />
          <Select<string>
            placeholder="全部计划类别"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(programs.data ?? []).map((item) => ({ value: item.value, label: item.label }))}
            value={query.program}
            onChange={(program) => setQuery({ program, page: 1 })}
            loading={programs.isPending}
            style={{ width: 220 }}
            aria-label="计划类别筛选"
          />
          <Select<ProjectLevel>
            placeholder="全部级别"
            allowClear
            options={PROJECT_LEVELS.map((l) => ({ value: l, label: PROJECT_LEVEL_LABELS[l] }))}
            value={query.level}
            onChange={(level) => setQuery({ level, page: 1 })}
            style={{ width: 110 }}
            aria-label="级别筛选"
          />
          <Select<Sector>
            placeholder="全部领域"
            allowClear
            options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
            value={query.field}
            onChange={(field) => setQuery({ field, page: 1 })}
            style={{ width: 120 }}
            aria-label="领域筛选"
          />
          <Select<number>
            placeholder="全部乡镇"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(towns.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={query.townId}
            onChange={(townId) => setQuery({ townId, page: 1 })}
            loading={towns.isPending}
            style={{ width: 130 }}
            aria-label="乡镇筛选"
          />
          <Select<number>
            placeholder="全部责任人"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            value={query.managerId}
            onChange={(managerId) => setQuery({ managerId, page: 1 })}
            loading={users.isPending}
            style={{ width: 170 }}
            aria-label="责任人筛选"
          />
          <EnterpriseSelect
            value={query.enterpriseId}
            onChange={(enterpriseId) => setQuery({ enterpriseId: enterpriseId ?? undefined, page: 1 })}
            placeholder="全部申报单位"
            style={{ width: 200 }}
            aria-label="申报单位筛选"
          />
          <Space.Compact>
            <Select<ProjectDateField>
              options={PROJECT_DATE_FIELDS.map((f) => ({ value: f, label: DATE_FIELD_LABELS[f] }))}
              value={query.dateField}
              onChange={(dateField) => setQuery({ dateField, page: 1 })}
              style={{ width: 110 }}
              aria-label="按哪个日期筛选"
            />
            <DatePicker.RangePicker
              value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
              onChange={(range) => setQuery({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: 1 })}
              allowEmpty={[true, true]}
              placeholder={['开始日期', '结束日期']}
              aria-label="日期范围"
            />
          </Space.Compact>
          {filtered ? (
            <Button type="link" onClick={clearFilters} style={{ paddingInline: 4 }}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
        <Table<Project>
          rowKey="id"
          columns={columns}
          dataSource={projects.data?.items ?? []}
          loading={projects.isFetching}
          scroll={{ x: 1100 }}
          onChange={onTableChange}
          onRow={(p) => rowTestId(`project-row-${p.id}`)}
          sortDirections={['ascend', 'descend']}
          locale={{ emptyText: filtered ? '没有符合条件的项目' : '暂无项目,点击右上角“新建项目”登记' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: projects.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 个项目`,
          }}
        />
        {query.from || query.to ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            按{DATE_FIELD_LABELS[query.dateField]}筛选:{query.from ?? '不限'} 至 {query.to ?? '不限'}
          </Typography.Text>
        ) : null}
      </Card>
    </>
  );
}
