import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import {
  COMMISSIONER_STATUSES,
  COMMISSIONER_STATUS_LABELS,
  GENDER_LABELS,
  listCommissionersQuerySchema,
  type Commissioner,
  type CommissionerStatus,
} from '../../../../shared/commissioners.js';
import { defineFilters, labelledOptions } from '../../../lib/filter-bar';
import { ExportButton } from '../../../lib/export-button';
import { ListPage } from '../../../lib/list-page';
import { useListQuery } from '../../../lib/list-query';
import { formatDate } from '../../../utils/format';
import { useCommissioners } from '../api/commissioners';
import { CommissionerFormModal } from './commissioner-form-modal';
import { CommissionerStatusTag, placesText, termText } from './commissioner-display';

const FIRST_YEAR = 2010;

/** The years a term may reach into, newest first (next year down to 2010). */
function termYearOptions() {
  const lastYear = dayjs().year() + 1;
  return Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i).map((y) => ({ value: y, label: `${y}年` }));
}

const FILTERS = defineFilters(listCommissionersQuerySchema, [
  { kind: 'text', key: 'q', placeholder: '姓名、派出单位或专业', ariaLabel: '搜索特派员', width: 220 },
  {
    kind: 'enum',
    key: 'status',
    options: labelledOptions(COMMISSIONER_STATUSES, COMMISSIONER_STATUS_LABELS),
    placeholder: '全部状态',
    ariaLabel: '状态筛选',
    width: 120,
  },
  { kind: 'place', key: 'placeId', placeholder: '全部服务地点', ariaLabel: '服务地点筛选', width: 180 },
  { kind: 'enum', key: 'year', options: termYearOptions(), placeholder: '全部年度', ariaLabel: '任期年度筛选', width: 120 },
]);

const columns: TableColumnsType<Commissioner> = [
  {
    title: '姓名',
    dataIndex: 'name',
    key: 'name',
    width: 90,
    fixed: 'left',
    render: (name: string, c) => <Link to={`/commissioners/${c.id}`}>{name}</Link>,
  },
  { title: '性别', dataIndex: 'gender', key: 'gender', width: 60, render: (g: Commissioner['gender']) => GENDER_LABELS[g] },
  { title: '派出单位', dataIndex: 'employer', key: 'employer', width: 140 },
  { title: '职称', dataIndex: 'title', key: 'title', width: 100, render: (v: string | null) => v ?? '—' },
  { title: '专业特长', dataIndex: 'specialty', key: 'specialty', render: (v: string | null) => v ?? '—' },
  { title: '服务地点', key: 'places', render: (_, c) => placesText(c) },
  { title: '任期', key: 'term', width: 108, render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{termText(c)}</span> },
  { title: '状态', dataIndex: 'status', key: 'status', width: 70, render: (s: CommissionerStatus) => <CommissionerStatusTag status={s} /> },
  { title: '日志数', dataIndex: 'logCount', key: 'logCount', width: 80, align: 'right' },
  { title: '最近服务', dataIndex: 'lastLogDate', key: 'lastLogDate', width: 108, render: (v: string | null) => formatDate(v) },
];

/** 科技特派员名册: who serves where, for which term, and how much they have logged. */
export function CommissionersPage() {
  const navigate = useNavigate();
  const list = useListQuery(listCommissionersQuerySchema);
  const commissioners = useCommissioners(list.query);
  const [creating, setCreating] = useState(false);
  const canCreate = commissioners.data?.policies.create ?? false;

  return (
    <>
      <ListPage<Commissioner, typeof list.query>
        title="科技特派员"
        description="科技特派员名册:派出单位、专业特长、服务地点与任期;点击姓名查看服务日志、支持与年度考核。"
        create={{ label: '登记特派员', onClick: () => setCreating(true) }}
        list={list}
        filters={FILTERS}
        actions={<ExportButton path="/commissioners" query={list.query} />}
        result={commissioners}
        columns={columns}
        rowTestId={(c) => `commissioner-row-${c.id}`}
        scrollX={1060}
        emptyText={{ filtered: '没有符合条件的特派员', empty: canCreate ? '暂无特派员,点击右上角“登记特派员”登记' : '暂无特派员' }}
        totalText={(total) => `共 ${total} 人`}
      />
      {canCreate ? (
        <CommissionerFormModal
          open={creating}
          commissioner={null}
          onClose={() => setCreating(false)}
          onSaved={(saved) => navigate(`/commissioners/${saved.id}`)}
        />
      ) : null}
    </>
  );
}
