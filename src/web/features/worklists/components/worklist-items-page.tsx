import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Result,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Item, Worklist } from '../../../../shared/worklists.js';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { rowTestId } from '../../../components/ui/test-id';
import { useMe } from '../../../lib/auth';
import { formatDate } from '../../../utils/format';
import { type ItemSort, type ItemsQuery, useItems } from '../api/items';
import { useWorklist } from '../api/worklists';
import { FieldInput, PersonSelect } from './field-input';
import { ItemFormModal } from './item-form-modal';
import { DeadlineText } from './deadline-text';
import { ItemStatusTag, type WorklistField, fieldText, visibleFields } from './worklist-display';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_PAGE_SIZE = 20;
const SORTS: readonly ItemSort[] = ['registeredDate', 'deadline', 'updatedAt', 'status'];
/** Field types whose filter is a contains match, typed and submitted; the others filter as soon as a value is picked. */
const TEXT_TYPES = new Set(['text', 'longtext', 'household']);
/** Field types whose values (and so their filters) are numbers or ids. */
const NUMERIC_TYPES = new Set(['number', 'money', 'person', 'place', 'enterprise', 'item']);

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Filters, sort and page in the URL (field filters as `f.<fieldKey>`, as the API takes them). */
function useItemsQuery(): [ItemsQuery, (patch: Partial<ItemsQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('deadlineFrom');
  const to = params.get('deadlineTo');
  const sort = params.get('sort');
  const order = params.get('order');
  const fields: Record<string, string> = {};
  for (const [key, value] of params) if (key.startsWith('f.') && key.length > 2 && value) fields[key.slice(2)] = value;
  const statuses = params.getAll('status').filter(Boolean);
  const query: ItemsQuery = {
    q: params.get('q') || undefined,
    status: statuses.length ? statuses : undefined,
    responsibleId: positiveInt(params.get('responsibleId')),
    overdue: params.get('overdue') === 'yes' ? 'yes' : undefined,
    deadlineFrom: from && DATE.test(from) ? from : undefined,
    deadlineTo: to && DATE.test(to) ? to : undefined,
    sort: sort && (SORTS as readonly string[]).includes(sort) ? (sort as ItemSort) : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE,
    fields,
  };
  const update = (patch: Partial<ItemsQuery>) => {
    const next: ItemsQuery = { ...query, ...patch };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (key === 'fields' || value === undefined || value === null || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) continue;
      if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
      else search.set(key, String(value));
    }
    for (const [key, value] of Object.entries(next.fields)) if (value) search.set(`f.${key}`, value);
    setParams(search, { replace: true });
  };
  return [query, update];
}

/** 台账条目 (/worklists/:id): the list's items, a column per field, filtered by anything the URL holds. */
export function WorklistItemsPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const list = useWorklist(valid ? id : 0);
  if (!valid) return <Result status="404" title="台账不存在" />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Skeleton active />;
  return <WorklistItems list={list.data} />;
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

function WorklistItems({ list }: { list: Worklist }) {
  const me = useMe();
  const navigate = useNavigate();
  const [query, setQuery] = useItemsQuery();
  const items = useItems(list.id, query);
  const [keyword, setKeyword] = useState(query.q ?? '');
  useEffect(() => setKeyword(query.q ?? ''), [query.q]);
  const [adding, setAdding] = useState(false);
  const fields = visibleFields(list);
  const filterKeys = Object.keys(query.fields);
  const [filterFieldKey, setFilterFieldKey] = useState<string | undefined>(filterKeys[0]);
  useEffect(() => {
    if (filterKeys.length && !filterKeys.includes(filterFieldKey ?? '')) setFilterFieldKey(filterKeys[0]);
  }, [filterKeys.join()]);
  const filterField = list.fields.find((f) => f.key === filterFieldKey);
  const canWrite = me.role !== 'commissioner';
  const canDesign = me.role === 'admin' || me.role === 'leader';

  const sortOrderOf = (sort: ItemSort) => ((query.sort ?? 'registeredDate') === sort ? ((query.order ?? 'desc') === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableColumnsType<Item> = fields.map((field, index) => ({
    title: field.type === 'number' && field.unit ? `${field.label}(${field.unit})` : field.label,
    key: `f.${field.key}`,
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
  columns.push({
    title: '状态',
    key: 'status',
    width: 100,
    sorter: true,
    sortOrder: sortOrderOf('status'),
    render: (_, item) => <ItemStatusTag label={item.statusLabel} done={item.done} />,
  });
  if (list.hasResponsible) {
    columns.push({ title: '责任人', dataIndex: 'responsibleName', key: 'responsible', width: 130, render: (v: string | null) => v ?? '—' });
  }
  if (list.hasDeadline) {
    columns.push({
      title: '期限',
      key: 'deadline',
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf('deadline'),
      render: (_, item) => <DeadlineText deadline={item.deadline} overdue={item.overdue} />,
    });
  }
  columns.push({
    title: '登记日期',
    dataIndex: 'registeredDate',
    key: 'registeredDate',
    width: 116,
    sorter: true,
    sortOrder: sortOrderOf('registeredDate'),
    render: formatDate,
  });

  const onTableChange: TableProps<Item>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const sort = s?.order ? (String(s.columnKey) as ItemSort) : undefined;
      setQuery({ sort, order: sort ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined, page: 1 });
      return;
    }
    const pageSize = pagination.pageSize ?? query.pageSize;
    setQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page: pagination.current ?? 1 });
  };

  const setFieldFilter = (key: string, value: string | undefined) => {
    const next = { ...query.fields };
    if (value === undefined) delete next[key];
    else next[key] = value;
    setQuery({ fields: next, page: 1 });
  };

  const filtered =
    !!query.q || !!query.status || !!query.responsibleId || !!query.overdue || !!query.deadlineFrom || !!query.deadlineTo || filterKeys.length > 0;
  const clearFilters = () => {
    setFilterFieldKey(undefined);
    setQuery({
      q: undefined,
      status: undefined,
      responsibleId: undefined,
      overdue: undefined,
      deadlineFrom: undefined,
      deadlineTo: undefined,
      fields: {},
      page: 1,
    });
  };

  return (
    <>
      <PageHeader
        title={
          <Space size={10} wrap>
            <span>{list.name}</span>
            {list.archived ? <Tag>已归档</Tag> : null}
          </Space>
        }
        description={
          <>
            <Link to="/worklists" style={{ fontSize: 13 }}>
              ← 返回工作台账
            </Link>
            {list.topic ? <span style={{ marginInlineStart: 12 }}>{list.topic}</span> : null}
            {list.description ? <span style={{ display: 'block', marginTop: 4 }}>{list.description}</span> : null}
          </>
        }
        extra={
          <>
            {canDesign ? (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/worklists/${list.id}/design`)}>
                设计台账
              </Button>
            ) : null}
            {canWrite && !list.archived ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                新增条目
              </Button>
            ) : null}
          </>
        }
      />
      {items.isError ? <QueryError error={items.error} onRetry={() => void items.refetch()} /> : null}
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="搜索条目内容"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(value) => setQuery({ q: value.trim() || undefined, page: 1 })}
            style={{ width: 220 }}
            aria-label="搜索条目"
          />
          <Select<string[]>
            mode="multiple"
            placeholder="全部状态"
            allowClear
            maxTagCount="responsive"
            options={list.statuses.map((s) => ({ value: s.key, label: s.label }))}
            value={query.status ?? []}
            onChange={(status) => setQuery({ status: status.length ? status : undefined, page: 1 })}
            style={{ width: 200 }}
            aria-label="状态筛选"
          />
          {list.hasResponsible ? (
            <PersonSelect
              value={query.responsibleId ?? null}
              onChange={(responsibleId) => setQuery({ responsibleId: responsibleId ?? undefined, page: 1 })}
              placeholder="全部责任人"
              style={{ width: 170 }}
              aria-label="责任人筛选"
            />
          ) : null}
          {list.hasDeadline ? (
            <>
              <DatePicker.RangePicker
                value={[query.deadlineFrom ? dayjs(query.deadlineFrom) : null, query.deadlineTo ? dayjs(query.deadlineTo) : null]}
                onChange={(range) => setQuery({ deadlineFrom: range?.[0]?.format('YYYY-MM-DD'), deadlineTo: range?.[1]?.format('YYYY-MM-DD'), page: 1 })}
                allowEmpty={[true, true]}
                placeholder={['期限从', '期限到']}
                aria-label="期限范围"
              />
              <Space size={6}>
                <Switch
                  size="small"
                  checked={query.overdue === 'yes'}
                  onChange={(on) => setQuery({ overdue: on ? 'yes' : undefined, page: 1 })}
                  aria-label="仅看逾期"
                />
                <Typography.Text>仅看逾期</Typography.Text>
              </Space>
            </>
          ) : null}
          <Space.Compact>
            <Select<string>
              placeholder="按字段筛选"
              allowClear
              options={fields.map((f) => ({ value: f.key, label: f.label }))}
              value={filterFieldKey}
              onChange={(key) => {
                if (filterFieldKey && query.fields[filterFieldKey] !== undefined) setFieldFilter(filterFieldKey, undefined);
                setFilterFieldKey(key);
              }}
              style={{ width: 130 }}
              aria-label="筛选字段"
            />
            {filterField ? (
              <FieldFilterValue field={filterField} value={query.fields[filterField.key]} onChange={(v) => setFieldFilter(filterField.key, v)} />
            ) : null}
          </Space.Compact>
          {filterKeys
            .filter((key) => key !== filterFieldKey)
            .map((key) => (
              <Tag key={key} closable onClose={() => setFieldFilter(key, undefined)}>
                {list.fields.find((f) => f.key === key)?.label ?? key}:{query.fields[key]}
              </Tag>
            ))}
          {filtered ? (
            <Button type="link" onClick={clearFilters} style={{ paddingInline: 4 }}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
        <Table<Item>
          rowKey="id"
          columns={columns}
          dataSource={items.data?.items ?? []}
          loading={items.isFetching}
          scroll={{ x: Math.max(800, fields.length * 150 + 400) }}
          onChange={onTableChange}
          onRow={(item) => ({
            ...rowTestId(`item-row-${item.id}`),
            onClick: (e) => {
              if (!(e.target as HTMLElement).closest('a,button')) navigate(`/worklist-items/${item.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          sortDirections={['ascend', 'descend']}
          locale={{ emptyText: filtered ? '没有符合条件的条目' : canWrite ? '暂无条目,点击右上角“新增条目”登记' : '暂无条目' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: items.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
          }}
        />
      </Card>
      {canWrite ? <ItemFormModal list={list} open={adding} editing={null} onClose={() => setAdding(false)} /> : null}
    </>
  );
}
