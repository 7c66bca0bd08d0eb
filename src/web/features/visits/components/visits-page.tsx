import { useEffect, useState } from 'react';
import { Space, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { queryIdSchema } from '../../../../shared/common.js';
import { listVisitsQuerySchema, type Visit } from '../../../../shared/projects.js';
import { defineFilters } from '../../../lib/filter-bar';
import { ExportButton } from '../../../lib/export-button';
import { ListPage } from '../../../lib/list-page';
import { useListQuery } from '../../../lib/list-query';
import { formatDate } from '../../../utils/format';
import { useDeleteVisit, useVisits } from '../api/visits';
import { VisitFormModal } from './visit-form-modal';

/**
 * A link from an enterprise's page (登记调研, `?newFor=<enterpriseId>`) opens the form for that
 * enterprise once the list says a visit may be registered; the parameter is then dropped.
 */
function useNewVisitFor(mayCreate: boolean | undefined, open: (preset: { enterpriseId: number }) => void) {
  const [params, setParams] = useSearchParams();
  const newFor = queryIdSchema.safeParse(params.get('newFor') ?? undefined);
  const enterpriseId = newFor.success ? newFor.data : undefined;
  const asked = params.has('newFor');
  useEffect(() => {
    if (!asked || mayCreate === undefined) return;
    if (mayCreate && enterpriseId) open({ enterpriseId });
    setParams(
      (current) => {
        const rest = new URLSearchParams(current);
        rest.delete('newFor');
        return rest;
      },
      { replace: true },
    );
  }, [asked, enterpriseId, mayCreate, open, setParams]);
}

const FILTERS = defineFilters(listVisitsQuerySchema, [
  { kind: 'text', key: 'q', placeholder: '目的、发现或企业名称', ariaLabel: '搜索调研' },
  { kind: 'dateRange', from: 'from', to: 'to', ariaLabel: '调研日期范围' },
  { kind: 'enterprise', key: 'enterpriseId', placeholder: '全部企业/基地', ariaLabel: '企业筛选', width: 220 },
  { kind: 'user', key: 'staffId', placeholder: '全部人员', ariaLabel: '人员筛选', width: 180 },
]);

const COLUMNS: TableColumnsType<Visit> = [
  {
    title: '日期',
    dataIndex: 'visitDate',
    key: 'visitDate',
    width: 120,
    sorter: true,
    render: (d: string, v) => <Link to={`/visits/${v.id}`}>{formatDate(d)}</Link>,
  },
  {
    title: '调研企业/基地',
    key: 'enterprises',
    render: (_, v) => (
      <Space size={[8, 2]} wrap>
        {v.enterprises.map((e) => (
          <Link key={e.id} to={`/enterprises/${e.id}`}>
            {e.name}
          </Link>
        ))}
      </Space>
    ),
  },
  { title: '人员', key: 'staff', width: 200, render: (_, v) => v.staff.map((s) => s.displayName).join('、') },
  { title: '目的', dataIndex: 'purpose', key: 'purpose', ellipsis: { showTitle: true } },
  {
    title: '发现的线索',
    key: 'leads',
    width: 112,
    align: 'right',
    render: (_, v) => (v.leads.length ? <Link to={`/visits/${v.id}`}>{v.leads.length}</Link> : <Typography.Text type="secondary">0</Typography.Text>),
  },
];

/** The confirm of 删除, in the list and on a visit's page. */
export const visitRemoveTexts = {
  title: '删除这条调研记录?',
  description: (v: Visit) => (v.leads.length ? '由它发现的项目会保留,只是不再关联到此调研。' : '删除后不能恢复。'),
  success: '调研记录已删除',
};

/** 调研记录: visits to enterprises and bases, and the project leads each one found. */
export function VisitsPage() {
  const list = useListQuery(listVisitsQuerySchema);
  const visits = useVisits(list.query);
  const remove = useDeleteVisit();
  const [creating, setCreating] = useState<{ enterpriseId?: number } | null>(null);
  const [editing, setEditing] = useState<Visit | null>(null);
  useNewVisitFor(visits.data?.policies.create, setCreating);

  return (
    <>
      <ListPage<Visit, typeof list.query>
        title="调研记录"
        description="深入企业、示范基地的调研,以及从中发现的项目线索。"
        create={{ label: '登记调研', onClick: () => setCreating({}) }}
        list={list}
        filters={FILTERS}
        actions={<ExportButton path="/visits" query={list.query} />}
        result={visits}
        columns={COLUMNS}
        rowActions={{ onEdit: setEditing, remove: { ...remove, ...visitRemoveTexts } }}
        rowTestId={(v) => `visit-row-${v.id}`}
        scrollX={1000}
        emptyText={{ filtered: '没有符合条件的调研记录', empty: '暂无调研记录' }}
        totalText={(total) => `共 ${total} 次调研`}
      />
      <VisitFormModal
        open={creating !== null || editing !== null}
        visit={editing}
        presetEnterpriseId={creating?.enterpriseId}
        onClose={() => {
          setCreating(null);
          setEditing(null);
        }}
      />
    </>
  );
}
