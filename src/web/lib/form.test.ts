import type { FormInstance, FormRule } from 'antd';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './api-client';
import { emptyToNull, showApiError, zodRule } from './form';

// How forms check a value with a shared schema, and where an API failure is shown: on the fields it
// names, the rest in a toast.

/** Runs a rule's validator as antd would: resolves when the value passes, rejects with the message. */
function validate(rule: FormRule, value: unknown): Promise<void> {
  const validator = (rule as { validator: (rule: unknown, value: unknown) => Promise<void> }).validator;
  return validator({}, value);
}

describe('zodRule', () => {
  const phone = zodRule(z.string().regex(/^1\d{10}$/, '请填写11位手机号'));

  it("passes a value the schema accepts and refuses one it doesn't, with the schema's message", async () => {
    await expect(validate(phone, '13907970001')).resolves.toBeUndefined();
    await expect(validate(phone, '12345')).rejects.toThrow('请填写11位手机号');
  });

  it('leaves an empty field to the required rule', async () => {
    for (const empty of [undefined, null, '']) await expect(validate(phone, empty)).resolves.toBeUndefined();
  });
});

/** A stand-in for an antd form holding `values`, which records the errors set on its fields. */
function fakeForm(values: Record<string, unknown>) {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const form = {
    getFieldsValue: () => values,
    setFields: (fields: typeof set) => set.push(...fields),
  } as unknown as FormInstance;
  return { form, set };
}

/** A stand-in for antd's message API, which records the toasts. */
function fakeMessage() {
  const toasts: string[] = [];
  const message = { error: (text: string) => toasts.push(text) } as unknown as Parameters<typeof showApiError>[0];
  return { message, toasts };
}

const validation = (details: unknown) => new ApiError({ status: 400, code: 'VALIDATION', message: '请检查填写的内容', details });

describe('showApiError', () => {
  it("puts each issue on the field it names, nested ones included, and the server's message in a toast", () => {
    const { form, set } = fakeForm({ name: '', sections: [{ heading: 'x', sentences: ['a'] }] });
    const { message, toasts } = fakeMessage();
    showApiError(
      message,
      validation([
        { path: 'name', message: '请填写名称' },
        { path: 'sections.0.sentences.0', message: '占位不完整' },
      ]),
      form,
    );
    expect(set).toEqual([
      { name: ['name'], errors: ['请填写名称'] },
      { name: ['sections', 0, 'sentences', 0], errors: ['占位不完整'] },
    ]);
    expect(toasts).toEqual(['请检查填写的内容']);
  });

  it('adds to the toast the issues this form has no field for', () => {
    const { form, set } = fakeForm({ name: '' });
    const { message, toasts } = fakeMessage();
    showApiError(
      message,
      validation([
        { path: 'name', message: '请填写名称' },
        { path: 'townId', message: '地点不存在' },
        { path: '', message: '请填写服务地点或服务企业' },
      ]),
      form,
    );
    expect(set).toEqual([{ name: ['name'], errors: ['请填写名称'] }]);
    expect(toasts).toEqual(['请检查填写的内容:地点不存在;请填写服务地点或服务企业']);
  });

  it('shows only a toast without a form, for an error with no field issues, and for anything thrown', () => {
    const { message, toasts } = fakeMessage();
    showApiError(message, validation([{ path: 'name', message: '请填写名称' }]));
    const { form, set } = fakeForm({ name: '' });
    showApiError(message, new ApiError({ status: 409, code: 'CONFLICT', message: '已被他人修改' }), form);
    showApiError(message, new Error('网络连接失败'), form);
    showApiError(message, 'nonsense', form);
    expect(set).toEqual([]);
    expect(toasts).toEqual(['请检查填写的内容', '已被他人修改', '网络连接失败', '操作失败,请稍后重试']);
  });
});

describe('emptyToNull', () => {
  it('sends an empty input or a cleared select as null and keeps any other value, 0 and false included', () => {
    expect(emptyToNull('')).toBeNull();
    expect(emptyToNull(undefined)).toBeNull();
    expect(emptyToNull('东山镇')).toBe('东山镇');
    expect(emptyToNull(0)).toBe(0);
    expect(emptyToNull(false)).toBe(false);
    expect(emptyToNull(null)).toBeNull();
  });
});
