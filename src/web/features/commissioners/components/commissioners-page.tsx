import { useEffect, useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  COMMISSIONER_STATUSES,
  COMMISSIONER_STATUS_LABELS,
  GENDER_LABELS,
  type Commissioner,
  type CommissionerStatus,
} from '../../../../shared/commissioners.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { PlaceSelect } from '../../../lib/place-select';
import { formatDate } from '../../../utils/format';
import { type CommissionersQuery, useCommissioners } from '../api/commissioners';
import { CommissionerFormModal } from './commissioner-form-modal';
import { CommissionerStatusTag, placesText, termText } from './commissioner-display';

const DEFAULT_PAGE_SIZE = 20;
const FIRST_YEAR = 2010;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

function useCommissionersQuery(): [CommissionersQuery, (patch: Partial<CommissionersQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const year = positiveInt(params.get('year'));
  const query: CommissionersQuery = {
    q: params.get('q') || undefined,
    status: status && (COMMISSIONER_STATUSES as readonly string[]).includes(status) ? (status as CommissionerStatus) : undefined,
    placeId: positiveInt(params.get('placeId')),
    year: year && year >= 1990 && year <= 2100 ? year : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
  };
  const update = (patch: Partial<CommissionersQuery>) => {
    const next: CommissionersQuery = { ...query, ...patch };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) continue;
      search.set(key, String(value));
    }
    setParams(search, { replace: true });
  };
  return [query, update];
}

/** 科技特派员名册: who serves where, for which term, and how much they have logged. */
export function CommissionersPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [query, setQuery] = useCommissionersQuery();
  const commissioners = useCommissioners(query);
  const [keyword, setKeyword] = useState(query.q ?? '');
  useEffect(() => setKeyword(query.q ?? ''), [query.q]);
  const [creating, setCreating] = useState(false);
  const canWrite = me.role !== 'commissioner';
  const { page: _page, pageSize: _pageSize, ...filter } = query;
  const filtered = Object.values(filter).some((v) => v !== undefined);

  const lastYear = dayjs().year() + 1;
  const yearOptions = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i).map((y) => ({
    value: y,
    label: `${y}年`,
  }));

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
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 70,
      render: (s: CommissionerStatus) => <CommissionerStatusTag status={s} />,
    },
    { title: '日志数', dataIndex: 'logCount', key: 'logCount', width: 80, align: 'right' },
    { title: '最近服务', dataIndex: 'lastLogDate', key: 'lastLogDate', width: 108, render: (v: string | null) => formatDate(v) },
  ];

  return (
    <>
      <PageHeader
        title="科技特派员"
        description="科技特派员名册:派出单位、专业特长、服务地点与任期;点击姓名查看服务日志、支持与年度考核。"
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记特派员
            </Button>
          ) : undefined
        }
      />
      {commissioners.isError ? <QueryError error={commissioners.error} onRetry={() => void commissioners.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="姓名、派出单位或专业"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
            style={{ width: 220 }}
            aria-label="搜索特派员"
          />
          <Select<CommissionerStatus>
            placeholder="全部状态"
            allowClear
            options={COMMISSIONER_STATUSES.map((s) => ({ value: s, label: COMMISSIONER_STATUS_LABELS[s] }))}
            value={query.status}
            onChange={(status) => setQuery({ status, page: 1 })}
            style={{ width: 120 }}
            aria-label="状态筛选"
          />
          <PlaceSelect
            value={query.placeId}
            onChange={(placeId) => setQuery({ placeId: placeId ?? undefined, page: 1 })}
            placeholder="全部服务地点"
            style={{ width: 180 }}
            aria-label="服务地点筛选"
          />
          <Select<number>
            placeholder="全部年度"
            allowClear
            options={yearOptions}
            value={query.year}
            onChange={(year) => setQuery({ year, page: 1 })}
            style={{ width: 120 }}
            aria-label="任期年度筛选"
          />
          {filtered ? (
            <Button
              type="link"
              style={{ paddingInline: 4 }}
              onClick={() => setQuery({ q: undefined, status: undefined, placeId: undefined, year: undefined, page: 1 })}
            >
              清除筛选
            </Button>
          ) : null}
        </Flex>
        <Table<Commissioner>
          rowKey="id"
          columns={columns}
          dataSource={commissioners.data?.items ?? []}
          loading={commissioners.isFetching}
          scroll={{ x: 1060 }}
          onRow={(c) => rowTestId(`commissioner-row-${c.id}`)}
          locale={{ emptyText: filtered ? '没有符合条件的特派员' : '暂无特派员,点击右上角“登记特派员”登记' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: commissioners.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 人`,
            onChange: (page, pageSize) => setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page }),
          }}
        />
      </Card>
      {canWrite ? (
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
