import { useEffect, useState } from 'react';
import { Button, Card, Input, Select, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { type Item, type Worklist, listItemsQuerySchema } from '../../../../shared/worklists.js';
import { PageHeader } from '../../../components/ui/page-header';
import { DetailPage } from '../../../lib/detail-page';
import { FilterBar, type FilterField } from '../../../lib/filter-bar';
import { type ListQueryState, useListQuery } from '../../../lib/list-query';
import { ListTable } from '../../../lib/list-table';
import { formatDate } from '../../../utils/format';
import { useItems } from '../api/items';
import { useWorklist } from '../api/worklists';
import { FieldInput } from './field-input';
import { ItemFormModal } from './item-form-modal';
import { DeadlineText } from './deadline-text';
import { ItemStatusTag, type WorklistField, fieldText, visibleFields } from './worklist-display';

/** The items' URL query: the schema's keys and the field filters `f.<fieldKey>` (its catch-all), as the API takes them. */
type ItemsListQuery = z.output<typeof listItemsQuerySchema>;
type ItemsList = ListQueryState<ItemsListQuery>;

/** Field types whose filter is a contains match, typed and submitted; the others filter as soon as a value is picked. */
const TEXT_TYPES = new Set(['text', 'longtext', 'household']);
/** Field types whose values (and so their filters) are numbers or ids. */
const NUMERIC_TYPES = new Set(['number', 'money', 'person', 'place', 'enterprise', 'item']);
const FIELD_PARAM = 'f.';

/** 台账条目 (/worklists/:id): the list's items, a column per field, filtered by anything the URL holds. */
export function WorklistItemsPage() {
  return (
    <DetailPage useRecord={useWorklist} notFound="台账不存在" back={{ to: '/worklists', label: '返回工作台账' }}>
      {(worklist) => <WorklistItems worklist={worklist} />}
    </DetailPage>
  );
}

/** The field filters the query holds, by field key (`f.size=大` → ['size', '大']). */
function fieldFilters(query: ItemsListQuery): [string, string][] {
  return Object.entries(query).flatMap(([param, value]) =>
    param.startsWith(FIELD_PARAM) && param.length > FIELD_PARAM.length && typeof value === 'string' && value ? [[param.slice(FIELD_PARAM.length), value]] : [],
  );
}

const setFieldFilter = (list: ItemsList, key: string, value: string | undefined) => list.setQuery({ [`${FIELD_PARAM}${key}`]: value });

/** The filters a list offers: its statuses, and 责任人 and 期限 when it has them, then one of its fields. */
function itemFilters(worklist: Worklist): FilterField<ItemsListQuery>[] {
  const statuses = worklist.statuses.map((s) => ({ value: s.key, label: s.label }));
  const responsible: FilterField<ItemsListQuery>[] = [{ kind: 'user', key: 'responsibleId', placeholder: '全部责任人', ariaLabel: '责任人筛选', width: 170 }];
  const deadline: FilterField<ItemsListQuery>[] = [
    { kind: 'dateRange', from: 'deadlineFrom', to: 'deadlineTo', placeholder: ['期限从', '期限到'], ariaLabel: '期限范围' },
    { kind: 'custom', id: 'overdue', render: (list) => <OverdueSwitch list={list} /> },
  ];
  return [
    { kind: 'text', key: 'q', placeholder: '搜索条目内容', ariaLabel: '搜索条目', width: 220 },
    { kind: 'enum', key: 'status', options: statuses, multiple: true, placeholder: '全部状态', ariaLabel: '状态筛选', width: 200 },
    ...(worklist.hasResponsible ? responsible : []),
    ...(worklist.hasDeadline ? deadline : []),
    { kind: 'custom', id: 'fieldFilter', render: (list) => <FieldFilter worklist={worklist} list={list} /> },
  ];
}

/** 仅看逾期. */
function OverdueSwitch({ list }: { list: ItemsList }) {
  return (
    <Space size={6}>
      <Switch size="small" checked={list.query.overdue === 'yes'} onChange={(on) => list.setQuery({ overdue: on ? 'yes' : undefined })} aria-label="仅看逾期" />
      <Typography.Text>仅看逾期</Typography.Text>
    </Space>
  );
}

/** 按字段筛选: pick a field, then its value; the filters on other fields stay, as closable tags. */
function FieldFilter({ worklist, list }: { worklist: Worklist; list: ItemsList }) {
  const active = fieldFilters(list.query);
  const activeKeys = active.map(([key]) => key);
  const [chosenKey, setChosenKey] = useState<string | undefined>(activeKeys[0]);
  // A field filtered from the URL (a link, back/forward) becomes the one shown when the shown one is not filtered.
  const filteredKeys = activeKeys.join('\n');
  useEffect(() => {
    const keys = filteredKeys ? filteredKeys.split('\n') : [];
    setChosenKey((shown) => (keys.length && !keys.includes(shown ?? '') ? keys[0] : shown));
  }, [filteredKeys]);
  const chosen = worklist.fields.find((f) => f.key === chosenKey);
  const valueOf = (key: string) => active.find(([k]) => k === key)?.[1];

  return (
    <>
      <Space.Compact>
        <Select<string>
          placeholder="按字段筛选"
          allowClear
          options={visibleFields(worklist).map((f) => ({ value: f.key, label: f.label }))}
          value={chosenKey}
          onChange={(key) => {
            if (chosenKey && valueOf(chosenKey) !== undefined) setFieldFilter(list, chosenKey, undefined);
            setChosenKey(key);
          }}
          style={{ width: 130 }}
          aria-label="筛选字段"
        />
        {chosen ? <FieldFilterValue field={chosen} value={valueOf(chosen.key)} onChange={(v) => setFieldFilter(list, chosen.key, v)} /> : null}
      </Space.Compact>
      {active
        .filter(([key]) => key !== chosenKey)
        .map(([key, value]) => (
          <Tag key={key} closable onClose={() => setFieldFilter(list, key, undefined)}>
            {worklist.fields.find((f) => f.key === key)?.label ?? key}:{value}
          </Tag>
        ))}
    </>
  );
}

/** The value picker of one field filter; text fields are typed and submitted, the others apply when picked. */
function FieldFilterValue({ field, value, onChange }: { field: WorklistField; value: string | undefined; onChange: (v: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value, field.key]);
  if (TEXT_TYPES.has(field.type)) {
    return (
      <Input.Search
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => onChange(v.trim() || undefined)}
        placeholder={`${field.label}包含`}
        style={{ width: 200 }}
        aria-label="字段筛选值"
      />
    );
  }
  const current = value === undefined ? null : NUMERIC_TYPES.has(field.type) ? Number(value) : value;
  return (
    <FieldInput
      field={field}
      value={current}
      onChange={(v) => onChange(v === null || v === undefined || v === '' ? undefined : String(v))}
      style={{ width: 200 }}
      aria-label="字段筛选值"
    />
  );
}

/** A column per visible field (the first links to the item), then 状态, 责任人, 期限 and 登记日期; the sortable ones by the schema's `sort`. */
function itemColumns(worklist: Worklist): TableColumnsType<Item> {
  const columns: TableColumnsType<Item> = visibleFields(worklist).map((field, index) => ({
    title: field.type === 'number' && field.unit ? `${field.label}(${field.unit})` : field.label,
    key: `${FIELD_PARAM}${field.key}`,
    ellipsis: field.type === 'longtext',
    align: field.type === 'number' || field.type === 'money' ? 'right' : undefined,
    render: (_: unknown, item: Item) => {
      const text =
        field.type === 'number' && field.unit && item.values[field.key] !== null && item.values[field.key] !== undefined
          ? String(item.values[field.key])
          : fieldText(field, item.values, item.display);
      return index === 0 ? <Link to={`/worklist-items/${item.id}`}>{text === '—' ? item.title : text}</Link> : text;
    },
  }));
  columns.push({ title: '状态', key: 'status', width: 100, sorter: true, render: (_, item) => <ItemStatusTag label={item.statusLabel} done={item.done} /> });
  if (worklist.hasResponsible) {
    columns.push({ title: '责任人', dataIndex: 'responsibleName', key: 'responsible', width: 130, render: (v: string | null) => v ?? '—' });
  }
  if (worklist.hasDeadline) {
    columns.push({
      title: '期限',
      key: 'deadline',
      width: 150,
      sorter: true,
      render: (_, item) => <DeadlineText deadline={item.deadline} overdue={item.overdue} />,
    });
  }
  columns.push({ title: '登记日期', dataIndex: 'registeredDate', key: 'registeredDate', width: 116, sorter: true, render: formatDate });
  return columns;
}

function WorklistItems({ worklist }: { worklist: Worklist }) {
  const navigate = useNavigate();
  const list = useListQuery(listItemsQuerySchema);
  const items = useItems(worklist.id, list.query);
  const [adding, setAdding] = useState(false);
  // An archived list takes no new items (a 409 its own `archived` announces).
  const mayAdd = worklist.policies.createItem && !worklist.archived;

  return (
    <>
      <PageHeader
        title={
          <Space size={10} wrap>
            <span>{worklist.name}</span>
            {worklist.archived ? <Tag>已归档</Tag> : null}
          </Space>
        }
        description={
          <>
            <Link to="/worklists" style={{ fontSize: 13 }}>
              ← 返回工作台账
            </Link>
            {worklist.topic ? <span style={{ marginInlineStart: 12 }}>{worklist.topic}</span> : null}
            {worklist.description ? <span style={{ display: 'block', marginTop: 4 }}>{worklist.description}</span> : null}
          </>
        }
        extra={
          <>
            {worklist.policies.update ? (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/worklists/${worklist.id}/design`)}>
                设计台账
              </Button>
            ) : null}
            {mayAdd ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                新增条目
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <FilterBar list={list} fields={itemFilters(worklist)} />
        <ListTable<Item, ItemsListQuery>
          list={list}
          result={items}
          columns={itemColumns(worklist)}
          rowTestId={(item) => `item-row-${item.id}`}
          rowLink={(item) => `/worklist-items/${item.id}`}
          scrollX={Math.max(800, visibleFields(worklist).length * 150 + 400)}
          emptyText={{ filtered: '没有符合条件的条目', empty: mayAdd ? '暂无条目,点击右上角“新增条目”登记' : '暂无条目' }}
          totalText={(total) => `共 ${total} 条`}
        />
      </Card>
      {mayAdd ? <ItemFormModal list={worklist} open={adding} editing={null} onClose={() => setAdding(false)} /> : null}
    </>
  );
}
