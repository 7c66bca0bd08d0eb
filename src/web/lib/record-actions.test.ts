import { describe, expect, it } from 'vitest';
import { actionsColumn, mayDo, withRowActions } from './record-actions';

const row = (id: number, update: boolean, del: boolean) => ({ id, policies: { update, delete: del } });
const remove = { mutateAsync: () => Promise.resolve(), title: '删除?', success: '已删除' };

describe('mayDo', () => {
  it('follows the policy, and lets a record without policies keep its buttons', () => {
    expect(mayDo(row(1, true, false), 'update')).toBe(true);
    expect(mayDo(row(1, true, false), 'delete')).toBe(false);
    expect(mayDo({ id: 1 }, 'delete')).toBe(true);
    // A policy the record does not name (a milestone has only `delete`) is not a yes.
    expect(mayDo({ id: 1, policies: { delete: true } }, 'update')).toBe(false);
  });
});

describe('actionsColumn', () => {
  it('is left out when no row allows what the page offers', () => {
    expect(actionsColumn([row(1, false, false), row(2, false, false)], { onEdit: () => {}, remove })).toBeNull();
    expect(actionsColumn([], { onEdit: () => {}, remove })).toBeNull();
    expect(actionsColumn(undefined, { remove })).toBeNull();
    // A row that may be edited, on a page that offers only 删除.
    expect(actionsColumn([row(1, true, false)], { remove })).toBeNull();
  });

  it('is there when one row allows one action, sized by how many buttons the page offers', () => {
    expect(actionsColumn([row(1, false, false), row(2, false, true)], { remove })).toMatchObject({ title: '操作', key: 'actions', width: 70 });
    expect(actionsColumn([row(1, true, false)], { onEdit: () => {}, remove })).toMatchObject({ width: 110 });
    expect(actionsColumn([row(1, true, false)], { onEdit: () => {}, width: 150, fixed: 'right' })).toMatchObject({ width: 150, fixed: 'right' });
  });

  it('counts a row whose extra buttons are there (审核) even when it may not be edited or deleted', () => {
    const rows = [{ id: 1, confirm: true, policies: { update: false, delete: false } }];
    expect(actionsColumn(rows, { onEdit: () => {}, extra: (r) => (r.confirm ? '审核' : null) })).not.toBeNull();
    expect(actionsColumn(rows, { onEdit: () => {}, extra: () => null })).toBeNull();
  });
});

describe('withRowActions', () => {
  it('appends the column only when there is one', () => {
    const columns = [{ title: '名称', key: 'name' }];
    expect(withRowActions(columns, [row(1, false, false)], { remove })).toBe(columns);
    expect(withRowActions(columns, [row(1, false, true)], { remove }).map((c) => c.key)).toEqual(['name', 'actions']);
    expect(withRowActions(columns, [row(1, true, true)], undefined)).toBe(columns);
  });
});
