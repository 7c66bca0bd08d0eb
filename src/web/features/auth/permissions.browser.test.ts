import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, loginAs, step, browserSuite } from '../../test/browser-harness';

// The buttons follow what the server allows. On an empty server, 衡阳市科学技术局 is set up with
// 衡东县科学技术局 below it; the county has 业务股 and 办公室, each with a staff member, and records of
// each section: an event and a project of 业务股, an event of 办公室, a summary. A leader of the city
// reads the county's records but finds no 编辑 or 删除 on them, and a member of 办公室 finds none on
// 业务股's records but finds them on her own: where a button is missing the server answers 403, and
// where it is shown the server takes the change.

const PASSWORD = 'Hengyang2025x';

/** The buttons of a project's page that change it: its stage, its fields, itself, its follow-ups and milestones. */
const PROJECT_WRITES = ['变更阶段', '编辑', '删除', '登记跟踪服务', '登记节点'];

interface Built {
  cityLeader: ApiSession;
  business: ApiSession;
  office: ApiSession;
  businessEvent: number;
  businessProject: number;
  officeEvent: number;
  report: number;
}

/** The city, the county below it, their people and the county's records, built through the API. */
async function buildCityAndCounty(url: string): Promise<Built> {
  const { session: cityAdmin, result } = await ApiSession.setUp<{ org: { id: number } }>(url, {
    division: '430400',
    name: '衡阳市科学技术局',
    admin: { username: 'hyadmin', displayName: '陈立', password: PASSWORD },
    starterLists: [],
    departments: false,
  });
  const county = await cityAdmin.post<{ id: number }>('/api/orgs', { parentId: result.org.id, divisionCode: '430424' });
  const { session: cityLeader } = await cityAdmin.createUser({ username: 'hyleader', displayName: '市局领导', role: 'leader' }, PASSWORD);
  const { session: countyAdmin } = await cityAdmin.createUser({ username: 'hdadmin', displayName: '周敏', role: 'admin', orgId: county.id }, PASSWORD);
  const businessSection = await countyAdmin.post<{ id: number }>('/api/sections', { name: '业务股' });
  const officeSection = await countyAdmin.post<{ id: number }>('/api/sections', { name: '办公室' });
  const { session: business } = await countyAdmin.createUser(
    { username: 'hdyewu', displayName: '李华', role: 'staff', sectionId: businessSection.id },
    PASSWORD,
  );
  const { session: office } = await countyAdmin.createUser(
    { username: 'hdbangong', displayName: '赵敏', role: 'staff', sectionId: officeSection.id },
    PASSWORD,
  );
  const event = (session: ApiSession, theme: string) =>
    session.post<{ id: number }>('/api/events', { type: '送科技下乡', theme, startDate: '2014-03-05', role: 'lead' }).then((e) => e.id);
  return {
    cityLeader,
    business,
    office,
    businessEvent: await event(business, '业务股:科技下乡进洣水'),
    businessProject: (
      await business.post<{ id: number }>('/api/projects', { title: '业务股:油茶深加工', field: 'agriculture', stageDates: { lead: '2014-02-10' } })
    ).id,
    officeEvent: await event(office, '办公室:科普宣传周'),
    report: (await business.post<{ id: number }>('/api/reports', { from: '2014-01-01', to: '2014-06-30' })).id,
  };
}

/**
 * The names of the buttons on a record's page, once its heading shows and every part of the page
 * named in `loaded` has its content (so no button is missing for still loading).
 */
async function buttonsOn(page: Page, url: string, path: string, heading: string, loaded: string[] = []): Promise<string[]> {
  await page.goto(`${url}${path}`);
  await page.getByRole('heading', { name: heading }).first().waitFor();
  for (const text of loaded) await page.getByText(text).first().waitFor();
  return (await page.getByRole('button').allTextContents()).map((name) => name.replace(/\s+/g, ''));
}

/** A new project's page has loaded its follow-ups and milestones (none yet). */
const PROJECT_CARDS = ['暂无跟踪服务记录', '暂无项目节点'];

describe('buttons follow the server', () => {
  const suite = browserSuite({ demo: false });
  let built: Built;
  beforeAll(async () => {
    built = await buildCityAndCounty(suite.url);
  });

  it("a leader of the city sees the county's records without 编辑 or 删除, which the server refuses", { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    const { cityLeader, businessEvent, businessProject, report } = built;

    await step('the city leader signs in', () => loginAs(page, url, 'hyleader', PASSWORD));

    await step("the county's event: read, no 编辑 or 删除", async () => {
      const buttons = await buttonsOn(page, url, `/events/${businessEvent}`, '业务股:科技下乡进洣水');
      expect(buttons).not.toContain('编辑');
      expect(buttons).not.toContain('删除');
    });

    await step("the county's project: read, no 变更阶段, 编辑, 删除 or 登记…", async () => {
      const buttons = await buttonsOn(page, url, `/projects/${businessProject}`, '业务股:油茶深加工', PROJECT_CARDS);
      for (const name of PROJECT_WRITES) expect(buttons).not.toContain(name);
    });

    await step("the county's summary: read, no 保存 and no paragraph to edit", async () => {
      await page.goto(`${url}/reports/${report}`);
      await page.getByTestId('report-document').waitFor();
      await page.getByTestId('version-no').waitFor();
      expect(await page.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
      expect(await page.getByTestId('report-document').getByRole('button', { name: /^编辑/ }).count()).toBe(0);
    });

    await step('the server refuses those changes to the city leader (403)', async () => {
      const theEvent = await cityLeader.get<{ policies: { update: boolean; delete: boolean } }>(`/api/events/${businessEvent}`);
      expect(theEvent.policies).toEqual({ update: false, delete: false });
      const eventBody = { type: '送科技下乡', theme: '市局改的', startDate: '2014-03-05', role: 'lead' };
      expect((await cityLeader.request('PUT', `/api/events/${businessEvent}`, eventBody, { 'if-match': '*' })).status).toBe(403);
      expect((await cityLeader.request('DELETE', `/api/events/${businessEvent}`)).status).toBe(403);
      expect((await cityLeader.request('PATCH', `/api/projects/${businessProject}`, { title: '市局改的' }, { 'if-match': '*' })).status).toBe(403);
      expect((await cityLeader.request('DELETE', `/api/projects/${businessProject}`)).status).toBe(403);
      const latest = await cityLeader.get<{ latest: { versionNo: number; doc: unknown } }>(`/api/reports/${report}`);
      const save = await cityLeader.request('POST', `/api/reports/${report}/versions`, { doc: latest.latest.doc, baseVersion: latest.latest.versionNo });
      expect(save.status).toBe(403);
    });
  });

  it("staff of 办公室 find no 编辑 or 删除 on 业务股's records, but do on their own", { timeout: 180_000 }, async () => {
    const page = await suite.page();
    const url = suite.url;
    const { office, businessEvent, businessProject, officeEvent } = built;

    await step('a member of 办公室 signs in', () => loginAs(page, url, 'hdbangong', PASSWORD));

    await step("业务股's event and project: read, no 编辑 or 删除", async () => {
      const event = await buttonsOn(page, url, `/events/${businessEvent}`, '业务股:科技下乡进洣水');
      expect(event).not.toContain('编辑');
      expect(event).not.toContain('删除');
      const project = await buttonsOn(page, url, `/projects/${businessProject}`, '业务股:油茶深加工', PROJECT_CARDS);
      for (const name of PROJECT_WRITES) expect(project).not.toContain(name);
    });

    await step("办公室's own event: 编辑 and 删除 are there", async () => {
      const buttons = await buttonsOn(page, url, `/events/${officeEvent}`, '办公室:科普宣传周');
      expect(buttons).toContain('编辑');
      expect(buttons).toContain('删除');
    });

    await step("the server refuses changes to 业务股's records (403) and takes one to her own", async () => {
      const eventBody = (theme: string) => ({ type: '送科技下乡', theme, startDate: '2014-03-05', role: 'lead' });
      expect((await office.request('PUT', `/api/events/${businessEvent}`, eventBody('办公室改的'), { 'if-match': '*' })).status).toBe(403);
      expect((await office.request('DELETE', `/api/events/${businessEvent}`)).status).toBe(403);
      expect((await office.request('PATCH', `/api/projects/${businessProject}`, { title: '办公室改的' }, { 'if-match': '*' })).status).toBe(403);
      expect((await office.request('DELETE', `/api/projects/${businessProject}`)).status).toBe(403);
      const own = await office.request<{ theme: string }>('PUT', `/api/events/${officeEvent}`, eventBody('办公室:科普宣传周'), { 'if-match': '*' });
      expect(own.status).toBe(200);
    });
  });
});
