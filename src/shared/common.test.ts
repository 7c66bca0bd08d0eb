import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  chinaToday,
  findUnsafeText,
  hasUnsafeText,
  idSchema,
  optionalText,
  pastDateSchema,
  queryIdSchema,
  requiredText,
  safeString,
  stripUnsafeText,
} from './common.js';

const messages = (result: { success: boolean; error?: z.ZodError }) => result.error?.issues.map((i) => i.message) ?? [];

describe('text a field may hold', () => {
  it('refuses C0 and C1 controls, DEL, U+FFFE, U+FFFF and lone surrogates', () => {
    for (const ch of [
      '\u0000',
      '\u0001',
      '\u0007',
      '\u000b',
      '\u000c',
      '\u001b',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u009f',
      '\ufffe',
      '\uffff',
      '\ud800',
      '\udfff',
    ]) {
      expect({ ch: ch.codePointAt(0)!.toString(16), unsafe: hasUnsafeText(`a${ch}b`) }).toEqual({ ch: ch.codePointAt(0)!.toString(16), unsafe: true });
    }
  });

  it('allows tab, line feed, carriage return, Chinese, full-width punctuation and characters beyond the BMP', () => {
    expect(hasUnsafeText('甲\t乙\r\n丙:(一)“引号”〇𠀀😀\u3000')).toBe(false);
  });

  it('strips them for exports, keeping everything else', () => {
    expect(stripUnsafeText('发放\u0000资料\ufffe\u0007共\t3份\ud800😀')).toBe('发放资料共\t3份😀');
  });

  it('finds the first one anywhere in a JSON value, keys included', () => {
    expect(findUnsafeText({ a: ['ok', { b: 'x\u0000' }] })).toEqual(['a', 1, 'b']);
    expect(findUnsafeText({ ['k\u0007']: 1 })).toEqual(['k\u0007']);
    expect(findUnsafeText({ a: 1, b: [null, true, '正常'] })).toBeNull();
  });

  it('is refused by the text helpers with a Chinese message naming the field', () => {
    expect(messages(requiredText('项目名称').safeParse('茶叶\u0000加工'))).toEqual(['项目名称不能包含控制字符']);
    expect(messages(optionalText('备注').safeParse('\u001b[31m'))).toEqual(['备注不能包含控制字符']);
    expect(messages(safeString().safeParse('\ufffe'))).toEqual(['不能包含控制字符']);
    expect(requiredText('项目名称').parse('  茶叶\t加工\n  ')).toBe('茶叶\t加工');
  });
});

describe('ids', () => {
  it('are real numbers in JSON bodies, and may be text in paths and query strings', () => {
    expect(idSchema.safeParse('12').success).toBe(false);
    expect(idSchema.parse(12)).toBe(12);
    expect(queryIdSchema.parse('12')).toBe(12);
    expect(queryIdSchema.safeParse('x').success).toBe(false);
  });
});

describe('dates of things that happened', () => {
  it('count the day in China (UTC+8)', () => {
    expect(chinaToday(new Date('2014-06-30T16:00:00Z'))).toBe('2014-07-01');
    expect(chinaToday(new Date('2014-06-30T15:59:59Z'))).toBe('2014-06-30');
  });

  it('may be today, not tomorrow; a malformed date gets only the format message', () => {
    const today = chinaToday();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(pastDateSchema.parse(today)).toBe(today);
    expect(messages(pastDateSchema.safeParse(tomorrow))).toEqual(['日期不能晚于今天']);
    expect(messages(pastDateSchema.safeParse('2014-13-01'))).toEqual(['日期格式应为 YYYY-MM-DD']);
  });
});

describe('fields a body does not take', () => {
  it('are named in Chinese', () => {
    const body = z.strictObject({ title: z.string() });
    expect(messages(body.safeParse({ title: 'x', stage: 'pool', id: 1 }))).toEqual(['未知字段:stage、id(此处不能提交或修改)']);
  });
});
