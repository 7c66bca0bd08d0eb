import { describe, expect, it } from 'vitest';
import { CORE_FACTS, type FactDef, type FactValue, factCatalogue, indexCatalogue } from '../../shared/fact-catalogue.js';
import type { TemplateDefinition } from '../../shared/reports.js';
import { type DraftFacts, buildDraft, renderPattern } from './draft.js';
import { describePeriod } from './period.js';
import { buildDefaultTemplate, checkTemplate } from './template.js';

// The pure renderer over catalogue facts: groups and their members, nesting, 万元 and names rules,
// slots that name no fact, Chinese typography, names before 等, and section openings.

const extra: FactDef[] = [
  {
    key: 'projects.approvedByLevel',
    ledger: 'projects',
    label: '按级别立项',
    kind: 'groups',
    unit: '项',
    style: 'count',
    recordType: 'project',
    dimensions: ['field'],
    atEnd: false,
    description: '',
  },
  {
    key: 'projects.amountByLevel',
    ledger: 'projects',
    label: '按级别立项资金',
    kind: 'groups',
    unit: '万元',
    style: 'wan',
    recordType: 'project',
    dimensions: [],
    atEnd: false,
    description: '',
  },
  {
    key: 'projects.byProgram',
    ledger: 'projects',
    label: '按计划类别',
    kind: 'groups',
    unit: '项',
    style: 'count',
    recordType: 'project',
    dimensions: [],
    atEnd: false,
    description: '',
  },
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

const group = (key: string, name: string, value: number, ids: number[], more: Partial<{ measure: string; sub: Record<string, unknown[]> }> = {}) => ({
  key,
  name,
  value,
  ids,
  ...more,
});

describe('renderPattern', () => {
  it('nests groups by another dimension: 市级项目5项(工业3项、农业2项)', () => {
    const facts = input({
      'projects.approvedByLevel': {
        kind: 'groups',
        groups: [
          group('national', '国家级', 1, [1], { sub: { field: [group('industry', '工业', 1, [1])] } }),
          group('city', '市级', 5, [2, 3, 4, 5, 6], {
            sub: { field: [group('industry', '工业', 3, [2, 3, 4]), group('agriculture', '农业', 2, [5, 6]), group('social', '社会发展', 0, [])] },
          }),
          group('county', '县级', 0, []),
        ] as never,
      },
    });
    const out = render('获批{projects.approvedByLevel|suffix:项目|nest:field}', facts);
    expect(out.text).toBe('获批国家级项目1项（工业1项），市级项目5项（工业3项、农业2项）');
    expect(out.figures[0].text).toBe('国家级项目1项（工业1项），市级项目5项（工业3项、农业2项）');
    expect(out.figures[0]).toMatchObject({ value: 6, ids: [1, 2, 3, 4, 5, 6], recordType: 'project', exactText: '国家级项目1项、市级项目5项' });
  });

  it('writes each group with its own measure word, and one group by its member key or name', () => {
    const facts = input({
      'projects.byProgram': {
        kind: 'groups',
        groups: [group('rd', '研发中心', 2, [1, 2], { measure: '个' }), group('hitech', '高新技术企业', 3, [3, 4, 5], { measure: '家' })] as never,
      },
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
      'projects.amountByLevel': { kind: 'groups', groups: [group('city', '市级', 39.2, [1]), group('county', '县级', 12.5, [2])] as never },
    });
    expect(render('争取资金{projects.amountApproved}', facts).text).toBe('争取资金38万余元');
    expect(render('争取资金{projects.amountApproved|exact}', facts).text).toBe('争取资金38.6万元');
    expect(render('{projects.amountByLevel|list}', facts).text).toBe('市级近40万元、县级12万余元');
    expect(render('{projects.amountApproved}', facts).figures[0].exactText).toBe('38.6万元');
  });

  it('writes a long list of names as its count, a short one by name', () => {
    const nine = ['林业', '农业', '茶果', '气象', '卫生', '科协', '畜牧', '教育', '水利'];
    const pattern = '牵头组织{outreach.departments|listed:等部门}的专家';
    expect(render(pattern, input({ 'outreach.departments': { kind: 'names', names: nine, ids: [1] } })).text).toBe('牵头组织9个部门的专家');
    expect(render(pattern, input({ 'outreach.departments': { kind: 'names', names: nine.slice(0, 3), ids: [1] } })).text).toBe(
      '牵头组织林业、农业、茶果等部门的专家',
    );
  });

  it('joins names followed by 等 without 和: A、B、C等工作, never A、B和C等工作', () => {
    const facts = input({ 'outreach.departments': { kind: 'names', names: ['林业', '农业', '茶果'], ids: [1] } });
    expect(render('组织{outreach.departments}等部门', facts).text).toBe('组织林业、农业、茶果等部门');
    expect(render('组织{outreach.departments}的专家', facts).text).toBe('组织林业、农业和茶果的专家');
    expect(render('组织{outreach.departments|listed:等部门}', facts).text).toBe('组织林业、农业、茶果等部门');
    expect(render('组织{outreach.departments|listed:部门}', facts).text).toBe('组织林业、农业和茶果部门');
    const groups = input({
      'projects.byProgram': {
        kind: 'groups',
        groups: [group('a', '科普统计', 1, [1]), group('b', '民营科技企业统计', 1, [2]), group('c', '科技人员入园入企统计', 1, [3])] as never,
      },
    });
    expect(render('开展了{projects.byProgram}等工作', groups).text).toBe('开展了科普统计、民营科技企业统计、科技人员入园入企统计等工作');
  });

  it("sets the sentence in Chinese typography, the template's words and the record texts alike", () => {
    const facts = input({
      'projects.byProgram': { kind: 'groups', groups: [group('a', '科技富民强县(试行)', 1, [1]), group('b', 'Windows (64-bit)', 1, [2])] as never },
      'outreach.count': { kind: 'number', value: 5, ids: [1] },
      'outreach.type': { kind: 'text', text: '送科技下乡,为民服务' },
    });
    const out = render('上半年,申报{projects.byProgram|each}; 开展"{outreach.type}"活动{outreach.count}: 见https://kjj.example.cn/a?b=1,2', facts);
    expect(out.text).toBe('上半年，申报科技富民强县（试行）和Windows（64-bit）各1项；开展“送科技下乡，为民服务”活动5次：见https://kjj.example.cn/a?b=1,2');
    // Each figure's text is what the sentence says at its place.
    for (const f of out.figures) expect(out.text).toContain(f.text);
    expect(out.figures.map((f) => f.text)).toEqual(['科技富民强县（试行）和Windows（64-bit）各1项', '5次']);
  });

  it("gives the suffix only to groups counted in the fact's unit: a programme with its own measure word names what it counts", () => {
    const facts = input({
      'projects.byProgram': {
        kind: 'groups',
        groups: [
          group('rd', '重点研发计划', 2, [1, 2]),
          group('centre', '工程技术研究中心', 2, [3, 4], { measure: '个' }),
          group('county', '县科技计划', 1, [5], { measure: '项' }),
        ] as never,
      },
    });
    const out = render('组织申报{projects.byProgram|suffix:项目|each}', facts);
    expect(out.text).toBe('组织申报重点研发计划项目2项、工程技术研究中心2个、县科技计划项目1项');
    expect(out.figures[0].exactText).toBe('重点研发计划项目2项、工程技术研究中心2个、县科技计划项目1项');
    expect(render('{projects.byProgram.centre}', facts).text).toBe('2个');
    // Listed without figures, each name the same way.
    expect(render('{projects.byProgram|suffix:项目}', facts).text).toBe('重点研发计划项目、工程技术研究中心和县科技计划项目');
  });

  it('keeps the quotation marks around a name, its suffix outside them', () => {
    const facts = input({
      'projects.byProgram': { kind: 'groups', groups: [group('a', '科技富民强县', 1, [1]), group('b', '科技型中小企业创新基金', 1, [2])] as never },
    });
    expect(render('组织申报{projects.byProgram|quote|suffix:项目|each}', facts).text).toBe('组织申报“科技富民强县”项目和“科技型中小企业创新基金”项目各1项');
    expect(render('以{projects.byProgram|quote}为契机', facts).text).toBe('以“科技富民强县”和“科技型中小企业创新基金”为契机');
  });

  it('says the measure word a template gives, and reads | and : typed full-width in a slot', () => {
    const facts = input({ 'outreach.count': { kind: 'number', value: 5, ids: [1, 2, 3, 4, 5] } });
    expect(render('建立活动台账，登记活动{outreach.count|unit:场}', facts).text).toBe('建立活动台账，登记活动5场');
    expect(render('登记活动{outreach.count\uff5cunit\uff1a场}', facts).text).toBe('登记活动5场');
  });

  it('leaves a sentence out when a figure says nothing, and names the slot that names no fact', () => {
    const facts = input({ 'outreach.count': { kind: 'number', value: 0, ids: [] } });
    expect(render('开展活动{outreach.count}', facts)).toEqual({ text: null, figures: [], unknown: [] });
    const unknown = render('开展活动{outreach.counts}', facts);
    expect(unknown.text).toBeNull();
    expect(unknown.unknown.map((s) => s.key)).toEqual(['outreach.counts']);
  });

  it('puts the figure of a year earlier beside it', () => {
    const facts = input(
      { 'outreach.count': { kind: 'number', value: 5, ids: [1, 2, 3, 4, 5] } },
      { 'outreach.count': { kind: 'number', value: 3, ids: [7, 8, 9] } },
    );
    expect(render('共{outreach.count}', facts).figures[0].previous).toEqual({ value: 3, text: '3次' });
  });
});

describe('buildDraft', () => {
  it('lists every slot naming no fact as a warning with its place, and drafts the rest', () => {
    const template: TemplateDefinition = {
      name: 't',
      title: '{org.name}{period.label}总结',
      opening: '{period.label}{no.such}',
      outreachType: '送科技下乡',
      plan: null,
      auto: false,
      sections: [{ key: 'a', heading: '甲', enumerate: true, sentences: ['活动{outreach.count}', '未知{list.gone.done}'] }],
    };
    const facts = input({
      'org.name': { kind: 'text', text: '某局' },
      'period.label': { kind: 'text', text: '2023年上半年' },
      'outreach.count': { kind: 'number', value: 2, ids: [1, 2] },
    });
    const doc = buildDraft(template, facts, describePeriod('2023-01-01', '2023-06-30'), []);
    expect(doc.title).toBe('某局2023年上半年总结');
    expect(doc.opening.text).toBe('');
    expect(doc.sections.map((s) => s.paragraphs[0].text)).toEqual(['活动2次。']);
    expect(doc.warnings).toEqual([
      { path: 'opening', slot: '{no.such}', message: '“no.such”不是可用的统计数据，这句没有写入' },
      { path: 'sections.0.sentences.1', slot: '{list.gone.done}', message: '“list.gone.done”不是可用的统计数据，这句没有写入' },
    ]);
  });

  const sectionDraft = (section: TemplateDefinition['sections'][number], values: Record<string, FactValue>) => {
    const template: TemplateDefinition = {
      name: 't',
      title: '总结',
      opening: '现将工作汇报如下:',
      outreachType: '送科技下乡',
      plan: null,
      auto: false,
      sections: [section],
    };
    return buildDraft(template, input(values), describePeriod('2023-01-01', '2023-06-30'), []);
  };
  const some = {
    'outreach.count': { kind: 'number', value: 5, ids: [1, 2, 3, 4, 5] },
    'commissioners.logs': { kind: 'number', value: 12, ids: [7] },
  } as Record<string, FactValue>;

  it("writes a section's opening sentence before its 一是…二是…, not enumerated", () => {
    const doc = sectionDraft(
      {
        key: 'a',
        heading: '“三送”工作',
        enumerate: true,
        opening: '深入农村开展活动{outreach.count},主要做了以下几件实事:',
        sentences: ['开展送科技服务', '下乡服务{commissioners.logs}'],
      },
      some,
    );
    expect(doc.sections[0].paragraphs[0].text).toBe('深入农村开展活动5次，主要做了以下几件实事：一是开展送科技服务；二是下乡服务12次。');
    expect(doc.sections[0].paragraphs[0].figures.map((f) => f.text)).toEqual(['5次', '12次']);
    expect(doc.opening.text).toBe('现将工作汇报如下：');
  });

  it('leaves an opening out when its figure says nothing, and a section of only a wordy opening out', () => {
    const quiet = { 'outreach.count': { kind: 'number', value: 0, ids: [] } } as Record<string, FactValue>;
    const withSentences = sectionDraft(
      { key: 'a', heading: '甲', enumerate: true, opening: '开展活动{outreach.count}', sentences: ['服务{commissioners.logs}', '活动{outreach.count}'] },
      { ...quiet, 'commissioners.logs': some['commissioners.logs'] },
    );
    expect(withSentences.sections[0].paragraphs[0].text).toBe('服务12次。');
    expect(
      sectionDraft({ key: 'a', heading: '甲', enumerate: true, opening: '我局高度重视此项工作', sentences: ['活动{outreach.count}'] }, quiet).sections,
    ).toEqual([]);
    const openingAlone = sectionDraft(
      { key: 'a', heading: '甲', enumerate: true, opening: '开展活动{outreach.count}', sentences: ['服务{commissioners.logs}'] },
      { 'outreach.count': some['outreach.count'] },
    );
    expect(openingAlone.sections[0].paragraphs[0].text).toBe('开展活动5次。');
  });

  it('sets headings and plan items people typed in Chinese typography', () => {
    const template: TemplateDefinition = {
      name: 't',
      title: '总结',
      opening: '汇报如下',
      outreachType: '送科技下乡',
      plan: { listKey: 'plan', periodField: 'p', titleField: 't', contentField: 'c' },
      auto: false,
      sections: [{ key: 'a', heading: '强化宣传,活动丰富(试行)', enumerate: true, sentences: ['活动{outreach.count}'] }],
    };
    const doc = buildDraft(template, input(some), describePeriod('2023-01-01', '2023-06-30'), [
      { id: 1, title: '做好"科技富民强县"项目', content: '继续做好申报,确保落地(见附件a(1).docx).' },
    ]);
    expect(doc.sections.map((s) => s.heading)).toEqual(['一、强化宣传，活动丰富（试行）', '二、下半年工作计划']);
    expect(doc.sections[1].paragraphs[0].text).toBe('一、做好“科技富民强县”项目。继续做好申报，确保落地（见附件a(1).docx）.');
  });
});

describe('buildDefaultTemplate', () => {
  const list = (key: string, sortOrder: number, summary: unknown, more: Partial<{ name: string; topic: string | null; archived: boolean }> = {}) => ({
    key,
    name: more.name ?? key,
    topic: more.topic ?? null,
    sortOrder,
    archived: more.archived ?? false,
    summary: summary as never,
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
      ['management', '狠抓落实，科技管理上水平'],
      ['outreach', '强化科技宣传，科技活动丰富多彩'],
      ['a', '专项工作'],
      ['misc', '其他工作'],
    ]);
    expect(def.sections[0].sentences.at(-1)).toBe('统计{list.stats.doneNames}');
    expect(def.sections[2].sentences).toEqual(['甲{list.a.done}', '乙{list.b.done}']);
    expect(def.sections[3].sentences).toEqual(['杂项台账期内办理{list.misc.handled}', '其中已完成{list.misc.done}']);
    expect(def.plan).toEqual({ listKey: 'plan', periodField: 'p', titleField: 't', contentField: 'c' });
    expect(def.auto).toBe(true);
  });

  it('gives a section the first opening its lists give, and a list of only an opening its section', () => {
    const def = buildDefaultTemplate([
      list('a', 10, { section: '专项工作', opening: '深入农村{list.a.done}', sentences: [], plan: null }),
      list('b', 20, { section: '专项工作', opening: '不用的开头', sentences: ['乙{list.b.done}'], plan: null }),
      list('c', 30, { section: 'management', opening: '科技管理的开头', sentences: ['丙{list.c.done}'], plan: null }),
      list('d', 40, { section: '另一项工作', opening: '只有开头{list.d.done}', sentences: [], plan: null }),
    ]);
    expect(def.sections.map((s) => [s.key, s.opening ?? null, s.sentences.at(-1)])).toEqual([
      ['management', '科技管理的开头', '丙{list.c.done}'],
      ['outreach', null, '举办各类培训{events.trainings}，培训{events.trainees}'],
      ['a', '深入农村{list.a.done}', '乙{list.b.done}'],
      ['d', null, '只有开头{list.d.done}'],
    ]);
    const problems = checkTemplate({ ...def, sections: [{ ...def.sections[2], opening: '开头{list.gone.done}' }] }, indexCatalogue(factCatalogue([])));
    expect(problems.map((p) => p.path)).toContain('sections.0.opening');
  });

  it('writes the default template with full-width punctuation', () => {
    const def = buildDefaultTemplate([]);
    const prose = [def.title, def.opening, ...def.sections.flatMap((s) => [s.heading, ...s.sentences])].map((p) => p.replace(/\{[^{}]*\}/g, ''));
    expect(prose.join('').match(/[,;:()]/g)).toBeNull();
  });

  it('names only facts of the catalogue, and no place, year or county', () => {
    const def = buildDefaultTemplate([]);
    expect(checkTemplate(def, indexCatalogue(factCatalogue([])))).toEqual([]);
    expect(JSON.stringify(def)).not.toMatch(/上犹|元鱼|延东|2014|县委|我县|业务股|科技三下乡/);
  });
});
