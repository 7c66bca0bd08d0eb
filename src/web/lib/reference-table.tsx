import { type ReactNode, useEffect, useState } from 'react';
import { App, Card, Form, InputNumber, Switch, Table, type TableColumnsType, type TableProps } from 'antd';
import { FormModal } from '../components/ui/form-modal';
import { QueryError } from '../components/ui/query-error';
import { rowTestId as testIdProps } from '../components/ui/test-id';
import { showApiError } from './form';
import { type ActionRecord, actionsColumn, mayDo } from './record-actions';
import { useVersionedSave } from './record-conflict';
import type { ConflictField, Submission, Versioned } from './versions';

// The reference-data admin tables (县直部门, 股室, 字典项, 地名) are one shape: the whole list,
// ordered by `sortOrder`, each row editable in a modal form and deletable after a confirm (the
// server refuses a record still in use and says why), some with an 启用 switch. The page declares
// its columns, texts and form fields; the table, the modal's save (with the version check and the
// "已被他人修改" dialog) and the delete are here.

/** A reference record: ordered by hand, versioned. */
export interface ReferenceRecord {
  id: number;
  version: number;
  sortOrder: number;
}

/** What the table needs of the list's `useQuery`. */
export interface ReferenceResult<T> {
  data?: T[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** The modal's state: closed, creating (with whatever the page needs: a parent place), or editing a record. */
export type ReferenceEditing<T, C extends object = object> = ({ mode: 'create' } & C) | { mode: 'edit'; record: T } | null;

/** Which record the modal is open for: shared by the page's 新增 button, the table's 编辑 and the modal. */
export interface ReferenceEditor<T, C extends object = object> {
  editing: ReferenceEditing<T, C>;
  create: (context: C) => void;
  edit: (record: T) => void;
  close: () => void;
}

/** The open/closed state of a reference table's modal. */
export function useReferenceEditor<T, C extends object = object>(): ReferenceEditor<T, C> {
  const [editing, setEditing] = useState<ReferenceEditing<T, C>>(null);
  return {
    editing,
    create: (context) => setEditing({ mode: 'create', ...context }),
    edit: (record) => setEditing({ mode: 'edit', record }),
    close: () => setEditing(null),
  };
}

/** The rules of a required one-line text field: 请填写部门名称, 部门名称不能超过50个字. */
export function requiredTextRules(label: string, max: number) {
  return [
    { required: true, whitespace: true, message: `请填写${label}` },
    { max, message: `${label}不能超过${max}个字` },
  ];
}

/** Records in their display order: by `sortOrder`, then in the order they were made. */
export function bySortOrder<T extends { id: number; sortOrder: number }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

/** The `sortOrder` a new record gets: after the last one, leaving room (`step`) to slot others in between. */
export function nextSortOrder(records: readonly { sortOrder: number }[], step = 10): number {
  return records.reduce((max, r) => Math.max(max, r.sortOrder), 0) + step;
}

/**
 * How one kind of reference record is shown and edited, declared once at the top of its page: the
 * table's columns and texts, and the form's mapping to and from the record and the API's input.
 */
export interface ReferenceKind<T, V extends object, I, C extends object = object> {
  /** What a record is called ("部门"): 删除部门「林业局」?, 部门已删除, 新增部门. */
  noun: string;
  /** A record's name in messages and labels. */
  nameOf: (record: T) => string;
  /** The row's data-testid (`department-row-林业局`). */
  rowTestId: (record: T) => string;
  /** The record's own columns; 排序, the 启用 switch and 操作 are added after them. */
  columns: TableColumnsType<T>;
  /** Why a delete may be refused ("已被活动等记录引用的部门不能删除,可改为停用。"). */
  deleteNote: string;
  /** The form's name (field ids are prefixed with it). */
  form: string;
  /** The form's values for a record (editing, and the conflict dialog's "saved" side). */
  toValues: (record: T) => V;
  /** The page's form fields the conflict dialog compares, with their labels (排序 and 启用 are added). */
  fields: ConflictField[];
  /** The API's input from the form's values (trimmed, empty texts as null). */
  toInput: (values: V, editing: Exclude<ReferenceEditing<T, C>, null>) => I;
  /** Records have an 启用 field (`active`): a switch in the form, and in the table when it is given `update`. */
  active?: boolean;
  /** The edit button's text and the edit title's verb (编辑 unless told: 股室 are 重命名d). */
  editText?: string;
  /** The largest 排序 number (9999 unless told). */
  sortOrderMax?: number;
}

interface SaveMutation<TInput> {
  mutateAsync: (input: TInput) => Promise<{ version: number }>;
  isPending: boolean;
}

interface ReferenceTableProps<T extends { id: number; version: number }, V extends object, I, C extends object> {
  kind: ReferenceKind<T, V, I, C>;
  /** The list's query; its rows are shown unless `rows` is given. */
  result: ReferenceResult<NoInfer<T>>;
  editor: ReferenceEditor<NoInfer<T>, NoInfer<C>>;
  remove: { mutateAsync: (id: number) => Promise<unknown> };
  /** Saves the 启用 switch (kinds with `active`). */
  update?: SaveMutation<I & Versioned>;
  emptyText: ReactNode;
  /** The rows when they are not the result's in `sortOrder` (a tree of places). */
  rows?: readonly NoInfer<T>[];
  /** When deleting cannot work yet (a place with places under it): the reason, shown on a disabled button. */
  blockedReason?: (record: NoInfer<T>) => string | null;
  /** More buttons in the 操作 column, before 编辑 (地名: 添加村/社区). */
  actions?: (record: NoInfer<T>) => ReactNode;
  actionsWidth?: number;
  size?: TableProps<T>['size'];
  expandable?: TableProps<T>['expandable'];
  /** Above the table, inside the card (a search box). */
  toolbar?: ReactNode;
  /** Wrap the table in a card (default); a page that already has one passes false. */
  card?: boolean;
}

/** An admin table of reference data: rows by `sortOrder`, an 启用 switch, 编辑 and 删除 (after a confirm). */
export function ReferenceTable<T extends ActionRecord & ReferenceRecord, V extends object, I, C extends object = object>({
  kind,
  result,
  editor,
  remove,
  update,
  emptyText,
  rows,
  blockedReason,
  actions,
  actionsWidth,
  size,
  expandable,
  toolbar,
  card = true,
}: ReferenceTableProps<T, V, I, C>) {
  const { noun, nameOf, rowTestId, columns, deleteNote, editText = '编辑' } = kind;
  const setActive =
    kind.active && update
      ? (record: T, on: boolean) =>
          update.mutateAsync({
            ...kind.toInput({ ...kind.toValues(record), active: on }, { mode: 'edit', record }),
            id: record.id,
            version: record.version,
          })
      : undefined;
  const { message } = App.useApp();
  const [toggling, setToggling] = useState<number | null>(null);

  const toggle = (record: T, on: boolean) => {
    if (!setActive) return;
    setToggling(record.id);
    setActive(record, on)
      .then(
        () => void message.success(`${on ? '已启用' : '已停用'}「${nameOf(record)}」`),
        (error: unknown) => showApiError(message, error),
      )
      .finally(() => setToggling(null));
  };

  const all: TableColumnsType<T> = [...columns, { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 90 }];
  if (setActive) {
    all.push({
      title: '启用',
      dataIndex: 'active',
      key: 'active',
      width: 100,
      render: (on: boolean, record) => (
        <Switch
          checked={on}
          loading={toggling === record.id}
          disabled={!mayDo(record, 'update')}
          onChange={(checked) => toggle(record, checked)}
          aria-label={`启用${nameOf(record)}`}
        />
      ),
    });
  }
  const rowActions = actionsColumn(rows ?? result.data, {
    extra: actions,
    onEdit: editor.edit,
    editText,
    remove: { ...remove, title: (r) => `删除${noun}「${nameOf(r)}」?`, description: deleteNote, success: `${noun}已删除`, blocked: blockedReason },
    width: actionsWidth ?? 140,
  });
  if (rowActions) all.push(rowActions);

  const table = (
    <>
      {toolbar}
      <Table<T>
        rowKey="id"
        columns={all}
        dataSource={rows ?? bySortOrder(result.data ?? [])}
        loading={result.isPending && !result.isError}
        pagination={false}
        size={size}
        expandable={expandable}
        locale={{ emptyText }}
        onRow={(record) => testIdProps(rowTestId(record))}
      />
    </>
  );
  return (
    <>
      {result.isError ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
      {card ? <Card>{table}</Card> : table}
    </>
  );
}

interface ReferenceFormModalProps<T extends { id: number; version: number }, V extends object, I, C extends object> {
  kind: ReferenceKind<T, V, I, C>;
  editor: ReferenceEditor<T, C>;
  create: SaveMutation<I & Submission>;
  update: SaveMutation<I & Versioned>;
  /** The form's values for a new record (its `sortOrder`: nextSortOrder(rows)). */
  createValues: Partial<V>;
  /** The title when it is not 新增/编辑 + noun. */
  title?: ReactNode;
  /** The page's form items; 排序 (and 启用) follow them. */
  children: ReactNode;
}

/**
 * The create/edit modal of a reference table: saves with the version the form opened with, shows
 * "已被他人修改" when someone saved meanwhile, and an idempotency key keeps a retried create single.
 */
export function ReferenceFormModal<T extends { id: number; version: number }, V extends object, I, C extends object = object>({
  kind,
  editor,
  create,
  update,
  createValues,
  title,
  children,
}: ReferenceFormModalProps<T, V, I, C>) {
  const { noun, form: name, toValues, toInput, editText = '编辑', sortOrderMax = 9999, active: activeField = false } = kind;
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const { editing } = editor;
  const record = editing?.mode === 'edit' ? editing.record : null;
  const initialValues = record ? toValues(record) : createValues;
  // One form serves every open, and a closed form leaves its last values in the form's store,
  // which antd lays over the next open's initialValues. So each open writes its own values in,
  // every field named (those it has not got as undefined, so a new record starts empty).
  useEffect(() => {
    if (!editing) return;
    const names = [...kind.fields.map((f) => f.name), 'sortOrder', 'active'];
    const values = { ...Object.fromEntries(names.map((n) => [n, undefined])), ...(editing.mode === 'edit' ? toValues(editing.record) : createValues) };
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
    // Only on opening: later renders must not overwrite what the user types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing, form]);
  const guard = useVersionedSave<T, V>({
    record,
    open: editing !== null,
    toValues,
    fields: [...kind.fields, { name: 'sortOrder', label: '排序' }, ...(activeField ? [{ name: 'active', label: '启用' }] : [])],
    resubmit: (values, version) => submit(values, version),
    reload: (values) => form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]),
  });

  const submit = (values: V, version = guard.version) => {
    if (!editing) return;
    const input = toInput(values, editing);
    const saving =
      editing.mode === 'edit'
        ? update.mutateAsync({ ...input, id: editing.record.id, version: version ?? editing.record.version })
        : create.mutateAsync({ ...input, idempotencyKey: guard.keyFor(input) });
    saving.then(
      (saved) => {
        guard.succeeded(saved);
        void message.success(editing.mode === 'edit' ? `${noun}已保存` : `${noun}已新增`);
        editor.close();
      },
      (error: unknown) => guard.catchStale(error, values) || showApiError(message, error, form),
    );
  };

  return (
    <FormModal<V>
      open={editing !== null}
      title={title ?? `${editing?.mode === 'edit' ? editText : '新增'}${noun}`}
      name={name}
      form={form}
      onFinish={(values) => submit(values)}
      onCancel={editor.close}
      confirmLoading={create.isPending || update.isPending}
      initialValues={initialValues}
    >
      {guard.dialog}
      {children}
      <Form.Item label="排序" name="sortOrder" rules={[{ required: true, message: '请填写排序' }]}>
        <InputNumber min={0} max={sortOrderMax} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {activeField ? (
        <Form.Item label="启用" name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
