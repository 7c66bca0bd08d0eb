import { describe, expect, it } from 'vitest';
import { CORE_FACTS, type FactDef, type FactValue, factCatalogue, indexCatalogue } from '../../shared/fact-catalogue.js';
import type { TemplateDefinition } from '../../shared/reports.js';
import { type DraftFacts, buildDraft, renderPattern } from './draft.js';
import { describePeriod } from './period.js';
import { buildDefaultTemplate, checkTemplate } from './template.js';

// The pure renderer over catalogue facts: groups and their members, nesting, 万元 and names rules,
// and slots that name no fact.

const extra: FactDef[] = [
  { key: 'projects.approvedByLevel', ledger: 'projects', label: '按级别立项', kind: 'groups', unit: '项', style: 'count', recordType: 'project', dimensions: ['field'], atEnd: false, description: '' },
  { key: 'projects.amountByLevel', ledger: 'projects', label: '按级别立项资金', kind: 'groups', unit: '万元', style: 'wan', recordType: 'project', dimensions: [], atEnd: false, description: '' },
  { key: 'projects.byProgram', ledger: 'projects', label: '按计划类别', kind: 'groups', unit: '项', style: 'count', recordType: 'project', dimensions: [], atEnd: false, description: '' },
];

function input(values: Record<string, FactValue>, previous: Record<string, FactValue> | null = null): DraftFacts {
  return {
    facts: new Map(Object.entries(values)),
    previous: previous ? new Map(Object.entries(previous)) : null,
    catalogue: indexCatalogue([...CORE_FACTS, ...extra]),
  };
}

const render = (pattern: string, facts: DraftFacts) => {
  let n = 0;
  return renderPattern(pattern, facts, () => `f${++n}`);
};

const group = (key: string, name: string, value: number, ids: number[], more: Partial<{ measure: string; sub: Record<string, unknown[]> }> = {}) => ({ key, name, value, ids, ...more });

describe('renderPattern', () => {
  it('nests groups by another dimension: 市级项目5项(工业3项、农业2项)', () => {
    const facts = input({
      'projects.approvedByLevel': {
        kind: 'groups',
        groups: [
          group('national', '国家级', 1, [1], { sub: { field: [group('industry', '工业', 1, [1])] } }),
          group('city', '市级', 5, [2, 3, 4, 5, 6], { sub: { field: [group('industry', '工业', 3, [2, 3, 4]), group('agriculture', '农业', 2, [5, 6]), group('social', '社会发展', 0, [])] } }),
          group('county', '县级', 0, []),
        ] as never,
      },
    });
    const out = render('获批{projects.approvedByLevel|suffix:项目|nest:field}', facts);
    expect(out.text).toBe('获批国家级项目1项(工业1项),市级项目5项(工业3项、农业2项)');
    expect(out.figures[0]).toMatchObject({ value: 6, ids: [1, 2, 3, 4, 5, 6], recordType: 'project', exactText: '国家级项目1项、市级项目5项' });
  });

  it('writes each group with its own measure word, and one group by its member key or name', () => {
    const facts = input({
      'projects.byProgram': { kind: 'groups', groups: [group('rd', '研发中心', 2, [1, 2], { measure: '个' }), group('hitech', '高新技术企业', 3, [3, 4, 5], { measure: '家' })] as never },
    });
    expect(render('认定{projects.byProgram|list}', facts).text).toBe('认定研发中心2个、高新技术企业3家');
    expect(render('新建{projects.byProgram.rd}', facts).text).toBe('新建2个');
    expect(render('新认定{projects.byProgram.高新技术企业}', facts).text).toBe('新认定3家');
    // A member with nothing in it says nothing.
    expect(render('{projects.byProgram.other}', facts).text).toBeNull();
  });

  it('rounds 万元 amounts by the house rules unless exact', () => {
    const facts = input({
      'projects.amountApproved': { kind: 'number', value: 38.6, ids: [1, 2] },
      'projects.amountByLevel': { kind: 'groups', groups: [group('city', '市级', 39, [1]), group('county', '县级', 12.5, [2])] as never },
    });
    expect(render('争取资金{projects.amountApproved}', facts).text).toBe('争取资金30余万元');
    expect(render('争取资金{projects.amountApproved|exact}', facts).text).toBe('争取资金38.6万元');
    expect(render('{projects.amountByLevel|list}', facts).text).toBe('市级近40万元、县级12万余元');
    expect(render('{projects.amountApproved}', facts).figures[0].exactText).toBe('38.6万元');
  });

  it('writes a long list of names as its count, a short one by name', () => {
    const nine = ['林业', '农业', '茶果', '气象', '卫生', '科协', '畜牧', '教育', '水利'];
    const pattern = '牵头组织{outreach.departments|listed:等部门}的专家';
    expect(render(pattern, input({ 'outreach.departments': { kind: 'names', names: nine, ids: [1] } })).text).toBe('牵头组织9个部门的专家');
    expect(render(pattern, input({ 'outreach.departments': { kind: 'names', names: nine.slice(0, 3), ids: [1] } })).text).toBe('牵头组织林业、农业和茶果等部门的专家');
  });

  it('leaves a sentence out when a figure says nothing, and names the slot that names no fact', () => {
    const facts = input({ 'outreach.count': { kind: 'number', value: 0, ids: [] } });
    expect(render('开展活动{outreach.count}', facts)).toEqual({ text: null, figures: [], unknown: [] });
    const unknown = render('开展活动{outreach.counts}', facts);
    expect(unknown.text).toBeNull();
    expect(unknown.unknown.map((s) => s.key)).toEqual(['outreach.counts']);
  });

  it('puts the figure of a year earlier beside it', () => {
    const facts = input({ 'outreach.count': { kind: 'number', value: 5, ids: [1, 2, 3, 4, 5] } }, { 'outreach.count': { kind: 'number', value: 3, ids: [7, 8, 9] } });
    expect(render('共{outreach.count}', facts).figures[0].previous).toEqual({ value: 3, text: '3次' });
  });
});

describe('buildDraft', () => {
  it('lists every slot naming no fact as a warning with its place, and drafts the rest', () => {
    const template: TemplateDefinition = {
      name: 't', title: '{org.name}{period.label}总结', opening: '{period.label}{no.such}', outreachType: '送科技下乡', plan: null, auto: false,
      sections: [{ key: 'a', heading: '甲', enumerate: true, sentences: ['活动{outreach.count}', '未知{list.gone.done}'] }],
    };
    const facts = input({
      'org.name': { kind: 'text', text: '某局' }, 'period.label': { kind: 'text', text: '2023年上半年' },
      'outreach.count': { kind: 'number', value: 2, ids: [1, 2] },
    });
    const doc = buildDraft(template, facts, describePeriod('2023-01-01', '2023-06-30'), []);
    expect(doc.title).toBe('某局2023年上半年总结');
    expect(doc.opening.text).toBe('');
    expect(doc.sections.map((s) => s.paragraphs[0].text)).toEqual(['活动2次。']);
    expect(doc.warnings).toEqual([
      { path: 'opening', slot: '{no.such}', message: '“no.such”不是可用的统计数据,这句没有写入' },
      { path: 'sections.0.sentences.1', slot: '{list.gone.done}', message: '“list.gone.done”不是可用的统计数据,这句没有写入' },
    ]);
  });
});

describe('buildDefaultTemplate', () => {
  const list = (key: string, sortOrder: number, summary: unknown, more: Partial<{ name: string; topic: string | null; archived: boolean }> = {}) => ({
    key, name: more.name ?? key, topic: more.topic ?? null, sortOrder, archived: more.archived ?? false, summary: summary as never,
  });

  it('puts lists into core sections or sections of their own by heading, in list order, and the plan list into the plan', () => {
    const def = buildDefaultTemplate([
      list('b', 20, { section: '专项工作', sentences: ['乙{list.b.done}'], plan: null }),
      list('a', 10, { section: '专项工作', sentences: ['甲{list.a.done}'], plan: null }),
      list('stats', 30, { section: 'management', sentences: ['统计{list.stats.doneNames}'], plan: null }),
      list('plan', 40, { section: null, sentences: [], plan: { periodField: 'p', titleField: 't', contentField: 'c' } }),
      list('quiet', 50, { section: null, sentences: [], plan: null }),
      list('old', 60, null, { archived: true }),
      list('misc', 70, null, { name: '杂项台账', topic: '其他工作' }),
    ]);
    expect(def.sections.map((s) => [s.key, s.heading])).toEqual([
      ['management', '狠抓落实,科技管理上水平'], ['outreach', '强化科技宣传,科技活动丰富多彩'], ['a', '专项工作'], ['misc', '其他工作'],
    ]);
    expect(def.sections[0].sentences.at(-1)).toBe('统计{list.stats.doneNames}');
    expect(def.sections[2].sentences).toEqual(['甲{list.a.done}', '乙{list.b.done}']);
    expect(def.sections[3].sentences).toEqual(['杂项台账期内办理{list.misc.handled}', '其中已完成{list.misc.done}']);
    expect(def.plan).toEqual({ listKey: 'plan', periodField: 'p', titleField: 't', contentField: 'c' });
    expect(def.auto).toBe(true);
  });

  it('names only facts of the catalogue, and no place, year or county', () => {
    const def = buildDefaultTemplate([]);
    expect(checkTemplate(def, indexCatalogue(factCatalogue([])))).toEqual([]);
    expect(JSON.stringify(def)).not.toMatch(/上犹|元鱼|延东|2014|县委|我县|业务股|科技三下乡/);
  });
});
