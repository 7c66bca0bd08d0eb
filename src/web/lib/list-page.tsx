import type { ReactNode } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ListPolicies } from '../../shared/policies.js';
import { PageHeader } from '../components/ui/page-header';
import { FilterBar, type FilterField } from './filter-bar';
import type { ListQueryState } from './list-query';
import { ListTable, type ListTableProps } from './list-table';
import type { ActionRecord } from './record-actions';

interface ListHeadProps<Q> {
  title: ReactNode;
  description?: ReactNode;
  /** The header's add button ("登记企业/基地"), shown when the list's `policies.create` says so. */
  create?: { label: string; onClick: () => void };
  /** Other header buttons, before the add button. */
  extra?: ReactNode;
  /** Between the header and the card (the projects' stage bar). */
  above?: ReactNode;
  list: ListQueryState<Q>;
  filters: readonly FilterField<Q>[];
  /** The filter bar's right side (the export button). */
  actions?: ReactNode;
}

/**
 * Under the filters: a ListTable from the table's props (`columns`, `result`, `rowActions` …), or
 * the page's own table as `children` (then `result` only serves the add button).
 */
type ListBody<T, Q> =
  (Omit<ListTableProps<T, Q>, 'list'> & { children?: undefined }) | { children: ReactNode; result?: { data?: { policies?: ListPolicies } } };

export type ListPageProps<T, Q> = ListHeadProps<Q> & ListBody<T, Q>;

/**
 * A list page: the title line with its add button (from the list's `policies.create`), then a card
 * with the filter bar over the table.
 */
export function ListPage<T extends ActionRecord, Q>(props: ListPageProps<T, Q>) {
  const { title, description, create, extra, above, list, filters, actions, ...body } = props;
  const button =
    create && body.result?.data?.policies?.create ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick}>
        {create.label}
      </Button>
    ) : null;
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        extra={
          extra || button ? (
            <>
              {extra}
              {button}
            </>
          ) : undefined
        }
      />
      {above}
      <Card>
        <FilterBar list={list} fields={filters} actions={actions} />
        {'columns' in body ? <ListTable<T, Q> list={list} {...body} /> : body.children}
      </Card>
    </>
  );
}
