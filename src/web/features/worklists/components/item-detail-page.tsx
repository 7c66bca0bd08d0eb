import { useState } from 'react';
import { Card, Col, Descriptions, Flex, Row, Typography, type DescriptionsProps } from 'antd';
import type { ItemDetail, Worklist } from '../../../../shared/worklists.js';
import { useMe } from '../../../lib/auth';
import { DetailHeader, DetailPage, DetailScaffold } from '../../../lib/detail-page';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useDeleteItem, useItem } from '../api/items';
import { useWorklist } from '../api/worklists';
import { DeadlineText } from './deadline-text';
import { ItemFormModal } from './item-form-modal';
import { ProgressCard } from './progress-card';
import { ItemStatusTag, fieldText } from './worklist-display';

/** 条目详情 (/worklist-items/:id): the item's values, status and deadline, its progress and the 记录进展 form. */
export function ItemDetailPage() {
  return (
    <DetailPage useRecord={useItem} notFound="条目不存在" back={{ to: '/worklists', label: '返回工作台账' }}>
      {(item) => <ItemWithList item={item} />}
    </DetailPage>
  );
}

/** The item's list, whose definition names and orders its values. */
function ItemWithList({ item }: { item: ItemDetail }) {
  const list = useWorklist(item.listId);
  return (
    <DetailScaffold id={item.listId} result={list} notFound="台账不存在">
      {(worklist) => <ItemDetailView item={item} list={worklist} />}
    </DetailScaffold>
  );
}

function ItemDetailView({ item, list }: { item: ItemDetail; list: Worklist }) {
  const me = useMe();
  const remove = useDeleteItem();
  const [editing, setEditing] = useState(false);
  const mayUpdate = item.policies.update;

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

  return (
    <>
      <DetailHeader
        title={item.title}
        tag={
          <span data-testid="item-status">
            <ItemStatusTag label={item.statusLabel} done={item.done} />
          </span>
        }
        back={{ to: `/worklists/${list.id}`, label: `返回「${list.name}」` }}
        record={item}
        onEdit={() => setEditing(true)}
        remove={{ ...remove, title: '删除这个条目?', description: '进展记录将一并删除,且不能恢复。', success: `已删除「${item.title}」` }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title="条目内容">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={values} />
            </Card>
            <Card title="办理情况">
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={state} />
              {!mayUpdate && me.policies.writeLedgers ? (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                  只能修改本股室的记录或自己负责的条目。
                </Typography.Text>
              ) : null}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <ProgressCard list={list} item={item} />
        </Col>
      </Row>
      {mayUpdate ? <ItemFormModal list={list} open={editing} editing={item} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
