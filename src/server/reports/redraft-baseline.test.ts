// A redraft that is saved becomes the new baseline: the paragraphs it updated count as drafted, not
// as edited by hand, so the next redraft keeps updating them; a redraft saved with the template's
// current version makes the report adopt it.
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
  org = await t.factories.org({ name: '基线测试县科技局' });
  const section = await t.factories.section(org, '业务股');
  await t.factories.user({ org, role: 'leader', username: 'baseline_leader' });
  await t.factories.user({ org, role: 'staff', section, username: 'baseline_staff' });
  leader = await t.login('baseline_leader');
  staff = await t.login('baseline_staff');
});
afterAll(() => t.close());

async function ok<T = any>(res: Promise<{ status: number; body: T; text: string }>): Promise<T> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

/** An outreach event of the bureau's own in a year of its own (each test a different year). */
async function outreachEvent(year: number, materials: number) {
  return ok(staff.post('/api/events', { type: '送科技下乡', theme: `科技下乡${++runs}`, startDate: `${year}-03-01`, role: 'lead', materials }));
}

async function setMaterials(event: { id: number; version: number } & Record<string, unknown>, materials: number) {
  const current = await ok(staff.get(`/api/events/${event.id}`));
  const { id: _id, version, createdAt: _c, updatedAt: _u, ...rest } = current;
  const body = Object.fromEntries(Object.entries(rest).filter(([k]) => ['type', 'theme', 'startDate', 'endDate', 'role', 'materials', 'notes'].includes(k)));
  return ok(staff.request('PUT', `/api/events/${event.id}`, { ...body, materials }, { 'if-match': `"${version}"` }));
}

/** A template of the bureau's own whose one sentence states the outreach events and their materials. */
async function outreachTemplate(sentence = '开展活动{outreach.count},发放资料{outreach.materials}') {
  const definition = {
    name: `基线模板${++runs}`,
    title: '{org.name}{period.label}工作总结',
    opening: '现将{period.label}工作汇报如下:',
    sections: [{ key: 'outreach', heading: '科技宣传', sentences: [sentence] }],
    plan: null,
  };
  return { definition, template: await ok(leader.post('/api/report-templates', definition)) };
}

const materialsText = (doc: any): string | undefined =>
  doc.sections
    .flatMap((s: any) => s.paragraphs)
    .flatMap((p: any) => p.figures)
    .find((f: any) => f.factKey === 'outreach.materials')?.text;

describe('a saved redraft', () => {
  it('is the baseline of the next one: figures it updated keep updating', async () => {
    const event = await outreachEvent(2021, 100);
    const { template } = await outreachTemplate();
    const report = await ok(staff.post('/api/reports', { from: '2021-01-01', to: '2021-06-30', templateId: template.id }));
    expect(materialsText(report.latest.doc)).toBe('100份');

    await setMaterials(event, 250);
    const first = await ok(staff.post(`/api/reports/${report.id}/redraft`));
    expect(first.changes).toEqual([expect.objectContaining({ factKey: 'outreach.materials', before: '100份', applied: true })]);
    const saved = await ok(staff.post(`/api/reports/${report.id}/versions`, { doc: first.doc, note: '重新起草', baseVersion: 1, fromRedraft: 'report' }));
    expect(saved.versionNo).toBe(2);

    await setMaterials(event, 480);
    const second = await ok(staff.post(`/api/reports/${report.id}/redraft`));
    expect(second.keptParagraphs).toEqual([]);
    expect(second.changes).toEqual([expect.objectContaining({ factKey: 'outreach.materials', before: materialsText(first.doc), applied: true })]);
    const fresh = await ok(staff.post('/api/reports', { from: '2021-01-01', to: '2021-06-30', templateId: template.id }));
    expect(materialsText(second.doc)).toBe(materialsText(fresh.latest.doc));
  });

  it('with the current template makes the report adopt it: the next redraft sees no template change', async () => {
    await outreachEvent(2022, 300);
    const { definition, template } = await outreachTemplate('开展活动{outreach.count}');
    const report = await ok(staff.post('/api/reports', { from: '2022-01-01', to: '2022-06-30', templateId: template.id }));
    await ok(
      leader.request(
        'PUT',
        `/api/report-templates/${template.id}`,
        {
          ...definition,
          sections: [{ key: 'outreach', heading: '科技宣传', sentences: ['开展活动{outreach.count},发放资料{outreach.materials}'] }],
        },
        { 'if-match': `"${template.version}"` },
      ),
    );

    const redraft = await ok(staff.post(`/api/reports/${report.id}/redraft?template=current`));
    expect(redraft.templateChanged).toBe(true);
    expect(materialsText(redraft.doc)).toBe('300份');
    await ok(staff.post(`/api/reports/${report.id}/versions`, { doc: redraft.doc, note: '重新起草', baseVersion: 1, fromRedraft: 'current' }));

    const again = await ok(staff.post(`/api/reports/${report.id}/redraft?template=report`));
    expect({ templateChanged: again.templateChanged, dataChanged: again.dataChanged, kept: again.keptParagraphs }).toEqual({
      templateChanged: false,
      dataChanged: false,
      kept: [],
    });
    expect(materialsText(again.doc)).toBe('300份');
  });
});
