import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Flex, Input, Select, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { EVENT_ROLES, EVENT_ROLE_LABELS, type Event, type EventFigure, type EventRole, type EventTotals } from '../../../../shared/events.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { useDepartments, useDictionaryItems, useTowns } from '../../../lib/reference-data';
import { type EventsFilter, type EventsQuery, useEvents } from '../api/events';
import { EventFormModal } from './event-form-modal';
import { EventRoleTag, TABLE_FIGURES, eventDates, eventDepartments, eventWhere, figureText } from './event-display';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIGURE_WIDTHS: Partial<Record<EventFigure, number>> = { consultations: 84, trainees: 84, peopleSent: 84 };
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Filters, order and page live in the URL, so a filtered view (上半年的送科技下乡) can be reloaded or shared. */
function useEventsQuery(): [EventsQuery, (patch: Partial<EventsQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const role = params.get('role');
  const query: EventsQuery = {
    q: params.get('q') || undefined,
    type: params.get('type') || undefined,
    role: role && (EVENT_ROLES as readonly string[]).includes(role) ? (role as EventRole) : undefined,
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    townId: positiveInt(params.get('townId')),
    departmentId: positiveInt(params.get('departmentId')),
    order: params.get('order') === 'asc' ? 'asc' : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
  };
  const update = (patch: Partial<EventsQuery>) => {
    const next: EventsQuery = { ...query, ...patch };
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

/** 合计: the count and each figure summed over every event under the filters (the server counts them). */
function TotalsRow({ totals, figureStart }: { totals: EventTotals | undefined; figureStart: number }) {
  return (
    <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
      <Table.Summary.Cell index={0} colSpan={figureStart}>
        <span data-testid="events-total-label">合计</span>
        {totals ? (
          <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8 }} data-testid="events-total-count">
            {totals.count} 次活动
          </Typography.Text>
        ) : null}
      </Table.Summary.Cell>
      {TABLE_FIGURES.map(({ figure }, i) => (
        <Table.Summary.Cell key={figure} index={figureStart + i} align="right">
          <span data-testid={`events-total-${figure}`}>{totals ? totals[figure] : '—'}</span>
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

/** 活动: outreach events (科技三下乡、科技活动周、培训…), with every figure summed under the filters. */
export function EventsPage() {
  const me = useMe();
  const [query, setQuery] = useEventsQuery();
  const events = useEvents(query);
  const types = useDictionaryItems('event_type');
  const towns = useTowns();
  const departments = useDepartments();
  const [keyword, setKeyword] = useState(query.q ?? '');
  useEffect(() => setKeyword(query.q ?? ''), [query.q]);
  const [creating, setCreating] = useState(false);
  const canWrite = me.role !== 'commissioner';

  const { order: _order, page: _page, pageSize: _pageSize, ...filter } = query satisfies EventsFilter;
  const filtered = Object.values(filter).some((v) => v !== undefined);

  const columns: TableColumnsType<Event> = [
    {
      title: '日期',
      key: 'startDate',
      width: 112,
      sorter: true,
      sortOrder: query.order === 'asc' ? 'ascend' : 'descend',
      render: (_, e) =>
        e.endDate && e.endDate !== e.startDate ? (
          <span title={eventDates(e)} style={{ whiteSpace: 'nowrap' }}>
            {e.startDate}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              至 {e.endDate}
            </Typography.Text>
          </span>
        ) : (
          <span style={{ whiteSpace: 'nowrap' }}>{e.startDate}</span>
        ),
    },
    { title: '类型', dataIndex: 'type', key: 'type', width: 104 },
    {
      title: '主题',
      dataIndex: 'theme',
      key: 'theme',
      render: (theme: string, e) => <Link to={`/events/${e.id}`}>{theme}</Link>,
    },
    { title: '地点', key: 'where', width: 136, render: (_, e) => eventWhere(e) },
    { title: '本局角色', dataIndex: 'role', key: 'role', width: 88, render: (role: EventRole) => <EventRoleTag role={role} /> },
    { title: '参与部门', key: 'departments', width: 112, render: (_, e) => eventDepartments(e) },
    ...TABLE_FIGURES.map(({ figure, title }): TableColumnsType<Event>[number] => ({
      title,
      dataIndex: figure,
      key: figure,
      align: 'right',
      width: FIGURE_WIDTHS[figure] ?? 68,
      render: (v: number | null) => figureText(v),
    })),
  ];
  const figureStart = columns.length - TABLE_FIGURES.length;

  const onTableChange: TableProps<Event>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      setQuery({ order: s?.order === 'ascend' ? 'asc' : undefined, page: 1 });
      return;
    }
    const pageSize = pagination.pageSize ?? query.pageSize;
    setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page: pagination.current ?? 1 });
  };

  const clearFilters = () =>
    setQuery({
      q: undefined,
      type: undefined,
      role: undefined,
      from: undefined,
      to: undefined,
      townId: undefined,
      departmentId: undefined,
      page: 1,
    });

  return (
    <>
      <PageHeader
        title="活动"
        description="科技三下乡、科技活动周、培训班等科技宣传活动;合计行统计筛选条件下的全部活动。"
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记活动
            </Button>
          ) : undefined
        }
      />
      {events.isError ? <QueryError error={events.error} onRetry={() => void events.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="主题、主办单位或备注"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
            style={{ width: 220 }}
            aria-label="搜索活动"
          />
          <Select<string>
            placeholder="全部类型"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(types.data ?? []).map((item) => ({ value: item.value, label: item.label }))}
            value={query.type}
            onChange={(type) => setQuery({ type, page: 1 })}
            loading={types.isPending}
            style={{ width: 140 }}
            aria-label="类型筛选"
          />
          <Select<EventRole>
            placeholder="全部本局角色"
            allowClear
            options={EVENT_ROLES.map((r) => ({ value: r, label: EVENT_ROLE_LABELS[r] }))}
            value={query.role}
            onChange={(role) => setQuery({ role, page: 1 })}
            style={{ width: 140 }}
            aria-label="本局角色筛选"
          />
          <DatePicker.RangePicker
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            onChange={(range) => setQuery({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), page: 1 })}
            allowEmpty={[true, true]}
            placeholder={['开始日期', '结束日期']}
            aria-label="日期范围"
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
            placeholder="全部部门"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.shortName ?? d.name }))}
            value={query.departmentId}
            onChange={(departmentId) => setQuery({ departmentId, page: 1 })}
            loading={departments.isPending}
            style={{ width: 130 }}
            aria-label="部门筛选"
          />
          {filtered ? (
            <Button type="link" onClick={clearFilters} style={{ paddingInline: 4 }}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
        <Table<Event>
          rowKey="id"
          columns={columns}
          dataSource={events.data?.items ?? []}
          loading={events.isFetching}
          scroll={{ x: 1120 }}
          onChange={onTableChange}
          onRow={(e) => rowTestId(`event-row-${e.id}`)}
          sortDirections={['descend', 'ascend']}
          showSorterTooltip={false}
          locale={{ emptyText: filtered ? '没有符合条件的活动' : '暂无活动,点击右上角“登记活动”登记' }}
          summary={() => (
            <Table.Summary>
              <TotalsRow totals={events.data?.totals} figureStart={figureStart} />
            </Table.Summary>
          )}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: events.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 次活动`,
          }}
        />
      </Card>
      {canWrite ? <EventFormModal open={creating} event={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
