// A redraft tracks edits per sentence: in a paragraph where a person edited one sentence, the
// other sentences take today's figures while the edited one is kept (both texts shown), again and
// again across saved redrafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../db/types.js';
import { type TestApp, type TestClient, createTestApp } from '../test/harness.js';

let t: TestApp;
let org: OrgRow;
let leader: TestClient;
let staff: TestClient;
let runs = 0;

beforeAll(async () => {
  t = await createTestApp();
  org = await t.factories.org({ name: '逐句测试县科技局' });
  const section = await t.factories.section(org, '业务股');
  await t.factories.user({ org, role: 'leader', username: 'sentences_leader' });
  await t.factories.user({ org, role: 'staff', section, username: 'sentences_staff' });
  leader = await t.login('sentences_leader');
  staff = await t.login('sentences_staff');
});
afterAll(() => t.close());

async function ok<T = any>(res: Promise<{ status: number; body: T; text: string }>): Promise<T> {
  const r = await res;
  if (r.status !== 200 && r.status !== 201) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

async function outreachEvent(year: number, materials: number) {
  return ok(staff.post('/api/events', { type: '送科技下乡', theme: `逐句下乡${++runs}`, startDate: `${year}-03-0${(runs % 9) + 1}`, role: 'lead', materials }));
}

async function setMaterials(event: { id: number }, materials: number) {
  const current = await ok(staff.get(`/api/events/${event.id}`));
  const body = Object.fromEntries(Object.entries(current).filter(([k]) => ['type', 'theme', 'startDate', 'endDate', 'role', 'materials', 'notes'].includes(k)));
  return ok(staff.request('PUT', `/api/events/${event.id}`, { ...body, materials }, { 'if-match': `"${current.version}"` }));
}

/** A template whose one enumerated section states the events (一是) and the materials (二是). */
async function twoSentenceTemplate() {
  const definition = {
    name: `逐句模板${++runs}`,
    title: '{org.name}{period.label}工作总结',
    opening: '现将{period.label}工作汇报如下：',
    sections: [
      { key: 'outreach', heading: '科技宣传', enumerate: true, sentences: ['开展送科技下乡活动{outreach.count}', '发放宣传资料{outreach.materials}'] },
    ],
    plan: null,
  };
  return ok(leader.post('/api/report-templates', definition));
}

const paragraphOf = (doc: any) => doc.sections.find((s: any) => s.key === 'outreach').paragraphs[0];
const figureText = (doc: any, key: string) => paragraphOf(doc).figures.find((f: any) => f.factKey === key)?.text;

describe('a redraft of a paragraph with one sentence edited by hand', () => {
  it('updates the untouched sentence and keeps the edited one, redraft after redraft', async () => {
    const first = await outreachEvent(2019, 100);
    const template = await twoSentenceTemplate();
    const report = await ok(staff.post('/api/reports', { from: '2019-01-01', to: '2019-06-30', templateId: template.id }));
    const drafted = paragraphOf(report.latest.doc);
    expect(drafted.text).toBe('一是开展送科技下乡活动1次；二是发放宣传资料100份。');
    // Each figure knows where it sits.
    for (const f of drafted.figures) expect(drafted.text.slice(f.start, f.start + f.text.length)).toBe(f.text);

    // A person rewrites the second sentence (its figure stays in it).
    const mine = '二是向农户发放宣传资料100份，广受欢迎。';
    const edited = {
      ...report.latest.doc,
      sections: [{ ...report.latest.doc.sections[0], paragraphs: [{ ...drafted, text: `一是开展送科技下乡活动1次；${mine}` }] }],
    };
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc: edited, note: '改写一句', baseVersion: 1 }));

    // Two records change: another event (the count) and the first event's materials.
    await outreachEvent(2019, 0);
    await setMaterials(first, 250);
    const one = await ok(staff.post(`/api/reports/${report.id}/redraft`));
    expect(paragraphOf(one.doc).text).toBe(`一是开展送科技下乡活动2次；${mine}`);
    expect(one.keptParagraphs).toEqual([]);
    expect(one.keptSentences).toEqual([
      { sectionKey: 'outreach', paragraphKey: 'outreach.1', index: 1, text: mine, draft: expect.stringMatching(/^二是发放宣传资料.+份。$/) },
    ]);
    expect(one.keptSentences[0].draft).not.toContain('100份');
    expect(one.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ factKey: 'outreach.count', before: '1次', after: '2次', applied: true }),
        expect.objectContaining({ factKey: 'outreach.materials', before: '100份', applied: false }),
      ]),
    );
    for (const f of paragraphOf(one.doc).figures) expect(paragraphOf(one.doc).text.slice(f.start, f.start + f.text.length)).toBe(f.text);
    expect(figureText(one.doc, 'outreach.materials')).toBe('100份');
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc: one.doc, note: '重新起草', baseVersion: 2, fromRedraft: 'report' }));

    // The records change again: the edited sentence is still the person's, the other updates again.
    await outreachEvent(2019, 0);
    await setMaterials(first, 480);
    const two = await ok(staff.post(`/api/reports/${report.id}/redraft`));
    expect(paragraphOf(two.doc).text).toBe(`一是开展送科技下乡活动3次；${mine}`);
    expect(two.keptParagraphs).toEqual([]);
    expect(two.keptSentences).toEqual([
      expect.objectContaining({ paragraphKey: 'outreach.1', index: 1, text: mine, draft: expect.stringMatching(/^二是发放宣传资料.+份。$/) }),
    ]);
    expect(two.keptSentences[0].draft).not.toBe(one.keptSentences[0].draft);
    expect(two.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ factKey: 'outreach.count', before: '2次', after: '3次', applied: true }),
        expect.objectContaining({ factKey: 'outreach.materials', before: '100份', applied: false }),
      ]),
    );
  });

  it('keeps a sentence a person added and still updates the drafted ones (sentences paired by their facts)', async () => {
    const first = await outreachEvent(2018, 100);
    const template = await twoSentenceTemplate();
    const report = await ok(staff.post('/api/reports', { from: '2018-01-01', to: '2018-06-30', templateId: template.id }));
    const drafted = paragraphOf(report.latest.doc);
    const added = '活动得到群众好评。';
    const edited = { ...report.latest.doc, sections: [{ ...report.latest.doc.sections[0], paragraphs: [{ ...drafted, text: `${drafted.text}${added}` }] }] };
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc: edited, note: '加一句', baseVersion: 1 }));
    await outreachEvent(2018, 0);
    await setMaterials(first, 120);
    const redraft = await ok(staff.post(`/api/reports/${report.id}/redraft`));
    expect(paragraphOf(redraft.doc).text).toBe(`一是开展送科技下乡活动2次；二是发放宣传资料${figureText(redraft.doc, 'outreach.materials')}。${added}`);
    expect(figureText(redraft.doc, 'outreach.materials')).not.toBe('100份');
    expect(redraft.keptSentences).toEqual([expect.objectContaining({ index: 2, text: added, draft: null })]);
    expect(redraft.changes.every((c: any) => c.applied)).toBe(true);
  });
});
