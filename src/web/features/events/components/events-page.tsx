import { useState } from 'react';
import { Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { EVENT_ROLES, EVENT_ROLE_LABELS, listEventsQuerySchema, type Event, type EventRole, type EventTotals } from '../../../../shared/events.js';
import { defineFilters, labelledOptions } from '../../../lib/filter-bar';
import { ExportButton } from '../../../lib/export-button';
import { ListPage } from '../../../lib/list-page';
import { useListQuery } from '../../../lib/list-query';
import { useEvents } from '../api/events';
import { EventFormModal } from './event-form-modal';
import { EventRoleTag, TABLE_FIGURES, eventDates, eventDepartments, eventWhere, figureText } from './event-display';

/** The list's filters, all in the URL (上半年的送科技下乡 can be reloaded or shared). */
const FILTERS = defineFilters(listEventsQuerySchema, [
  { kind: 'text', key: 'q', placeholder: '主题、主办单位或备注', ariaLabel: '搜索活动', width: 220 },
  { kind: 'dictionary', key: 'type', dictionary: 'event_type', placeholder: '全部类型', ariaLabel: '类型筛选', width: 140 },
  { kind: 'enum', key: 'role', options: labelledOptions(EVENT_ROLES, EVENT_ROLE_LABELS), placeholder: '全部本局角色', ariaLabel: '本局角色筛选', width: 140 },
  { kind: 'dateRange', from: 'from', to: 'to', ariaLabel: '日期范围', placeholder: ['开始日期', '结束日期'] },
  { kind: 'town', key: 'townId', ariaLabel: '乡镇筛选', width: 130 },
  { kind: 'department', key: 'departmentId', ariaLabel: '部门筛选', width: 130 },
]);

const COLUMNS: TableColumnsType<Event> = [
  {
    title: '日期',
    key: 'startDate',
    width: 112,
    sorter: true,
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
  ...TABLE_FIGURES.map(({ figure, title, width }): TableColumnsType<Event>[number] => ({
    title,
    dataIndex: figure,
    key: figure,
    align: 'right',
    width,
    render: (v: number | null) => figureText(v),
  })),
];
/** Where the figure columns begin: the totals row's label spans the columns before them. */
const FIGURE_START = COLUMNS.length - TABLE_FIGURES.length;

/** 合计: the count and each figure summed over every event under the filters (the server counts them). */
function TotalsRow({ totals }: { totals: EventTotals | undefined }) {
  return (
    <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
      <Table.Summary.Cell index={0} colSpan={FIGURE_START}>
        <span data-testid="events-total-label">合计</span>
        {totals ? (
          <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8 }} data-testid="events-total-count">
            {totals.count} 次活动
          </Typography.Text>
        ) : null}
      </Table.Summary.Cell>
      {TABLE_FIGURES.map(({ figure }, i) => (
        <Table.Summary.Cell key={figure} index={FIGURE_START + i} align="right">
          <span data-testid={`events-total-${figure}`}>{totals ? totals[figure] : '—'}</span>
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );
}

/** 活动: outreach events (科技三下乡、科技活动周、培训…), with every figure summed under the filters. */
export function EventsPage() {
  const list = useListQuery(listEventsQuerySchema);
  const events = useEvents(list.query);
  const [creating, setCreating] = useState(false);
  const mayCreate = events.data?.policies.create ?? false;

  return (
    <>
      <ListPage<Event, typeof list.query>
        title="活动"
        description="科技三下乡、科技活动周、培训班等科技宣传活动;合计行统计筛选条件下的全部活动。"
        create={{ label: '登记活动', onClick: () => setCreating(true) }}
        list={list}
        filters={FILTERS}
        actions={<ExportButton path="/events" query={list.query} />}
        result={events}
        columns={COLUMNS}
        rowTestId={(e) => `event-row-${e.id}`}
        scrollX={1120}
        emptyText={{ filtered: '没有符合条件的活动', empty: '暂无活动,点击右上角“登记活动”登记' }}
        totalText={(total) => `共 ${total} 次活动`}
        summary={() => (
          <Table.Summary>
            <TotalsRow totals={events.data?.totals} />
          </Table.Summary>
        )}
      />
      {mayCreate ? <EventFormModal open={creating} event={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
