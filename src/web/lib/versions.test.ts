import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { SubmissionKeys, changedFields, displayValue, idempotencyHeader, ifMatch, staleCurrentOf } from './versions';

describe('record versions in the web app', () => {
  it('name the version in If-Match and the submission in Idempotency-Key', () => {
    expect(ifMatch(3)).toEqual({ 'If-Match': '"3"' });
    expect(idempotencyHeader('abc')).toEqual({ 'Idempotency-Key': 'abc' });
    expect(idempotencyHeader(undefined)).toEqual({});
  });

  it("find the current record in a stale write's 409, and nothing in other errors", () => {
    const stale = new ApiError({
      status: 409,
      code: 'CONFLICT',
      message: '该记录已被他人修改,请刷新后再保存',
      details: { current: { id: 1, version: 4, name: '新' } },
    });
    expect(staleCurrentOf(stale)).toEqual({ id: 1, version: 4, name: '新' });
    const duplicate = new ApiError({ status: 409, code: 'CONFLICT', message: '已登记', details: { existingId: 2 } });
    expect(staleCurrentOf(duplicate)).toBeNull();
    expect(staleCurrentOf(new Error('x'))).toBeNull();
  });

  it('keep one idempotency key while the same content is sent again, and take a new one after a success or a change', () => {
    let n = 0;
    const keys = new SubmissionKeys(() => `k${++n}`);
    expect(keys.keyFor({ title: '甲' })).toBe('k1');
    expect(keys.keyFor({ title: '甲' })).toBe('k1');
    expect(keys.keyFor({ title: '乙' })).toBe('k2');
    keys.succeeded();
    expect(keys.keyFor({ title: '乙' })).toBe('k3');
  });

  it('list the fields that differ, as a person reads them; empty values alike', () => {
    const fields = [
      { name: 'name', label: '名称' },
      { name: 'townId', label: '所在乡镇', format: (v: unknown) => (v === 7 ? '东山镇' : String(v)) },
      { name: 'notes', label: '备注' },
      { name: 'staffIds', label: '人员' },
    ];
    const changes = changedFields(
      fields,
      { name: '绿源合作社', townId: 7, notes: '', staffIds: [1, 2] },
      { name: '绿源农业合作社', townId: null, notes: null, staffIds: [1, 2] },
    );
    expect(changes).toEqual([
      { name: 'name', label: '名称', mine: '绿源合作社', saved: '绿源农业合作社' },
      { name: 'townId', label: '所在乡镇', mine: '东山镇', saved: '(空)' },
    ]);
    const nested = changedFields([{ name: 'values.task', label: '任务' }], { values: { task: '甲' } }, { values: { task: '乙' } });
    expect(nested).toEqual([{ name: 'values.task', label: '任务', mine: '甲', saved: '乙' }]);
    expect(displayValue(true)).toBe('是');
    expect(displayValue(['a', 'b'])).toBe('a、b');
  });
});
