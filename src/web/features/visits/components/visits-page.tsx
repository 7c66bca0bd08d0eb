import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Input, Popconfirm, Select, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { Visit } from '../../../../shared/projects.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { useEnterpriseOption, useEnterpriseOptions, useUserOptions } from '../../../lib/reference-data';
import { formatDate } from '../../../utils/format';
import { type VisitsQuery, useDeleteVisit, useVisits } from '../api/visits';
import { VisitFormModal } from './visit-form-modal';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Filters, order and page in the URL. `newFor=<enterpriseId>` opens the form for that enterprise. */
function useVisitsQuery(): [VisitsQuery, (patch: Partial<VisitsQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const order = params.get('order');
  const query: VisitsQuery = {
    q: params.get('q') || undefined,
    enterpriseId: positiveInt(params.get('enterpriseId')),
    staffId: positiveInt(params.get('staffId')),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    order: order === 'asc' ? 'asc' : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
  };
  const update = (patch: Partial<VisitsQuery>) => {
    const next: VisitsQuery = { ...query, ...patch };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) continue;
      search.set(key, String(value));
    }
    setParams(search, { replace: true });
  };
  return [query, update];
}

function EnterpriseFilter({ value, onChange }: { value?: number; onChange: (id: number | undefined) => void }) {
  const [search, setSearch] = useState('');
  const options = useEnterpriseOptions(search);
  const found = (options.data ?? []).some((e) => e.id === value);
  const chosen = useEnterpriseOption(value, !found && !options.isPending);
  const list = [...(options.data ?? [])];
  if (value && !found && chosen.data) list.unshift(chosen.data);
  return (
    <Select<number>
      placeholder="全部企业/基地"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(id) => {
        onChange(id);
        setSearch('');
      }}
      loading={options.isFetching}
      options={list.map((e) => ({ value: e.id, label: e.name }))}
      notFoundContent={options.isFetching ? '正在搜索…' : '没有匹配的企业或基地'}
      style={{ width: 220 }}
      aria-label="企业筛选"
    />
  );
}

/** 调研记录: visits to enterprises and bases, and the project leads each one found. */
export function VisitsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useVisitsQuery();
  const visits = useVisits(query);
  const users = useUserOptions();
  const remove = useDeleteVisit();
  const [creating, setCreating] = useState<{ enterpriseId?: number } | null>(null);
  const [editing, setEditing] = useState<Visit | null>(null);
  const [keyword, setKeyword] = useState(query.q ?? '');
  useEffect(() => setKeyword(query.q ?? ''), [query.q]);
  const canWrite = me.role !== 'commissioner';

  // A link from an enterprise's page (登记调研) opens the form for it, once.
  const newFor = positiveInt(params.get('newFor'));
  useEffect(() => {
    if (!newFor) return;
    if (canWrite) setCreating({ enterpriseId: newFor });
    const rest = new URLSearchParams(params);
    rest.delete('newFor');
    setParams(rest, { replace: true });
  }, [newFor, canWrite, params, setParams]);

  const onDelete = (v: Visit) =>
    remove.mutateAsync(v.id).then(
      () => void message.success('调研记录已删除'),
      (error: unknown) => showApiError(message, error),
    );

  const columns: TableColumnsType<Visit> = [
    {
      title: '日期',
      dataIndex: 'visitDate',
      key: 'visitDate',
      width: 120,
      sorter: true,
      sortOrder: query.order === 'asc' ? 'ascend' : 'descend',
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
    {
      title: '人员',
      key: 'staff',
      width: 200,
      render: (_, v) => v.staff.map((s) => s.displayName).join('、'),
    },
    {
      title: '目的',
      dataIndex: 'purpose',
      key: 'purpose',
      ellipsis: { showTitle: true },
    },
    {
      title: '发现的线索',
      key: 'leads',
      width: 112,
      align: 'right',
      render: (_, v) => (v.leads.length ? <Link to={`/visits/${v.id}`}>{v.leads.length}</Link> : <Typography.Text type="secondary">0</Typography.Text>),
    },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, v) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(v)}>
            编辑
          </Button>
          <Popconfirm
            title="删除这条调研记录?"
            description={v.leads.length ? '由它发现的项目会保留,只是不再关联到此调研。' : undefined}
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() => onDelete(v)}
          >
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const onTableChange: TableProps<Visit>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      setQuery({ order: s?.order === 'ascend' ? 'asc' : undefined, page: 1 });
      return;
    }
    const pageSize = pagination.pageSize ?? query.pageSize;
    setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page: pagination.current ?? 1 });
  };

  const filtered = !!(query.q || query.enterpriseId || query.staffId || query.from || query.to);

  return (
    <>
      <PageHeader
        title="调研记录"
        description="深入企业、示范基地的调研,以及从中发现的项目线索。"
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})}>
              登记调研
            </Button>
          ) : undefined
        }
      />
      {visits.isError ? <QueryError error={visits.error} onRetry={() => void visits.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="目的、发现或企业名称"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
            style={{ width: 240 }}
            aria-label="搜索调研"
          />
          <DatePicker.RangePicker
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            onChange={(range) => setQuery({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: 1 })}
            allowEmpty={[true, true]}
            placeholder={['开始日期', '结束日期']}
            aria-label="调研日期范围"
          />
          <EnterpriseFilter value={query.enterpriseId} onChange={(enterpriseId) => setQuery({ enterpriseId, page: 1 })} />
          <Select<number>
            placeholder="全部人员"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            value={query.staffId}
            onChange={(staffId) => setQuery({ staffId, page: 1 })}
            loading={users.isPending}
            style={{ width: 180 }}
            aria-label="人员筛选"
          />
        </Flex>
        <Table<Visit>
          rowKey="id"
          columns={columns}
          dataSource={visits.data?.items ?? []}
          loading={visits.isFetching}
          scroll={{ x: 1000 }}
          onChange={onTableChange}
          sortDirections={['descend', 'ascend']}
          onRow={(v) => rowTestId(`visit-row-${v.id}`)}
          locale={{ emptyText: filtered ? '没有符合条件的调研记录' : '暂无调研记录' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: visits.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 次调研`,
          }}
        />
      </Card>
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
