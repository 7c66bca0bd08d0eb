import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { worklistDefinitionSchema } from '../../../../shared/worklists.js';
import { ApiError } from '../../../lib/api-client';
import { type DesignerValues, applyIssues, blankDesign, newField, newStatus, toDefinition, serverIssues } from './designer-form';

// The work-list designer's form mapping: values → the definition the API takes, and a problem
// (the schema's or the server's) → the input or section that shows it.

/** A designed list: 问题 (text), 类别 (choice 甲/乙), 数量 (number, 件); 未整改 → 已整改. */
function design(overrides: Partial<DesignerValues> = {}): DesignerValues {
  return {
    name: ' 整改台账 ',
    topic: '  ',
    description: null,
    titleFieldKey: '',
    fields: [
      { ...newField(), key: 'problem', label: ' 问题 ', type: 'text', required: true, unit: '不该留下', options: ['不该留下'] },
      { ...newField(), key: 'kind', label: '类别', type: 'choice', options: [' 甲 ', '', '乙'], unit: '件' },
      { ...newField(), key: 'count', label: '数量', type: 'number', unit: ' 件 ', targetListId: 7 },
    ],
    statuses: [
      { key: 'open', label: ' 未整改 ', done: false },
      { key: 'done', label: '已整改', done: true },
    ],
    hasDeadline: true,
    hasResponsible: false,
    figures: [
      { key: 'g1', label: '问题数', kind: 'count', fieldKey: 'kind', fieldKeys: ['count'], filterFieldKey: null, filterValue: '甲' },
      { key: 'g2', label: '数量合计', kind: 'sum', fieldKey: 'kind', fieldKeys: ['count'], filterFieldKey: 'kind', filterValue: '甲' },
      { key: 'g3', label: '按类别', kind: 'countByChoice', fieldKey: 'kind', fieldKeys: ['count'] },
    ],
    sortOrder: null,
    ...overrides,
  };
}

describe('toDefinition', () => {
  it('trims text, sends blanks as null, and keeps only the settings that apply to each type', () => {
    const def = toDefinition(design());
    expect(def).toMatchObject({
      name: '整改台账',
      topic: null,
      description: null,
      titleFieldKey: null,
      hasDeadline: true,
      hasResponsible: false,
      sortOrder: 0,
    });
    expect(def.fields).toEqual([
      { key: 'problem', label: '问题', type: 'text', required: true, unit: null, options: [], targetListId: null, hidden: false },
      { key: 'kind', label: '类别', type: 'choice', required: false, unit: null, options: ['甲', '乙'], targetListId: null, hidden: false },
      { key: 'count', label: '数量', type: 'number', required: false, unit: '件', options: [], targetListId: null, hidden: false },
    ]);
    expect(def.statuses).toEqual([
      { key: 'open', label: '未整改', done: false },
      { key: 'done', label: '已整改', done: true },
    ]);
  });

  it("keeps a figure's choice field only for 按选项计数, its summed fields only for 合计, and a filter value only with a filter field", () => {
    expect(toDefinition(design()).figures).toEqual([
      { key: 'g1', label: '问题数', kind: 'count', fieldKey: null, fieldKeys: [], filterFieldKey: null, filterValue: null },
      { key: 'g2', label: '数量合计', kind: 'sum', fieldKey: null, fieldKeys: ['count'], filterFieldKey: 'kind', filterValue: '甲' },
      { key: 'g3', label: '按类别', kind: 'countByChoice', fieldKey: 'kind', fieldKeys: [], filterFieldKey: null, filterValue: null },
    ]);
  });

  it('makes a definition the shared schema accepts, from a filled-in design and from a blank one once named', () => {
    expect(worklistDefinitionSchema.safeParse(toDefinition(design())).success).toBe(true);
    const blank = blankDesign();
    blank.name = '新台账';
    blank.fields[0].label = '事项';
    const parsed = worklistDefinitionSchema.safeParse(toDefinition(blank));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});

describe('blankDesign', () => {
  it('starts with one required text field and an open and a done status, each with a key of its own', () => {
    const a = blankDesign();
    const b = blankDesign();
    expect(a.fields).toMatchObject([{ type: 'text', required: true, saved: false }]);
    expect(a.statuses.map((s) => [s.label, s.done])).toEqual([
      ['未完成', false],
      ['已完成', true],
    ]);
    expect(a.fields[0].key).toMatch(/^f[a-z0-9]+$/);
    expect(a.statuses.map((s) => s.key)).toEqual([expect.stringMatching(/^s[a-z0-9]+$/), expect.stringMatching(/^s[a-z0-9]+$/)]);
    expect(a.fields[0].key).not.toBe(b.fields[0].key);
    expect(newStatus(true, '已办结')).toMatchObject({ label: '已办结', done: true });
  });
});

/** A stand-in for the designer's antd form holding `values`, which records the errors set on inputs. */
function fakeForm(values: DesignerValues) {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const form = {
    getFieldsValue: () => values,
    setFields: (fields: typeof set) => set.push(...fields),
  } as unknown as FormInstance<DesignerValues>;
  return { form, set };
}

describe('applyIssues', () => {
  it('puts a problem on the input that shows it, once, and returns the rest by section', () => {
    const { form, set } = fakeForm(design());
    const sections = applyIssues(form, [
      { path: ['name'], message: '请填写台账名称' },
      { path: ['fields', 0, 'label'], message: '请填写字段名称' },
      { path: ['fields', 0, 'label'], message: '请填写字段名称' },
      { path: ['fields', 2, 'unit'], message: '单位太长' },
      // A text field has no unit input: the problem goes to the section.
      { path: ['fields', 0, 'unit'], message: '文本字段没有单位' },
      { path: ['statuses'], message: '至少要有一个"已完成(销号)"状态' },
      { path: ['statuses', 0, 'done'], message: '第一个状态不能是已完成状态' },
      { path: ['figures', 1, 'fieldKeys'], message: '数值合计须选择数值或金额字段' },
      { path: ['figures', 0, 'fieldKeys'], message: '只有合计有字段' },
      { path: ['summary', 'plan', 'titleField'], message: '计划字段“x”不存在' },
    ]);
    expect(set).toEqual([
      { name: ['name'], errors: ['请填写台账名称'] },
      { name: ['fields', 0, 'label'], errors: ['请填写字段名称'] },
      { name: ['fields', 2, 'unit'], errors: ['单位太长'] },
      { name: ['statuses', 0, 'done'], errors: ['第一个状态不能是已完成状态'] },
      { name: ['figures', 1, 'fieldKeys'], errors: ['数值合计须选择数值或金额字段'] },
    ]);
    expect(sections).toEqual({
      fields: ['文本字段没有单位'],
      statuses: ['至少要有一个"已完成(销号)"状态'],
      figures: ['只有合计有字段'],
      form: ['计划字段“x”不存在'],
    });
  });
});

describe('serverIssues', () => {
  const refused = (details: { path: string; message: string }[]) => new ApiError({ status: 409, code: 'CONFLICT', message: '台账已有条目', details });

  it('turns paths by index into designer paths as they are', () => {
    expect(serverIssues(design(), refused([{ path: 'fields.1.options', message: '选项不能为空' }]))).toEqual([
      { path: ['fields', 1, 'options'], message: '选项不能为空' },
    ]);
  });

  it("turns a field named by key into its row: a changed type to 类型, a choice field's removed option to 选项", () => {
    const values = design();
    values.fields[2] = { ...values.fields[2], saved: true, savedType: 'text' };
    values.fields[1] = { ...values.fields[1], saved: true, savedType: 'choice' };
    expect(
      serverIssues(
        values,
        refused([
          { path: 'fields.count', message: '已有条目,不能改变字段类型' },
          { path: 'fields.kind', message: '选项“丙”已被条目使用' },
          { path: 'fields.gone', message: '字段已被删除' },
          { path: 'statuses.done', message: '状态已被条目使用' },
          { path: 'statuses.gone', message: '状态已被删除' },
        ]),
      ),
    ).toEqual([
      { path: ['fields', 2, 'type'], message: '已有条目,不能改变字段类型' },
      { path: ['fields', 1, 'options'], message: '选项“丙”已被条目使用' },
      { path: ['fields'], message: '字段已被删除' },
      { path: ['statuses', 1, 'label'], message: '状态已被条目使用' },
      { path: ['statuses'], message: '状态已被删除' },
    ]);
  });
});
