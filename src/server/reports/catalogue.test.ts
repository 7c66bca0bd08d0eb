import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

// The fact catalogue through the API: a quiet period says nothing of earlier work, a bureau made from
// nothing gets a default template that validates and drafts, renaming a list keeps its section, and a
// slot naming no fact is a visible warning.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.database.db, { adminPassword: 'Admin2014x', demoPassword: 'demo2014pw' });
});
afterAll(() => t.close());

const ANY_VERSION = { 'if-match': '*' };

/** A bureau of its own with a leader signed in. */
async function newBureau(name: string, level: 'county' | 'city' = 'county'): Promise<TestClient> {
  const org = await t.factories.org({ name, level });
  const username = `leader_${Math.random().toString(36).slice(2, 8)}`;
  await t.factories.user({ org, role: 'leader', username });
  return t.login(username);
}

/** A list of a bureau's own, with a summary sentence naming its figures by the list's key. */
const servicesList = {
  name: '科技服务',
  key: 'services',
  topic: '科技服务',
  fields: [
    { key: 'title', label: '事项', type: 'text', required: true },
    { key: 'town', label: '乡镇', type: 'text' },
    { key: 'people', label: '服务人数', type: 'number', unit: '人' },
  ],
  statuses: [
    { key: 'open', label: '办理中' },
    { key: 'done', label: '已办结', done: true },
  ],
  figures: [{ key: 'served', label: '服务群众', kind: 'sum', fieldKeys: ['people'] }],
  summary: {
    section: '优化科技服务',
    sentences: ['深入{list.services.field.town}开展科技服务{list.services.registered|unit:次},服务群众{list.services.figure.served}'],
  },
};

describe('a period with no records', () => {
  it('drafts the title and the opening only, and no fact of any ledger says anything of earlier work', async () => {
    const staff = await t.login('yewu', 'demo2014pw');
    const res = await staff.post('/api/reports', { from: '2025-01-01', to: '2025-06-30' });
    expect(res.status).toBe(200);
    const doc = res.body.latest.doc;
    expect(doc.title).toBe('上犹县科技局2025年上半年工作总结');
    expect(doc.opening.text).toMatch(/^2025年上半年，在县委、县政府的正确领导/);
    expect(doc.sections).toEqual([]);
    expect(doc.warnings).toEqual([]);

    const facts = (await staff.get('/api/report-templates/facts?from=2025-01-01&to=2025-06-30')).body;
    const ledgers = facts.ledgers.map((l: { ledger: string }) => l.ledger);
    expect(ledgers).toEqual(['org', 'period', 'projects', 'events', 'outreach', 'commissioners', 'lists']);
    const saying = facts.items.filter(
      (f: { kind: string; atEnd: boolean; value: { text: string | null } }) => f.kind !== 'text' && !f.atEnd && f.value.text !== null,
    );
    expect(saying).toEqual([]);
    // The same facts in the demo's half-year do say something, in every ledger.
    const h1 = (await staff.get('/api/report-templates/facts?from=2014-01-01&to=2014-06-30')).body;
    for (const ledger of ['projects', 'events', 'outreach', 'commissioners', 'lists']) {
      const items = h1.ledgers.find((l: { ledger: string }) => l.ledger === ledger).items;
      expect(items.some((f: { atEnd: boolean; value: { text: string | null } }) => !f.atEnd && f.value.text !== null)).toBe(true);
    }
    // A state at the end still answers: the lists' items stay on the ledger.
    const itemsAtEnd = facts.items.find((f: { key: string }) => f.key === 'list.expropriation.itemsAtEnd');
    expect(itemsAtEnd.value).toMatchObject({ number: 4, text: '4项' });
  });
});

describe('a bureau created from nothing', () => {
  it('gets a default template that validates and drafts from its own data, thanking its own leadership', async () => {
    const leader = await newBureau('新建县科技局');
    const templates = (await leader.get('/api/report-templates')).body.items;
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ isDefault: true, definition: { auto: true, plan: null } });
    expect(templates[0].definition.sections.map((s: { key: string }) => s.key)).toEqual(['management', 'outreach']);
    expect(JSON.stringify(templates[0].definition)).not.toMatch(/上犹|2014|元鱼|延东|县委/);
    expect((await leader.post('/api/report-templates/check', templates[0].definition)).body).toEqual({ ok: true, problems: [] });

    const res = await leader.post('/api/reports', { from: '2023-01-01', to: '2023-06-30' });
    expect(res.status).toBe(200);
    expect(res.body.latest.doc).toMatchObject({ title: '新建县科技局2023年上半年工作总结', sections: [], warnings: [] });
    expect(res.body.latest.doc.opening.text).toMatch(/^2023年上半年，在县委、县政府的正确领导.*积极做好县中心工作/);
  });

  it("opens a city bureau's summary with the city leadership", async () => {
    const leader = await newBureau('新建市科学技术局', 'city');
    const res = await leader.post('/api/reports', { from: '2023-01-01', to: '2023-12-31' });
    // A city serves the whole city's work (全市中心工作), never 市中心工作 (which reads as the city centre's).
    expect(res.body.latest.doc.opening.text).toMatch(/^2023年，在市委、市政府的正确领导.*团结带领全市科技系统.*积极服务全市中心工作/);
    expect(res.body.latest.doc.opening.text).not.toContain('做好市中心工作');
  });

  it('rebuilds the default template as lists are added, a list without summary getting a generic sentence, until a person saves it', async () => {
    const leader = await newBureau('新建二县科技局');
    expect((await leader.get('/api/report-templates')).body.items[0].definition.sections).toHaveLength(2);
    const list = await leader.post('/api/worklists', {
      name: '督办事项',
      topic: '重点工作督办',
      fields: [{ key: 'title', label: '事项', type: 'text', required: true }],
      statuses: [
        { key: 'open', label: '办理中' },
        { key: 'done', label: '已办结', done: true },
      ],
    });
    expect(list.status).toBe(200);
    expect(list.body.key).toBe(`list_${list.body.id}`);
    const key = list.body.key;
    for (const title of ['督办甲', '督办乙']) {
      const item = await leader.post(`/api/worklists/${list.body.id}/items`, { values: { title }, registeredDate: '2023-03-01' });
      if (title === '督办甲') await leader.post(`/api/worklist-items/${item.body.id}/progress`, { entryDate: '2023-05-01', content: '办结', toStatus: 'done' });
    }
    const template = (await leader.get('/api/report-templates')).body.items[0];
    expect(template.definition.sections.at(-1)).toEqual({
      key,
      heading: '重点工作督办',
      enumerate: false,
      sentences: [`督办事项期内办理{list.${key}.handled}`, `其中已完成{list.${key}.done}`],
    });
    const doc = (await leader.post('/api/reports', { from: '2023-01-01', to: '2023-06-30' })).body.latest.doc;
    expect(doc.sections).toEqual([
      expect.objectContaining({ key, heading: '一、重点工作督办', paragraphs: [expect.objectContaining({ text: '督办事项期内办理2项。其中已完成1项。' })] }),
    ]);

    // Saved by a person, the template is theirs: a new list no longer changes it.
    const saved = await leader.request('PUT', `/api/report-templates/${template.id}`, template.definition, ANY_VERSION);
    expect(saved.body.definition.auto).toBe(false);
    await leader.post('/api/worklists', { ...servicesList, key: 'services2', summary: null });
    expect((await leader.get('/api/report-templates')).body.items[0].definition.sections).toEqual(saved.body.definition.sections);
  });
});

describe('work-list keys', () => {
  it("keep a list's section when the list and a field are renamed after drafting", async () => {
    const leader = await newBureau('改名县科技局');
    const list = (await leader.post('/api/worklists', servicesList)).body;
    expect(list.key).toBe('services');
    for (const [title, town, people] of [
      ['春耕技术服务', '甲镇', 30],
      ['果树修剪指导', '乙镇', 45],
    ] as const) {
      await leader.post(`/api/worklists/${list.id}/items`, { values: { title, town, people }, registeredDate: '2023-03-10' });
    }
    const report = (await leader.post('/api/reports', { from: '2023-01-01', to: '2023-06-30' })).body;
    const section = {
      key: 'services',
      heading: '一、优化科技服务',
      paragraphs: [expect.objectContaining({ text: '深入甲镇和乙镇开展科技服务2次，服务群众70余人。' })],
    };
    expect(report.latest.doc.sections).toEqual([section]);

    const renamed = await leader.request(
      'PUT',
      `/api/worklists/${list.id}`,
      {
        ...servicesList,
        name: '科技服务台账',
        fields: servicesList.fields.map((f) => (f.key === 'town' ? { ...f, label: '所在乡镇' } : f)),
      },
      ANY_VERSION,
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ key: 'services', name: '科技服务台账' });

    const redraft = await leader.post(`/api/reports/${report.id}/redraft`, {});
    expect(redraft.status).toBe(200);
    expect(redraft.body.doc.sections).toEqual([section]);
    expect(redraft.body.changes).toEqual([]);
    expect(redraft.body.doc.warnings).toEqual([]);
    // A new draft with the default template keeps it too, and the catalogue labels follow the new names.
    expect((await leader.post('/api/reports', { from: '2023-01-01', to: '2023-06-30' })).body.latest.doc.sections).toEqual([section]);
    const facts = (await leader.get('/api/report-templates/facts')).body.items;
    expect(facts.find((f: { key: string }) => f.key === 'list.services.field.town').label).toBe('科技服务台账:所在乡镇');
  });

  it("are given once: a key in use is refused, and a list's key cannot be changed", async () => {
    const leader = await newBureau('标识县科技局');
    const list = (await leader.post('/api/worklists', servicesList)).body;
    const again = await leader.post('/api/worklists', { ...servicesList, name: '另一个台账' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('台账标识“services”已被使用');
    const changed = await leader.request('PUT', `/api/worklists/${list.id}`, { ...servicesList, key: 'other' }, ANY_VERSION);
    expect(changed.status).toBe(400);
    expect(changed.body.error.message).toContain('台账标识不能修改');
    const bad = await leader.post('/api/worklists', { ...servicesList, name: '坏标识', key: 'Bad-Key' });
    expect(bad.status).toBe(400);
  });

  it("name the facts a list's summary sentences may use: its own by its key, and any other", async () => {
    const leader = await newBureau('句式县科技局');
    const wrong = await leader.post('/api/worklists', {
      ...servicesList,
      summary: { section: '服务', sentences: ['服务{list.services.registered}', '{list.services.figure.nothing}与{outreach.count}'] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([
      { path: 'summary.sentences.1', message: '{list.services.figure.nothing}:“list.services.figure.nothing”不是可用的统计数据' },
    ]);
    expect((await leader.post('/api/worklists', servicesList)).status).toBe(200);
  });
});

describe('a slot that names no fact', () => {
  it('is refused when the template is saved, and a warning in a draft when its fact has gone since', async () => {
    const leader = await newBureau('警告县科技局');
    const list = (await leader.post('/api/worklists', { ...servicesList, key: 'temp', name: '临时台账', summary: null })).body;
    const def = {
      name: '简报',
      title: '{org.name}{period.label}工作简报',
      opening: '现将{period.label}工作汇报如下:',
      plan: null,
      sections: [{ key: 'temp', heading: '临时工作', sentences: ['临时事项{list.temp.registered}', '没有这个{list.nothing.done}'] }],
    };
    const refused = await leader.post('/api/report-templates', def);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'sections.0.sentences.1', message: '{list.nothing.done}:“list.nothing.done”不是可用的统计数据' }]);
    def.sections[0].sentences = ['临时事项{list.temp.registered}'];
    const saved = await leader.post('/api/report-templates', def);
    expect(saved.status).toBe(200);

    expect((await leader.delete(`/api/worklists/${list.id}`)).status).toBe(200);
    const report = await leader.post('/api/reports', { from: '2023-01-01', to: '2023-06-30', templateId: saved.body.id });
    expect(report.status).toBe(200);
    expect(report.body.latest.doc.warnings).toEqual([
      { path: 'sections.0.sentences.0', slot: '{list.temp.registered}', message: '“list.temp.registered”不是可用的统计数据，这句没有写入' },
    ]);
    expect(report.body.latest.doc.title).toBe('警告县科技局2023年上半年工作简报');
  });
});

describe('the live preview of a sentence', () => {
  it('writes a pattern for a period as the draft would, or says why it cannot', async () => {
    const leader = await t.login('juzhang', 'demo2014pw');
    const period = { from: '2014-01-01', to: '2014-06-25' };
    const ok = await leader.post('/api/report-templates/preview', {
      ...period,
      pattern: '开展{outreach.type}活动共{outreach.count},发放资料{outreach.materials},走访{list.village_ledger.field.village}',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.text).toBe('开展送科技下乡活动共5次，发放资料1.5万余份，走访东山镇元鱼村');
    expect(ok.body.problems).toEqual([]);
    expect(ok.body.figures.map((f: { factKey: string; exactText: string }) => [f.factKey, f.exactText])).toEqual([
      ['outreach.count', '5次'],
      ['outreach.materials', '15230份'],
      ['list.village_ledger.field.village', '东山镇元鱼村'],
    ]);
    const member = await leader.post('/api/report-templates/preview', {
      ...period,
      pattern: '{list.village_activities.figure.by_kind.科技培训|unit:次}培训,{list.rectification.figure.by_statusAtEnd.已整改}',
    });
    expect(member.body.text).toBe('2次培训，2项');
    const quiet = await leader.post('/api/report-templates/preview', { from: '2025-01-01', to: '2025-06-30', pattern: '开展活动{outreach.count}' });
    expect(quiet.body).toEqual({ text: null, figures: [], problems: [] });
    const wrong = await leader.post('/api/report-templates/preview', { ...period, pattern: '申报{projects.nothing|bold}项目{projects.applied' });
    expect(wrong.body.text).toBeNull();
    expect(wrong.body.problems).toEqual([
      { path: 'pattern', slot: '{projects.', message: '第28个字处的“{”没有配对的“}”' },
      { path: 'pattern', slot: '{projects.nothing|bold}', message: '“projects.nothing”不是可用的统计数据' },
      { path: 'pattern', slot: '{projects.nothing|bold}', message: '未知的格式“bold”' },
    ]);
  });
});

describe('a project milestone', () => {
  it('is stated by the default template in its period and traced to its project', async () => {
    const staff = await t.login('yewu', 'demo2014pw');
    const project = (await staff.get('/api/projects?pageSize=1')).body.items[0];
    const created = await staff.post(`/api/projects/${project.id}/milestones`, { kind: '中期检查', milestoneDate: '2014-06-29' });
    expect(created.body).toMatchObject({ kind: '中期检查' });
    const doc = (await staff.post('/api/reports', { from: '2014-06-01', to: '2014-06-30' })).body.latest.doc;
    const paragraph = doc.sections[0].paragraphs[0];
    expect(paragraph.text).toContain('开展项目中期检查1次');
    const figure = paragraph.figures.find((f: { factKey: string }) => f.factKey === 'projects.milestonesByKind');
    const trace = await staff.get(`/api/reports/trace?recordType=${figure.recordType}&ids=${figure.ids.join(',')}`);
    expect(trace.body.items).toEqual([{ id: created.body.id, label: `2014-06-29 中期检查:${project.title}`, link: `/projects/${project.id}` }]);
  });
});

describe('redrafting', () => {
  it("uses the report's template or its current version, and says whether the template or the data changed", async () => {
    const leader = await newBureau('重拟县科技局');
    const list = (await leader.post('/api/worklists', servicesList)).body;
    await leader.post(`/api/worklists/${list.id}/items`, { values: { title: '春耕技术服务', town: '甲镇', people: 30 }, registeredDate: '2023-03-10' });
    const report = (await leader.post('/api/reports', { from: '2023-01-01', to: '2023-06-30' })).body;
    const unchanged = (await leader.post(`/api/reports/${report.id}/redraft`, {})).body;
    expect(unchanged).toMatchObject({ template: 'report', templateChanged: false, dataChanged: false, changes: [] });

    const template = (await leader.get('/api/report-templates')).body.items[0];
    const edited = structuredClone(template.definition);
    edited.sections.find((s: { key: string }) => s.key === 'services').heading = '科技服务暖民心';
    expect((await leader.request('PUT', `/api/report-templates/${template.id}`, edited, ANY_VERSION)).status).toBe(200);
    const asDrafted = (await leader.post(`/api/reports/${report.id}/redraft`, {})).body;
    expect(asDrafted).toMatchObject({ template: 'report', templateChanged: true, dataChanged: false });
    expect(asDrafted.doc.sections[0].heading).toBe('一、优化科技服务');
    const withCurrent = await leader.post(`/api/reports/${report.id}/redraft?template=current`, {});
    expect(withCurrent.body).toMatchObject({ template: 'current', templateChanged: true, dataChanged: false });
    expect(withCurrent.body.doc.sections[0].heading).toBe('一、科技服务暖民心');

    await leader.post(`/api/worklists/${list.id}/items`, { values: { title: '果树修剪指导', town: '乙镇', people: 45 }, registeredDate: '2023-04-10' });
    const moreData = (await leader.post(`/api/reports/${report.id}/redraft`, {})).body;
    expect(moreData).toMatchObject({ templateChanged: true, dataChanged: true });
    expect(moreData.changes).toEqual(expect.arrayContaining([expect.objectContaining({ factKey: 'list.services.registered', before: '1次', after: '2次' })]));
  });
});
