import type { ReactNode } from 'react';
import { App, Button, Popconfirm, Space, Tooltip, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { showApiError } from './form';

// What the user may do to a record, drawn from the record's `policies` (src/shared/policies.ts):
// 编辑 when `policies.update`, 删除 (after a confirm) when `policies.delete`, plus whatever else the
// page adds. Two places show them: a table's 操作 column (actionsColumn, ListTable's `rowActions`)
// and a detail page's header (RecordActions). The server still refuses what it must (a 409 for a
// record in use is shown as a toast and nothing changes).

/** A record with the server's say on it; a record without `policies` (an older server) keeps its buttons. */
export interface ActionRecord {
  id: number;
  policies?: { update?: boolean; delete?: boolean };
}

/** Whether the record's policies allow `action`. */
export function mayDo(record: ActionRecord, action: 'update' | 'delete'): boolean {
  return record.policies ? record.policies[action] === true : true;
}

/** A text that may depend on the record ("删除「林业局」?"). */
type PerRecord<T, V> = V | ((record: T) => V);
const resolve = <T, V>(value: PerRecord<T, V>, record: T): V => (typeof value === 'function' ? (value as (r: T) => V)(record) : value);

/** 删除: the delete mutation (`useDeleteX()` spreads in) and what the confirm and the toast say. */
export interface RemoveAction<T> {
  mutateAsync: (id: number) => Promise<unknown>;
  isPending?: boolean;
  /** The confirm's question ("删除这条调研记录?"). */
  title: PerRecord<T, string>;
  /** What goes with it and what may refuse it ("有关联项目或调研记录的不能删除。"). */
  description?: PerRecord<T, ReactNode>;
  /** The toast after it ("调研记录已删除"). */
  success: PerRecord<T, string>;
  /** After the toast (a detail page leaves for its list: RecordActions' `leaveTo`). */
  after?: (record: T) => void;
  /** When deleting cannot work yet: the reason, on a disabled button (a place with places under it). */
  blocked?: (record: T) => string | null;
}

/** Runs a RemoveAction on a record: the toast and `after` on success, the server's reason on a refusal. */
export function useRemove<T extends ActionRecord>(remove: RemoveAction<T> | undefined, leaveTo?: string) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (record: T) =>
    remove?.mutateAsync(record.id).then(
      () => {
        void message.success(resolve(remove.success, record));
        remove.after?.(record);
        if (leaveTo) void navigate(leaveTo);
      },
      (error: unknown) => showApiError(message, error),
    );
}

interface DeleteRecordButtonProps {
  /** The confirm's question ("删除这个项目?"). */
  title: string;
  /** What goes with it and what may refuse it. */
  description?: ReactNode;
  onConfirm: () => unknown;
  loading?: boolean;
  /** `small` link in a table row; a plain button in a header (default). */
  inRow?: boolean;
}

/** 删除 after a confirm: in a detail page's header, or (inRow) a table row's link. */
export function DeleteRecordButton({ title, description, onConfirm, loading, inRow }: DeleteRecordButtonProps) {
  return (
    <Popconfirm title={title} description={description} okText="删除" okButtonProps={{ danger: true }} onConfirm={onConfirm}>
      <Button danger loading={loading} type={inRow ? 'link' : undefined} size={inRow ? 'small' : undefined}>
        删除
      </Button>
    </Popconfirm>
  );
}

function RowDeleteButton<T extends ActionRecord>({ record, remove }: { record: T; remove: RemoveAction<T> }) {
  const run = useRemove(remove);
  const blocked = remove.blocked?.(record);
  if (blocked) {
    return (
      <Tooltip title={blocked}>
        <Button type="link" size="small" danger disabled>
          删除
        </Button>
      </Tooltip>
    );
  }
  return <DeleteRecordButton inRow title={resolve(remove.title, record)} description={resolve(remove.description, record)} onConfirm={() => run(record)} />;
}

/** A table's 操作 column: which buttons, and what a row that allows none of them shows. */
export interface RowActions<T> {
  /** 编辑 (rows with `policies.update`). */
  onEdit?: (record: T) => void;
  /** The edit button's text (编辑 unless told: 修改, 重命名). */
  editText?: string;
  /** 删除 (rows with `policies.delete`). */
  remove?: RemoveAction<T>;
  /** More buttons before 编辑 (审核, 添加村/社区); null when the row has none. */
  extra?: (record: T) => ReactNode;
  /** What a row that allows nothing shows (已锁定); empty unless told. */
  empty?: (record: T) => ReactNode;
  /** 70 for one button, 110 for more, unless told. */
  width?: number;
  fixed?: 'right';
}

const present = (node: ReactNode) => node !== null && node !== undefined && node !== false;

/**
 * The 操作 column of a table from each row's policies, or null when no row in `rows` allows
 * anything (a reader then gets no empty column).
 */
export function actionsColumn<T extends ActionRecord>(rows: readonly T[] | undefined, actions: RowActions<T>): TableColumnsType<T>[number] | null {
  const { onEdit, editText = '编辑', remove, extra, empty, fixed } = actions;
  const cell = (record: T): ReactNode => {
    const more = extra?.(record);
    const edit = onEdit && mayDo(record, 'update');
    const del = remove && mayDo(record, 'delete');
    if (!present(more) && !edit && !del) return empty?.(record) ?? null;
    return (
      <Space size={0}>
        {more}
        {edit ? (
          <Button type="link" size="small" onClick={() => onEdit(record)}>
            {editText}
          </Button>
        ) : null}
        {del ? <RowDeleteButton record={record} remove={remove} /> : null}
      </Space>
    );
  };
  const acts = (record: T) => (onEdit && mayDo(record, 'update')) || (remove && mayDo(record, 'delete')) || present(extra?.(record));
  if (!(rows ?? []).some(acts)) return null;
  const buttons = (onEdit ? 1 : 0) + (remove ? 1 : 0) + (extra ? 1 : 0);
  return { title: '操作', key: 'actions', width: actions.width ?? (buttons > 1 ? 110 : 70), fixed, render: (_, record) => cell(record) };
}

/** `columns` with the 操作 column after them when some row allows something. */
export function withRowActions<T extends ActionRecord>(columns: TableColumnsType<T>, rows: readonly T[] | undefined, actions: RowActions<T> | undefined) {
  const column = actions ? actionsColumn(rows, actions) : null;
  return column ? [...columns, column] : columns;
}

export interface RecordActionsProps<T> {
  record: T;
  /** 编辑 (with `policies.update`). */
  onEdit?: () => void;
  editText?: string;
  /** 删除 (with `policies.delete`), after a confirm. */
  remove?: RemoveAction<T>;
  /** Where to go once deleted (the list). */
  leaveTo?: string;
  /** Other buttons, before 编辑 (变更阶段); the page decides when they show. */
  extra?: ReactNode;
}

/** A detail page's header buttons from the record's policies: `extra`, 编辑 and 删除. */
export function RecordActions<T extends ActionRecord>({ record, onEdit, editText = '编辑', remove, leaveTo, extra }: RecordActionsProps<T>) {
  const run = useRemove(remove, leaveTo);
  return (
    <>
      {extra}
      {onEdit && mayDo(record, 'update') ? (
        <Button icon={<EditOutlined />} onClick={onEdit}>
          {editText}
        </Button>
      ) : null}
      {remove && mayDo(record, 'delete') ? (
        <DeleteRecordButton
          title={resolve(remove.title, record)}
          description={resolve(remove.description, record)}
          onConfirm={() => run(record)}
          loading={remove.isPending}
        />
      ) : null}
    </>
  );
}
