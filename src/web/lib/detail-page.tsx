import type { ReactNode } from 'react';
import { Button, Result, Skeleton, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/ui/page-header';
import { QueryError } from '../components/ui/query-error';
import { ApiError } from './api-client';
import { type ActionRecord, RecordActions, type RecordActionsProps } from './record-actions';

// A detail page (/projects/:id, /events/:id …) reads its id from the path, loads one record and
// shows it; before that it is loading, or the id is not a record (404), or the load failed.

/** The `:id` of the route as a positive integer, or 0 when it is not one (the page then shows 404). */
export function useDetailId(param = 'id'): number {
  const value = useParams()[param];
  const id = Number(value);
  return value && Number.isInteger(id) && id > 0 ? id : 0;
}

/** What the scaffold needs of a record's `useQuery` (called with `enabled: id > 0`). */
export interface DetailResult<T> {
  data?: T;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface DetailScaffoldProps<T> {
  /** From useDetailId(): 0 shows the 404 without asking the server. */
  id: number;
  result: DetailResult<T>;
  /** The 404's title ("项目不存在"). */
  notFound: string;
  /** Where the 404 offers to go ("返回项目库"). */
  back?: { to: string; label: string };
  children: (record: T) => ReactNode;
}

/** Loading, 404 and error states of a detail page; `children` draws the record once it is here. */
export function DetailScaffold<T>({ id, result, notFound, back, children }: DetailScaffoldProps<T>) {
  const missing = id <= 0 || (result.isError && result.error instanceof ApiError && result.error.status === 404);
  if (missing) {
    return (
      <Result
        status="404"
        title={notFound}
        extra={
          back ? (
            <Link to={back.to}>
              <Button type="primary">{back.label}</Button>
            </Link>
          ) : undefined
        }
      />
    );
  }
  if (result.isError) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (result.data === undefined) return <Skeleton active />;
  return <>{children(result.data)}</>;
}

interface DetailPageProps<T> {
  /** The record's query hook (`useProject`), called with the route's id (0 when it is not one). */
  useRecord: (id: number) => DetailResult<T>;
  notFound: string;
  back?: { to: string; label: string };
  children: (record: T) => ReactNode;
}

/** A whole detail page in one: the route's id, the record's query and the scaffold around `children`. */
export function DetailPage<T>({ useRecord, notFound, back, children }: DetailPageProps<T>) {
  const id = useDetailId();
  const result = useRecord(id);
  return (
    <DetailScaffold id={id} result={result} notFound={notFound} back={back}>
      {children}
    </DetailScaffold>
  );
}

interface DetailHeaderProps<T> extends Partial<RecordActionsProps<T>> {
  /** The record's name. */
  title: ReactNode;
  /** Next to the name (its stage, status or kind). */
  tag?: ReactNode;
  /** The list it belongs to: "← 返回企业与基地" under the name, and where a delete leaves for. */
  back: { to: string; label: string };
}

/**
 * A detail page's title line: the record's name (and tag), the way back to its list, and on the
 * right RecordActions (`extra`, 编辑, 删除 from the record's policies; after a delete, the list).
 */
export function DetailHeader<T extends ActionRecord>({ title, tag, back, record, leaveTo = back.to, ...actions }: DetailHeaderProps<T>) {
  return (
    <PageHeader
      title={
        tag ? (
          <Space size={10} wrap>
            <span>{title}</span>
            {tag}
          </Space>
        ) : (
          title
        )
      }
      description={
        <Link to={back.to} style={{ fontSize: 13 }}>
          {`← ${back.label}`}
        </Link>
      }
      extra={record ? <RecordActions record={record} leaveTo={leaveTo} {...actions} /> : actions.extra}
    />
  );
}
