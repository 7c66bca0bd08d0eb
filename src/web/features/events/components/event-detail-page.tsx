import { useState } from 'react';
import { App, Button, Card, Col, Flex, Descriptions, Popconfirm, Result, Row, Skeleton, Statistic, type DescriptionsProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { EVENT_FIGURES, EVENT_FIGURE_LABELS, type Event } from '../../../../shared/events.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDateTime } from '../../../utils/format';
import { useDeleteEvent, useEvent } from '../api/events';
import { EventFormModal } from './event-form-modal';
import { EventRoleTag, eventDates } from './event-display';

const multiline = (v: string | null) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—');

/** 活动详情: what, when, where, who took part, and the figures it reported. */
export function EventDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const event = useEvent(valid ? id : 0);

  if (!valid) return <Result status="404" title="活动不存在" />;
  if (event.isError) return <QueryError error={event.error} onRetry={() => void event.refetch()} />;
  if (!event.data) return <Skeleton active />;
  return <EventDetailView event={event.data} />;
}

function EventDetailView({ event }: { event: Event }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteEvent();
  const [editing, setEditing] = useState(false);
  const canWrite = me.role !== 'commissioner';

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

  const onDelete = () =>
    remove.mutateAsync(event.id).then(
      () => {
        void message.success('活动已删除');
        navigate('/events');
      },
      (error: unknown) => showApiError(message, error),
    );

  return (
    <>
      <PageHeader
        title={event.theme}
        description={
          <Link to="/events" style={{ fontSize: 13 }}>
            ← 返回活动列表
          </Link>
        }
        extra={
          canWrite ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
              <Popconfirm title="删除这次活动?" description="删除后不能恢复。" okText="删除" okButtonProps={{ danger: true }} onConfirm={onDelete}>
                <Button danger loading={remove.isPending}>
                  删除
                </Button>
              </Popconfirm>
            </>
          ) : undefined
        }
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
                  title={EVENT_FIGURE_LABELS[f].label}
                  value={event[f] ?? '—'}
                  suffix={event[f] === null ? undefined : EVENT_FIGURE_LABELS[f].unit}
                  groupSeparator=""
                />
              </Col>
            ))}
          </Row>
        </Card>
      </Flex>
      {canWrite ? <EventFormModal open={editing} event={event} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
