import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './columns.js';
import { type SheetHeader, headerUnit, mapHeaders, normaliseLabel } from './headers.js';

const header = (column: number, label: string): SheetHeader => ({ column, letter: String.fromCharCode(64 + column), label });

describe('normaliseLabel', () => {
  it('drops width, case, spaces, brackets, units and marks', () => {
    expect(normaliseLabel('项目经费（万元）')).toBe('项目经费');
    expect(normaliseLabel('项目经费(万元)')).toBe('项目经费');
    expect(normaliseLabel('经费/万元')).toBe('经费');
    expect(normaliseLabel(' 项目\n名称 ')).toBe('项目名称');
    expect(normaliseLabel('*项目名称')).toBe('项目名称');
    expect(normaliseLabel('联系电话【手机】')).toBe('联系电话');
    expect(normaliseLabel('项目经费(万元)·省级')).toBe('项目经费省级');
    expect(normaliseLabel('ＣＯＤＥ')).toBe('code');
    expect(normaliseLabel('是/否')).toBe('是否');
  });
});

describe('headerUnit', () => {
  it('reads the unit a header states', () => {
    expect(headerUnit('项目经费（万元）')).toEqual({ scale: 4, measure: '元' });
    expect(headerUnit('金额（单位：元）')).toEqual({ scale: 0, measure: '元' });
    expect(headerUnit('参加人数(人次)')).toEqual({ scale: 0, measure: '人次' });
    expect(headerUnit('经费/亿元')).toEqual({ scale: 8, measure: '元' });
    expect(headerUnit('增长率(%)')).toEqual({ scale: 0, measure: '%' });
    expect(headerUnit('联系电话（手机）')).toBeNull();
    expect(headerUnit('项目名称')).toBeNull();
  });
});

describe('mapHeaders', () => {
  const columns: ColumnSpec[] = [
    { key: 'name', label: '企业名称', kind: 'text', required: true, synonyms: ['单位名称', '申报单位'] },
    { key: 'credit_code', label: '统一社会信用代码', kind: 'text', required: true, synonyms: ['信用代码'] },
    { key: 'town', label: '所在乡镇', kind: 'text' },
    { key: 'founded', label: '成立日期', kind: 'date' },
  ];

  it('maps labels and synonyms after normalising, and lists the rest', () => {
    const mapping = mapHeaders([header(1, '序号'), header(2, '申报单位'), header(3, '信用代码'), header(4, '成立日期（年月日）'), header(5, '备注')], columns);
    expect(mapping.byKey).toEqual({ name: 2, credit_code: 3, founded: 4 });
    expect(mapping.unmapped.map((h) => h.label)).toEqual(['序号', '备注']);
    expect(mapping.missingRequired).toEqual([]);
  });

  it('says which required columns have no header, and suggests loose matches', () => {
    const mapping = mapHeaders([header(1, '单位名称'), header(2, '乡镇')], columns);
    expect(mapping.missingRequired.map((c) => c.key)).toEqual(['credit_code']);
    expect(mapping.suggestions).toEqual([{ column: 2, key: 'town' }]);
    expect(mapping.byKey.town).toBeUndefined();
  });

  it('lets the person’s choices override, and maps each column once', () => {
    const headers = [header(1, '企业名称'), header(2, '单位名称'), header(3, '乡镇')];
    expect(mapHeaders(headers, columns).unmapped.map((h) => h.column)).toEqual([2, 3]);
    const manual = mapHeaders(headers, columns, { 1: null, 2: 'name', 3: 'town' });
    expect(manual.byKey).toEqual({ name: 2, town: 3 });
    expect(manual.unmapped).toEqual([]);
  });
});
