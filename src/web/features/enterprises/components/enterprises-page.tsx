import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { ENTERPRISE_SORTS, SECTORS, SECTOR_LABELS, type Enterprise, type Sector } from '../../../../shared/projects.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { useDictionaryItems, useTowns } from '../../../lib/reference-data';
import { type EnterpriseSort, type EnterprisesQuery, useDeleteEnterprise, useEnterprises } from '../api/enterprises';
import { EnterpriseFormModal } from './enterprise-form-modal';

const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Filters, sort and page in the URL. */
function useEnterprisesQuery(): [EnterprisesQuery, (patch: Partial<EnterprisesQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const query: EnterprisesQuery = {
    q: params.get('q') || undefined,
    kind: params.get('kind') || undefined,
    industry: oneOf(SECTORS, params.get('industry')),
    townId: positiveInt(params.get('townId')),
    sort: oneOf(ENTERPRISE_SORTS, params.get('sort')),
    order: oneOf(['asc', 'desc'] as const, params.get('order')),
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
  };
  const update = (patch: Partial<EnterprisesQuery>) => {
    const next: EnterprisesQuery = { ...query, ...patch };
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

/** 企业与基地: the registry of enterprises, demonstration bases and cooperatives the bureau works with. */
export function EnterprisesPage() {
  const me = useMe();
  const { message } = App.useApp();
  const [query, setQuery] = useEnterprisesQuery();
  const enterprises = useEnterprises(query);
  const kinds = useDictionaryItems('enterprise_kind');
  const towns = useTowns();
  const remove = useDeleteEnterprise();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Enterprise | null>(null);
  const [keyword, setKeyword] = useState(query.q ?? '');
  useEffect(() => setKeyword(query.q ?? ''), [query.q]);
  const canWrite = me.role !== 'commissioner';

  const sortOrderOf = (key: EnterpriseSort) => (query.sort === key ? (query.order === 'asc' ? 'ascend' : 'descend') : null);

  const onDelete = (e: Enterprise) =>
    remove.mutateAsync(e.id).then(
      () => void message.success(`已删除「${e.name}」`),
      // 409 when projects or visits still refer to it: the server says which.
      (error: unknown) => showApiError(message, error),
    );

  const columns: TableColumnsType<Enterprise> = [
    {
      title: '名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (name: string, e) => <Link to={`/enterprises/${e.id}`}>{name}</Link>,
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 190,
      render: (v: string | null) => (v ? <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{v}</span> : '—'),
    },
    { title: '类型', dataIndex: 'kind', key: 'kind', width: 130, sorter: true, sortOrder: sortOrderOf('kind') },
    {
      title: '行业',
      dataIndex: 'industry',
      key: 'industry',
      width: 90,
      sorter: true,
      sortOrder: sortOrderOf('industry'),
      render: (v: Sector) => SECTOR_LABELS[v],
    },
    {
      title: '乡镇',
      dataIndex: 'townName',
      key: 'townName',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('townName'),
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '联系人',
      key: 'contact',
      render: (_, e) => (e.contactPerson || e.contactPhone ? [e.contactPerson, e.contactPhone].filter(Boolean).join(' ') : '—'),
    },
    {
      title: '项目数',
      dataIndex: 'projectCount',
      key: 'projectCount',
      width: 90,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf('projectCount'),
    },
    { title: '调研次数', dataIndex: 'visitCount', key: 'visitCount', width: 90, align: 'right' },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(e)}>
            编辑
          </Button>
          <Popconfirm
            title={`删除「${e.name}」?`}
            description="有关联项目或调研记录的不能删除。"
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={() => onDelete(e)}
          >
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const onTableChange: TableProps<Enterprise>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const sort = s?.order ? oneOf(ENTERPRISE_SORTS, String(s.columnKey)) : undefined;
      setQuery({ sort, order: sort ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined, page: 1 });
      return;
    }
    const pageSize = pagination.pageSize ?? query.pageSize;
    setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page: pagination.current ?? 1 });
  };

  const filtered = !!(query.q || query.kind || query.industry || query.townId);

  return (
    <>
      <PageHeader
        title="企业与基地"
        description="项目申报单位和调研对象:企业、农业示范基地、合作社。"
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记企业/基地
            </Button>
          ) : undefined
        }
      />
      {enterprises.isError ? <QueryError error={enterprises.error} onRetry={() => void enterprises.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="名称、信用代码或联系人"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
            style={{ width: 260 }}
            aria-label="搜索企业"
          />
          <Select<string>
            placeholder="全部类型"
            allowClear
            options={(kinds.data ?? []).map((item) => ({ value: item.value, label: item.label }))}
            value={query.kind}
            onChange={(kind) => setQuery({ kind, page: 1 })}
            loading={kinds.isPending}
            style={{ width: 160 }}
            aria-label="类型筛选"
          />
          <Select<Sector>
            placeholder="全部行业"
            allowClear
            options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
            value={query.industry}
            onChange={(industry) => setQuery({ industry, page: 1 })}
            style={{ width: 120 }}
            aria-label="行业筛选"
          />
          <Select<number>
            placeholder="全部乡镇"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(towns.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={query.townId}
            onChange={(townId) => setQuery({ townId, page: 1 })}
            loading={towns.isPending}
            style={{ width: 140 }}
            aria-label="乡镇筛选"
          />
        </Flex>
        <Table<Enterprise>
          rowKey="id"
          columns={columns}
          dataSource={enterprises.data?.items ?? []}
          loading={enterprises.isFetching}
          scroll={{ x: 1100 }}
          onChange={onTableChange}
          sortDirections={['ascend', 'descend']}
          onRow={(e) => rowTestId(`enterprise-row-${e.id}`)}
          locale={{ emptyText: filtered ? '没有符合条件的企业或基地' : '暂无企业或基地' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: enterprises.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 家`,
          }}
        />
      </Card>
      <EnterpriseFormModal
        open={creating || editing !== null}
        enterprise={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
