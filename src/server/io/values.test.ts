import { describe, expect, it } from 'vitest';
import type { RawCell } from './cells.js';
import type { ColumnSpec } from './columns.js';
import { parseUnit } from './headers.js';
import { parseCell } from './values.js';

const col = (kind: ColumnSpec['kind'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key: 'k', label: '列', kind, ...extra });

function value(spec: ColumnSpec, cell: RawCell, header: string | null = null): unknown {
  const result = parseCell(spec, cell, header ? parseUnit(header) : null);
  if (!result.ok) throw new Error(`expected a value for ${String(cell)}, got: ${result.message}`);
  return result.value;
}

function message(spec: ColumnSpec, cell: RawCell, header: string | null = null): string {
  const result = parseCell(spec, cell, header ? parseUnit(header) : null);
  if (result.ok) throw new Error(`expected an error for ${String(cell)}, got ${JSON.stringify(result.value)}`);
  return result.message;
}

describe('dates', () => {
  const date = col('date');

  it('reads the ways people write a day', () => {
    for (const written of [
      '2025-03-05',
      '2025-3-5',
      '2025/3/5',
      '2025.3.5',
      '2025年3月5日',
      '2025年3月5号',
      '2025 年 3 月 5 日',
      '20250305',
      '２０２５－０３－０５',
      '二〇二五年三月五日',
      '2025-03-05 10:30',
      '2025/3/5 0:00:00',
    ]) {
      expect(value(date, written), written).toBe('2025-03-05');
    }
    expect(value(date, '二〇二五年十二月三十一日')).toBe('2025-12-31');
    expect(value(date, '2025年10月20日')).toBe('2025-10-20');
  });

  it('reads date cells and Excel serials of the 1900 date system', () => {
    expect(value(date, new Date(Date.UTC(2025, 2, 5)))).toBe('2025-03-05');
    expect(value(date, new Date(Date.UTC(2025, 2, 5, 14, 30)))).toBe('2025-03-05');
    expect(value(date, 45721)).toBe('2025-03-05');
    expect(value(date, 45721.75)).toBe('2025-03-05');
    expect(value(date, '45721')).toBe('2025-03-05');
    expect(value(date, 18264)).toBe('1950-01-01');
    expect(value(date, 20250305)).toBe('2025-03-05');
  });

  it('refuses what could be two dates, or none', () => {
    expect(message(date, '25-3-5')).toContain('年份只有两位');
    expect(message(date, '5/3/2025')).toContain('顺序无法确定');
    expect(message(date, '2025年3月')).toContain('缺少日');
    expect(message(date, '2025-02-30')).toBe('日期“2025-02-30”不存在，请检查月份和日');
    expect(message(date, '2025-13-05')).toContain('不存在');
    expect(message(date, 2025)).toContain('不在 1950 年至 2099 年之间');
    expect(message(date, '下周一')).toBe('无法识别的日期“下周一”，请写作 2025-03-05、2025/3/5、2025.3.5 或 2025年3月5日');
    expect(message(date, '1899-12-31')).toContain('1900');
    expect(message(date, true)).toBe('应为日期，此处是是/否');
  });

  it('reads a dash or 无 as blank, and blank as missing when required', () => {
    expect(value(date, '—')).toBeNull();
    expect(value(date, null)).toBeNull();
    expect(message(col('date', { required: true }), '/')).toBe('必填，不能为空');
  });
});

describe('numbers', () => {
  const count = col('integer', { unit: '人' });
  const plain = col('number');
  const yuan = col('money');
  const wan = col('money', { unit: '万元' });
  const percent = col('number', { unit: '%' });

  it('reads separators and scale words exactly', () => {
    expect(value(plain, '1,200')).toBe(1200);
    expect(value(plain, '1，200')).toBe(1200);
    expect(value(plain, '12,000.5')).toBe(12000.5);
    expect(value(plain, '1.2万')).toBe(12000);
    expect(value(plain, '1.1万')).toBe(11000);
    expect(value(plain, '3亿')).toBe(300000000);
    expect(value(plain, '-3.5')).toBe(-3.5);
    expect(value(plain, '.5')).toBe(0.5);
    expect(value(plain, 0.1 + 0.2)).toBe(0.3);
    expect(message(plain, '1,20')).toContain('千位分隔符位置不对');
    expect(message(plain, '12,00.5')).toContain('千位分隔符位置不对');
  });

  it('takes a measure word only when it is the column’s', () => {
    expect(value(count, '3人')).toBe(3);
    expect(value(count, '1.2万人')).toBe(12000);
    expect(message(count, '3人次')).toBe('“3人次”的单位“人次”与本列的单位“人”不符，请换算成人后填写');
    expect(value(plain, '80块')).toBe(80);
    expect(message(plain, '5万元')).toContain('是金额');
    expect(message(plain, '3斤半')).toContain('无法识别');
    expect(message(count, '2.5')).toBe('应为整数，此处是“2.5”');
    expect(value(count, '3.0')).toBe(3);
  });

  it('keeps money in the column’s unit, reading bare figures in the header’s', () => {
    expect(value(yuan, '5万元')).toBe(50000);
    expect(value(yuan, '¥1,200.50')).toBe(1200.5);
    expect(value(yuan, '1.2万')).toBe(12000);
    expect(value(yuan, 12.5, '万元')).toBe(125000);
    expect(value(yuan, '12.5', '万元')).toBe(125000);
    expect(value(yuan, '3000元', '万元')).toBe(3000);
    expect(value(wan, '30000元')).toBe(3);
    expect(value(wan, 12.5)).toBe(12.5);
    expect(value(wan, '12.345678')).toBe(12.345678);
    expect(message(yuan, '1.234')).toBe('金额“1.234”超出了分（小数点后两位），请核对');
    expect(message(yuan, '3人')).toContain('与本列的单位“元”不符');
  });

  it('takes % only in a percentage column', () => {
    expect(value(percent, '12.5%')).toBe(12.5);
    expect(value(percent, '12.5')).toBe(12.5);
    expect(message(plain, '12.5%')).toBe('“12.5%”带百分号，但本列不是百分比，请填写数值');
  });

  it('refuses figures that are not exact, and ranges', () => {
    for (const written of ['1.5万余', '近1.2万', '80多', '约50', '50左右', '30余万元']) {
      expect(message(yuan, written), written).toContain('不是确切的数');
    }
    expect(message(count, '3-5人')).toContain('范围');
    expect(message(count, '3～5')).toContain('范围');
  });

  it('refuses dates and yes/no in figure columns', () => {
    expect(message(plain, new Date(Date.UTC(2025, 2, 5)))).toBe('应为数字，此处是日期');
    expect(message(plain, false)).toBe('应为数字，此处是是/否');
    expect(message(plain, { error: '#DIV/0!' })).toBe('公式结果为错误值 #DIV/0!，请在表中改正');
  });
});

describe('text, choices and booleans', () => {
  const levels = col('choice', {
    choices: [
      { key: 'national', label: '国家级', synonyms: ['国家'] },
      { key: 'province', label: '省级' },
    ],
  });

  it('writes numbers and dates in text columns as they read, and refuses numbers Excel has cut', () => {
    expect(value(col('text'), 13800138000)).toBe('13800138000');
    expect(value(col('text'), 0.1 + 0.2)).toBe('0.3');
    expect(value(col('text'), new Date(Date.UTC(2025, 2, 5)))).toBe('2025-03-05');
    expect(message(col('text'), 362132199001011000)).toContain('超过 15 位');
    expect(message(col('text', { maxLength: 4 }), '科技特派员')).toBe('过长：最多 4 个字，此处 5 个字');
  });

  it('matches choices by label, key or synonym', () => {
    expect(value(levels, '国家级')).toBe('national');
    expect(value(levels, ' 国家 ')).toBe('national');
    expect(value(levels, 'PROVINCE')).toBe('province');
    expect(message(levels, '县级')).toBe('“县级”不是可选项，可选：国家级、省级');
    const many = col('choices', {
      choices: [
        { key: 'a', label: '林业局' },
        { key: 'b', label: '农业局' },
        { key: 'c', label: '气象局' },
      ],
    });
    expect(value(many, '林业局、农业局，林业局')).toEqual(['a', 'b']);
    expect(message(many, '林业局、卫生局')).toContain('“卫生局”不是可选项');
  });

  it('reads yes and no', () => {
    const flag = col('boolean');
    for (const yes of ['是', '有', '√', 'Y', 'true', '1', 1, true]) expect(value(flag, yes as RawCell)).toBe(true);
    for (const no of ['否', '无', '×', 'N', 'FALSE', '0', 0, false]) expect(value(flag, no as RawCell)).toBe(false);
    expect(message(flag, '也许')).toBe('“也许”无法识别，请填写“是”或“否”');
  });
});
