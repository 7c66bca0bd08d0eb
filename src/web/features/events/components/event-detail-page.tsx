import { useState } from 'react';
import { Card, Col, Flex, Descriptions, Row, Statistic, type DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { EVENT_FIGURE, EVENT_FIGURES, type Event } from '../../../../shared/events.js';
import { DetailHeader, DetailPage } from '../../../lib/detail-page';
import { formatDateTime } from '../../../utils/format';
import { useDeleteEvent, useEvent } from '../api/events';
import { EventFormModal } from './event-form-modal';
import { EventRoleTag, eventDates } from './event-display';

const multiline = (v: string | null) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—');

const BACK = { to: '/events', label: '返回活动列表' };

/** 活动详情: what, when, where, who took part, and the figures it reported. */
export function EventDetailPage() {
  return (
    <DetailPage useRecord={useEvent} notFound="活动不存在" back={BACK}>
      {(event) => <EventDetailView event={event} />}
    </DetailPage>
  );
}

function EventDetailView({ event }: { event: Event }) {
  const remove = useDeleteEvent();
  const [editing, setEditing] = useState(false);

  const items: DescriptionsProps['items'] = [
    { key: 'type', label: '活动类型', children: event.type },
    { key: 'dates', label: '日期', children: eventDates(event) },
    { key: 'role', label: '本局角色', children: <EventRoleTag role={event.role} /> },
    { key: 'organiser', label: '主办单位', children: event.organiser ?? '—' },
    {
      key: 'places',
      label: '活动地点',
      span: 'filled',
      children: event.places.length ? event.places.map((p) => p.name).join('、') : '—',
    },
    {
      key: 'enterprises',
      label: '企业/基地',
      span: 'filled',
      children: event.enterprises.length
        ? event.enterprises.map((e, i) => (
            <span key={e.id}>
              {i > 0 ? '、' : null}
              <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
            </span>
          ))
        : '—',
    },
    {
      key: 'departments',
      label: '参与部门',
      span: 'filled',
      children: event.departments.length ? event.departments.map((d) => d.name).join('、') : '—',
    },
    { key: 'notes', label: '备注', span: 'filled', children: multiline(event.notes) },
    { key: 'updatedAt', label: '最近修改', children: formatDateTime(event.updatedAt) },
  ];

  return (
    <>
      <DetailHeader
        title={event.theme}
        back={BACK}
        record={event}
        onEdit={() => setEditing(true)}
        remove={{ ...remove, title: '删除这次活动?', description: '删除后不能恢复。', success: '活动已删除' }}
      />
      <Flex vertical gap={16}>
        <Card title="活动信息">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={items} />
        </Card>
        <Card title="活动数字">
          <Row gutter={[16, 16]}>
            {EVENT_FIGURES.map((f) => (
              <Col xs={12} sm={8} md={6} key={f} data-testid={`event-figure-${f}`}>
                <Statistic
                  title={EVENT_FIGURE[f].label}
                  value={event[f] ?? '—'}
                  suffix={event[f] === null ? undefined : EVENT_FIGURE[f].unit}
                  groupSeparator=""
                />
              </Col>
            ))}
          </Row>
        </Card>
      </Flex>
      {event.policies.update ? <EventFormModal open={editing} event={event} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
