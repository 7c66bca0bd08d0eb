import { describe, expect, it } from 'vitest';
import { type CatalogueList, worklistFactDefs } from '../../shared/fact-catalogue.js';
import type { StoredDefinition } from './definition.js';
import { tallyWorklistFacts, worklistFactValues } from './facts.js';

// The period rules of a work list's figures, on plain rows: what happened in the period, and the
// state on its last day.

const def: StoredDefinition = {
  titleFieldKey: 'title',
  hasDeadline: true,
  hasResponsible: false,
  fields: [
    { key: 'title', label: '事项', type: 'text', required: true, unit: null, options: [], targetListId: null, hidden: false },
    { key: 'kind', label: '类型', type: 'choice', required: false, unit: null, options: ['培训', '宣传'], targetListId: null, hidden: false },
    { key: 'village', label: '村', type: 'place', required: false, unit: null, options: [], targetListId: null, hidden: false },
    { key: 'money', label: '投入', type: 'money', required: false, unit: null, options: [], targetListId: null, hidden: false },
    { key: 'old', label: '旧字段', type: 'text', required: false, unit: null, options: [], targetListId: null, hidden: true },
  ],
  statuses: [
    { key: 'open', label: '办理中', done: false },
    { key: 'done', label: '已办结', done: true },
  ],
  figures: [
    { key: 'n', label: '事项数', kind: 'count', fieldKey: null, fieldKeys: [], filterFieldKey: null, filterValue: null },
    { key: 'by_kind', label: '按类型', kind: 'countByChoice', fieldKey: 'kind', fieldKeys: [], filterFieldKey: null, filterValue: null },
    { key: 'by_status', label: '按状态', kind: 'countByStatus', fieldKey: null, fieldKeys: [], filterFieldKey: null, filterValue: null },
    { key: 'spent', label: '共投入', kind: 'sum', fieldKey: null, fieldKeys: ['money'], filterFieldKey: null, filterValue: null },
  ],
};

const item = (id: number, registered: string, values: Record<string, unknown>, deadline: string | null = null) => ({
  id,
  title: String(values.title),
  registered_date: registered,
  deadline,
  values_json: JSON.stringify(values),
});
const reg = (id: number, date: string) => ({ item_id: id, entry_date: date, from_status: null, to_status: 'open' });
const note = (id: number, date: string) => ({ item_id: id, entry_date: date, from_status: null, to_status: null });
const move = (id: number, date: string, from: string, to: string) => ({ item_id: id, entry_date: date, from_status: from, to_status: to });

// 1: registered last year, done in January. 2: registered last year, a note in March, still open.
// 3: registered in April, done in May. 4: registered last year, untouched, overdue. 5: done last year.
const items = [
  item(1, '2022-11-01', { title: '甲', kind: '培训', village: 10, money: 1000 }),
  item(2, '2022-12-01', { title: '乙', kind: '宣传', village: 11 }, '2023-12-31'),
  item(3, '2023-04-01', { title: '丙', kind: '培训', village: 10, money: 2500.5 }),
  item(4, '2022-10-01', { title: '丁', kind: '宣传' }, '2023-02-01'),
  item(5, '2022-09-01', { title: '戊', kind: '培训', money: 500 }),
];
const entries = [
  reg(5, '2022-09-01'),
  move(5, '2022-10-15', 'open', 'done'),
  reg(4, '2022-10-01'),
  reg(1, '2022-11-01'),
  reg(2, '2022-12-01'),
  move(1, '2023-01-20', 'open', 'done'),
  note(2, '2023-03-05'),
  reg(3, '2023-04-01'),
  move(3, '2023-05-10', 'open', 'done'),
];
const names = new Map([
  ['place:10', '东山镇元鱼村'],
  ['place:11', '东山镇东山村'],
]);
const list = { id: 7, key: 'tasks', name: '任务台账' };

describe("a work list's figures for a period", () => {
  const h1 = tallyWorklistFacts(def, list, { from: '2023-01-01', to: '2023-06-30' }, items, entries, names);

  it('count what happened in the period: registered, progressed, handled, done', () => {
    expect(h1.registered.ids).toEqual([3]);
    expect(h1.progressed.ids).toEqual([1, 2, 3]);
    expect(h1.handled.ids).toEqual([1, 2, 3]);
    expect(h1.done.ids).toEqual([1, 3]);
    expect(h1.doneNames).toEqual(['甲', '丙']);
    expect(h1.handledNames).toEqual(['甲', '乙', '丙']);
  });

  it('count the state on the last day separately', () => {
    expect(h1.itemsAtEnd.ids).toEqual([1, 2, 3, 4, 5]);
    expect(h1.doneAtEnd.ids).toEqual([1, 3, 5]);
    expect(h1.openAtEnd.ids).toEqual([2, 4]);
    expect(h1.overdueAtEnd.ids).toEqual([4]);
    expect(h1.byStatusAtEnd.map((s) => [s.status, s.fact.value])).toEqual([
      ['open', 2],
      ['done', 3],
    ]);
  });

  it('count figures and fields over the items handled in the period, and again over the items at the end', () => {
    const spent = h1.figures.find((f) => f.key === 'spent')!;
    expect(spent.unit).toBe('元');
    expect(spent.inPeriod.fact).toMatchObject({ value: 3500.5, ids: [1, 3] });
    expect(spent.atEnd.fact).toMatchObject({ value: 4000.5, ids: [1, 3, 5] });
    const byKind = h1.figures.find((f) => f.key === 'by_kind')!;
    expect(byKind.inPeriod.groups!.map((g) => [g.label, g.fact.value])).toEqual([
      ['培训', 2],
      ['宣传', 1],
    ]);
    expect(byKind.atEnd.groups!.map((g) => [g.label, g.fact.value])).toEqual([
      ['培训', 3],
      ['宣传', 2],
    ]);
    const village = h1.fields.find((f) => f.key === 'village')!;
    expect(village.inPeriod.names).toEqual({ names: ['东山镇元鱼村', '东山镇东山村'], ids: [1, 2, 3] });
    expect(h1.fields.map((f) => f.key)).toEqual(['title', 'kind', 'village', 'money']);
  });

  it('say nothing of a quiet period, whatever earlier periods hold', () => {
    const quiet = tallyWorklistFacts(def, list, { from: '2024-01-01', to: '2024-06-30' }, items, entries, names);
    for (const f of [quiet.registered, quiet.progressed, quiet.handled, quiet.done]) expect(f.value).toBe(0);
    expect(quiet.figures.every((f) => (f.inPeriod.fact?.value ?? 0) === 0 && (f.inPeriod.groups ?? []).every((g) => g.fact.value === 0))).toBe(true);
    expect(quiet.fields.every((f) => (f.inPeriod.fact?.value ?? 0) === 0 && (f.inPeriod.names?.names ?? []).length === 0)).toBe(true);
    expect(quiet.itemsAtEnd.value).toBe(5);
  });

  it('give exactly the facts the catalogue declares for the list', () => {
    const catalogueList: CatalogueList = { key: 'tasks', name: '任务台账', fields: def.fields, statuses: def.statuses, figures: def.figures };
    const declared = worklistFactDefs(catalogueList)
      .map((d) => d.key)
      .sort();
    expect([...worklistFactValues(h1).keys()].sort()).toEqual(declared);
  });
});
