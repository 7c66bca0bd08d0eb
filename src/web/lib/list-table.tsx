import type { MouseEvent, ReactNode } from 'react';
import { Table, type TableColumnsType, type TableProps } from 'antd';
import { useNavigate } from 'react-router';
import type { SortOrder } from 'antd/es/table/interface';
import type { Page } from '../../shared/common.js';
import { QueryError } from '../components/ui/query-error';
import { rowTestId as testIdProps } from '../components/ui/test-id';
import type { ListQueryState } from './list-query';
import { type ActionRecord, type RowActions, withRowActions } from './record-actions';

// The table of a list page: rows, sort and page come from the server, so the table only shows
// the query's sort and page and writes changes back to the URL (through useListQuery).
// Sort, by what the list's schema offers:
// - a `sort` enum (projects, enterprises, work-list items): a column sorts when it has
//   `sorter: true` and its `key` is one of the enum's values; `order` says which way;
// - only `order` (events, visits: newest first): every `sorter: true` column shows that order,
//   descending first, and clicking flips it.

/** What the table needs of a list's `useQuery`. */
export interface ListResult<T> {
  /** `policies` is read by ListPage (its add button); a list without it has none. */
  data?: Pick<Page<T>, 'items' | 'total'> & Partial<Pick<Page<T>, 'policies'>>;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

export interface ListTableProps<T, Q> {
  list: ListQueryState<Q>;
  result: ListResult<T>;
  columns: TableColumnsType<T>;
  /**
   * The 操作 column (fixed right), from each row's policies: 编辑, 删除 after a confirm, `extra`
   * buttons; left out when no row on the page allows anything.
   */
  rowActions?: RowActions<T>;
  /** The data-testid of a row (`project-row-12`), for tests where the same button repeats on every row. */
  rowTestId?: (row: T) => string;
  /** Where a click anywhere on a row leads (its record's page); clicks on the row's links, buttons and inputs keep their own meaning. */
  rowLink?: (row: T) => string;
  rowKey?: TableProps<T>['rowKey'];
  /** What an empty table says with and without filters. */
  emptyText: { filtered: ReactNode; empty: ReactNode };
  /** The pager's total ("共 12 个项目"). */
  totalText: (total: number) => ReactNode;
  scrollX?: number;
  summary?: TableProps<T>['summary'];
  size?: TableProps<T>['size'];
  /** Rows that open onto more (the audit log's diff). */
  expandable?: TableProps<T>['expandable'];
  /** Above the table, right-aligned: list-wide actions such as the export button, when there is no filter bar. */
  toolbar?: ReactNode;
  /** Under the table (a note on what the filters mean). */
  footer?: ReactNode;
}

type Order = 'asc' | 'desc';
type Arranged = { sort?: string; order?: Order; page: number; pageSize: number };

/** A server-sorted, server-paged table of a list page, with its error and empty states. */
export function ListTable<T extends ActionRecord, Q>({
  list,
  result,
  columns,
  rowActions,
  rowTestId,
  rowLink,
  rowKey = 'id',
  emptyText,
  totalText,
  scrollX,
  summary,
  size,
  expandable,
  toolbar,
  footer,
}: ListTableProps<T, Q>) {
  const navigate = useNavigate();
  const query = list.query as unknown as Arranged;
  const arrange = list.setQuery as unknown as (patch: Partial<Arranged>) => void;
  const bySort = list.sorts.length > 0;
  const sortOrderOf = (key: unknown): SortOrder => {
    const way: SortOrder = query.order === 'asc' ? 'ascend' : 'descend';
    if (!bySort) return list.ordered ? way : null;
    return query.sort === key && list.sorts.includes(String(key)) ? way : null;
  };
  const all = withRowActions(columns, result.data?.items, rowActions && { fixed: 'right', ...rowActions });
  const shown = all.map((column) => (column.sorter ? { ...column, sortOrder: sortOrderOf(column.key) } : column));

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const order: Order | undefined = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : undefined;
      if (bySort) {
        const sort = order && list.sorts.includes(String(s?.columnKey)) ? String(s?.columnKey) : undefined;
        arrange({ sort, order: sort ? order : undefined });
      } else {
        arrange({ order });
      }
      return;
    }
    const pageSize = pagination.pageSize ?? query.pageSize;
    arrange(pageSize !== query.pageSize ? { pageSize } : { page: pagination.current ?? 1 });
  };

  return (
    <>
      {result.isError ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
      {toolbar ? <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginBottom: 16 }}>{toolbar}</div> : null}
      <Table<T>
        rowKey={rowKey}
        columns={shown}
        dataSource={result.data?.items ?? []}
        loading={result.isFetching}
        scroll={scrollX ? { x: scrollX } : undefined}
        size={size}
        expandable={expandable}
        onChange={onChange}
        onRow={(row) => ({
          ...(rowTestId ? testIdProps(rowTestId(row)) : {}),
          ...(rowLink
            ? {
                onClick: (e: MouseEvent<HTMLElement>) => {
                  if (!(e.target as HTMLElement).closest('a,button,input,label,.ant-select,.ant-checkbox,.ant-table-row-expand-icon')) navigate(rowLink(row));
                },
                style: { cursor: 'pointer' },
              }
            : {}),
        })}
        sortDirections={bySort ? ['ascend', 'descend'] : ['descend', 'ascend']}
        locale={{ emptyText: list.filtered ? emptyText.filtered : emptyText.empty }}
        summary={summary}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => totalText(total),
        }}
      />
      {footer}
    </>
  );
}

interface RecordsTableProps<T> {
  /** The records, or `result` (a `{ items }` query: its error shows with 重试, loading while it fetches). */
  rows?: readonly T[];
  result?: Omit<ListResult<T>, 'data'> & { data?: { items: T[] } };
  columns: TableColumnsType<T>;
  /** The 操作 column from each row's policies (see ListTable). */
  rowActions?: RowActions<T>;
  rowTestId: (row: T) => string;
  emptyText: ReactNode;
  scrollX?: number;
}

/** A detail page's small table of the record's own records (supports, milestones …): every row, no pager. */
export function RecordsTable<T extends ActionRecord>({ rows, result, columns, rowActions, rowTestId, emptyText, scrollX }: RecordsTableProps<T>) {
  const data = rows ?? result?.data?.items ?? [];
  return (
    <>
      {result?.isError ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
      <Table<T>
        rowKey="id"
        size="small"
        columns={withRowActions(columns, data, rowActions)}
        dataSource={[...data]}
        loading={result?.isFetching}
        pagination={false}
        scroll={scrollX ? { x: scrollX } : undefined}
        onRow={(row) => testIdProps(rowTestId(row))}
        locale={{ emptyText }}
      />
    </>
  );
}
