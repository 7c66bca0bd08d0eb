import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { useMe } from '../../../lib/auth';
import { useDictionaryItems, useTowns } from '../../../lib/reference-data';
import { useCommissionerOptions } from '../api/commissioners';
import { type ServiceLogsQuery, useServiceLogs } from '../api/service-logs';
import { ServiceLogFormModal } from './service-log-form-modal';
import { ServiceLogTable } from './service-log-table';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

function useServiceLogsQuery(): [ServiceLogsQuery, (patch: Partial<ServiceLogsQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const confirmed = params.get('confirmed');
  const query: ServiceLogsQuery = {
    commissionerId: positiveInt(params.get('commissionerId')),
    townId: positiveInt(params.get('townId')),
    kind: params.get('kind') || undefined,
    confirmed: confirmed === 'yes' || confirmed === 'no' ? confirmed : undefined,
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
  };
  const update = (patch: Partial<ServiceLogsQuery>) => {
    const next: ServiceLogsQuery = { ...query, ...patch };
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

/** 服务日志: every commissioner's service, to review and confirm (审核). */
export function ServiceLogsPage() {
  const me = useMe();
  const [query, setQuery] = useServiceLogsQuery();
  const logs = useServiceLogs(query);
  const commissioners = useCommissionerOptions();
  const towns = useTowns();
  const kinds = useDictionaryItems('service_kind');
  const [creating, setCreating] = useState(false);
  const canWrite = me.role !== 'commissioner';
  const { page: _page, pageSize: _pageSize, ...filter } = query;
  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <>
      <PageHeader
        title="服务日志"
        description={
          me.role === 'leader'
            ? '科技特派员的服务记录。审核后日志锁定,只有局领导可以修改。'
            : '科技特派员的服务记录,特派员本人在手机上填写,也可由科技局代为登记。已审核的日志只有局领导可以修改。'
        }
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记服务日志
            </Button>
          ) : undefined
        }
      />
      {logs.isError ? <QueryError error={logs.error} onRetry={() => void logs.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<number>
            placeholder="全部特派员"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(commissioners.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={query.commissionerId}
            onChange={(commissionerId) => setQuery({ commissionerId, page: 1 })}
            loading={commissioners.isPending}
            style={{ width: 140 }}
            aria-label="特派员筛选"
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
          <Select<string>
            placeholder="全部类型"
            allowClear
            options={(kinds.data ?? []).map((k) => ({ value: k.value, label: k.label }))}
            value={query.kind}
            onChange={(kind) => setQuery({ kind, page: 1 })}
            loading={kinds.isPending}
            style={{ width: 170 }}
            aria-label="类型筛选"
          />
          <Select<'yes' | 'no'>
            placeholder="全部审核状态"
            allowClear
            options={[
              { value: 'no', label: '待审核' },
              { value: 'yes', label: '已审核' },
            ]}
            value={query.confirmed}
            onChange={(confirmed) => setQuery({ confirmed, page: 1 })}
            style={{ width: 140 }}
            aria-label="审核状态筛选"
          />
          <DatePicker.RangePicker
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            onChange={(range) => setQuery({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: 1 })}
            allowEmpty={[true, true]}
            placeholder={['开始日期', '结束日期']}
            aria-label="日期范围"
          />
          {filtered ? (
            <Button
              type="link"
              style={{ paddingInline: 4 }}
              onClick={() =>
                setQuery({ commissionerId: undefined, townId: undefined, kind: undefined, confirmed: undefined, from: undefined, to: undefined, page: 1 })
              }
            >
              清除筛选
            </Button>
          ) : null}
        </Flex>
        <ServiceLogTable
          logs={logs.data?.items ?? []}
          loading={logs.isFetching}
          showCommissioner
          emptyText={filtered ? '没有符合条件的服务日志' : '暂无服务日志'}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: logs.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page }),
          }}
        />
      </Card>
      {canWrite ? <ServiceLogFormModal open={creating} log={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
