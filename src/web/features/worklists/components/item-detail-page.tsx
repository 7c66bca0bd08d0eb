import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Popconfirm, Result, Row, Skeleton, Space, Typography, type DescriptionsProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { Me } from '../../../../shared/auth.js';
import type { ItemDetail, Worklist } from '../../../../shared/worklists.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { useMe } from '../../../lib/auth';
import { showApiError } from '../../../lib/form';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useDeleteItem, useItem } from '../api/items';
import { useWorklist } from '../api/worklists';
import { DeadlineText } from './deadline-text';
import { ItemFormModal } from './item-form-modal';
import { ProgressCard } from './progress-card';
import { ItemStatusTag, fieldText } from './worklist-display';

/** 条目详情 (/worklist-items/:id): the item's values, status and deadline, its progress and the 记录进展 form. */
export function ItemDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const item = useItem(valid ? id : 0);
  const list = useWorklist(item.data?.listId ?? 0);

  if (!valid) return <Result status="404" title="条目不存在" />;
  if (item.isError) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!item.data || !list.data) return <Skeleton active />;
  return <ItemDetailView item={item.data} list={list.data} />;
}

/**
 * Who may change the item, as the server decides it: leaders and admins, the staff of its section
 * (or of none), and the person responsible for it. The server has the last word (403 with its reason).
 */
function mayEdit(me: Me, item: ItemDetail): boolean {
  if (me.role === 'admin' || me.role === 'leader') return true;
  if (me.role !== 'staff') return false;
  return item.sectionId === null || item.sectionId === me.section?.id || item.responsibleId === me.id;
}

function ItemDetailView({ item, list }: { item: ItemDetail; list: Worklist }) {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteItem();
  const [editing, setEditing] = useState(false);
  const canWrite = mayEdit(me, item);

  const values: DescriptionsProps['items'] = list.fields
    .filter((f) => !f.hidden || (item.values[f.key] !== null && item.values[f.key] !== undefined))
    .map((f) => ({
      key: f.key,
      label: f.hidden ? `${f.label}(已隐藏)` : f.label,
      span: f.type === 'longtext' ? 'filled' : undefined,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{fieldText(f, item.values, item.display)}</span>,
    }));
  const state: DescriptionsProps['items'] = [
    { key: 'status', label: '状态', children: <ItemStatusTag label={item.statusLabel} done={item.done} /> },
    ...(list.hasResponsible ? [{ key: 'responsible', label: '责任人', children: item.responsibleName ?? '—' }] : []),
    ...(list.hasDeadline
      ? [
          {
            key: 'deadline',
            label: '期限',
            children: (
              <span data-testid="item-deadline">
                <DeadlineText deadline={item.deadline} overdue={item.overdue} />
              </span>
            ),
          },
        ]
      : []),
    { key: 'registeredDate', label: '登记日期', children: formatDate(item.registeredDate) },
    ...(item.done
      ? [
          { key: 'closedDate', label: '销号日期', children: formatDate(item.closedDate) },
          {
            key: 'closingNote',
            label: '销号说明',
            span: 'filled' as const,
            children: (
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid="item-closing-note">
                {item.closingNote ?? '—'}
              </span>
            ),
          },
        ]
      : []),
    { key: 'updatedAt', label: '最近修改', children: formatDateTime(item.updatedAt) },
  ];

  const onDelete = () =>
    remove.mutateAsync(item.id).then(
      () => {
        void message.success(`已删除「${item.title}」`);
        navigate(`/worklists/${list.id}`);
      },
      (error: unknown) => showApiError(message, error),
    );

  return (
    <>
      <PageHeader
        title={
          <Space size={10} wrap>
            <span>{item.title}</span>
            <span data-testid="item-status">
              <ItemStatusTag label={item.statusLabel} done={item.done} />
            </span>
          </Space>
        }
        description={
          <Link to={`/worklists/${list.id}`} style={{ fontSize: 13 }}>
            ← 返回「{list.name}」
          </Link>
        }
        extra={
          canWrite ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
              <Popconfirm
                title="删除这个条目?"
                description="进展记录将一并删除,且不能恢复。"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={onDelete}
              >
                <Button danger loading={remove.isPending}>
                  删除
                </Button>
              </Popconfirm>
            </>
          ) : undefined
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title="条目内容">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={values} />
            </Card>
            <Card title="办理情况">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={state} />
              {!canWrite && me.role !== 'commissioner' ? (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                  只能修改本股室的记录或自己负责的条目。
                </Typography.Text>
              ) : null}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <ProgressCard list={list} item={item} canWrite={canWrite} />
        </Col>
      </Row>
      {canWrite ? <ItemFormModal list={list} open={editing} editing={item} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
