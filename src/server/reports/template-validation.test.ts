import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';
import { braceProblems } from './template.js';

describe('braceProblems', () => {
  it('finds nothing wrong in well-formed patterns', () => {
    expect(braceProblems('组织申报{projects.applied}项,立项{projects.approved|exact}')).toEqual([]);
    expect(braceProblems('没有占位的句子')).toEqual([]);
  });

  it('names an unclosed "{" by its position, counted in characters from 1', () => {
    expect(braceProblems('申报{projects.applied项')).toEqual([{ position: 3, near: '{projects.', message: '第3个字处的“{”没有配对的“}”' }]);
  });

  it('names a stray "}", a "{" opened inside a slot, and an empty slot', () => {
    expect(braceProblems('共计{outreach.count}}次')).toEqual([{ position: 19, near: 'ch.count}}', message: '第19个字处的“}”没有配对的“{”' }]);
    expect(braceProblems('{a{b}')).toEqual([{ position: 1, near: '{a{', message: '第1个字处的“{”没有配对的“}”' }]);
    expect(braceProblems('空{}的')).toEqual([{ position: 2, near: '{}', message: '第2个字处的“{}”是空的占位' }]);
  });
});

describe('saving a template', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The leader of a bureau of the test's own, whose templates no other test touches. */
  async function leaderOfNewBureau(): Promise<TestClient> {
    const county = await t.factories.org({ name: '测试县科技局' });
    return t.lazyLogin((await t.factories.user({ org: county, role: 'leader' })).username);
  }

  const template = (opening: string, sentence = '申报{projects.applied}') => ({
    name: '季度简报',
    title: '{org.name}{period.label}工作简报',
    opening,
    sections: [{ key: 'projects', heading: '项目管理', sentences: [sentence] }],
    plan: null,
  });

  it('refuses an unclosed "{" with its position in Chinese, in the check and on save', async () => {
    const leader = await leaderOfNewBureau();
    const def = template('现将{period.label的工作情况汇报如下:');
    const check = await leader.post('/api/report-templates/check', def);
    expect(check.body.ok).toBe(false);
    expect(check.body.problems).toContainEqual({ path: 'opening', slot: '{period.la', message: '第3个字处的“{”没有配对的“}”' });
    const saved = await leader.post('/api/report-templates', def);
    expect(saved.status).toBe(400);
    expect(saved.body.error.code).toBe('VALIDATION');
    expect(saved.body.error.message).toContain('第3个字处的“{”没有配对的“}”');
    expect(saved.body.error.details[0].path).toBe('opening');
    expect((await leader.get('/api/report-templates')).body.items.map((x: { name: string }) => x.name)).not.toContain('季度简报');
  });

  it('refuses a stray "}" in a sentence', async () => {
    const leader = await leaderOfNewBureau();
    const saved = await leader.post('/api/report-templates', template('现汇报如下:', '申报{projects.applied}}项'));
    expect(saved.status).toBe(400);
    expect(saved.body.error.details).toContainEqual({ path: 'sections.0.sentences.0', message: '.applied}}:第21个字处的“}”没有配对的“{”' });
    expect((await leader.get('/api/report-templates')).body.items.map((x: { name: string }) => x.name)).not.toContain('季度简报');
  });

  it('saves a template whose braces pair up', async () => {
    const leader = await leaderOfNewBureau();
    const saved = await leader.post('/api/report-templates', template('现将{period.label}的工作情况汇报如下:'));
    expect(saved.status).toBe(200);
    expect((await leader.get('/api/report-templates')).body.items.map((x: { name: string }) => x.name)).toContain('季度简报');
  });
});
