import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type RunningServer,
  closePage,
  launchBrowser,
  loginAs,
  newPage,
  openedDialog,
  pickOption,
  saveScreenshot,
  startServer,
  step,
} from '../../test/browser-harness';

// The template editor as a leader of the demo bureau (juzhang) uses it: every fact of the
// catalogue, grouped by ledger, with its value for 2014 上半年; a click inserts a fact's slot at the
// cursor of the sentence being edited, whose live preview follows; the template is saved, and a
// summary drafted before is redrafted with the template's current version, saying what changed.
// A second case: a slot that names no fact any more is shown on the report page, never dropped
// silently.

const H1 = { from: '2014-01-01', to: '2014-06-30' };
const TYPED = '特派员引进新品种新技术,发放补助资金';
const WITH_FIRST = '特派员引进新品种新技术{commissioners.newTechniques},发放补助资金';
const WITH_BOTH = `${WITH_FIRST}{commissioners.supportAmount}`;
// The draft writes Chinese punctuation whatever the template holds (the half-width comma typed becomes ，).
const RENDERED = '特派员引进新品种新技术4项，发放补助资金9000元';

const apiPath = (url: string) => new URL(url).pathname;

interface TemplateItem {
  id: number;
  name: string;
  isDefault: boolean;
  definition: { sections: { key: string; heading: string; sentences: string[] }[] } & Record<string, unknown>;
}

/** Writes through the API as the signed-in page (its session cookie; the server asks writes for their Origin). */
async function apiSend(page: Page, url: string, method: 'POST' | 'DELETE', path: string, body?: unknown) {
  const headers: Record<string, string> = method === 'DELETE' ? { Origin: url, 'If-Match': '*' } : { Origin: url };
  const res = await page.request.fetch(`${url}${path}`, { method, headers, data: body });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

async function templates(page: Page, url: string): Promise<TemplateItem[]> {
  return ((await (await page.request.get(`${url}/api/report-templates`)).json()) as { items: TemplateItem[] }).items;
}

/** The live preview once it matches what is typed. */
async function settledPreview(preview: Locator): Promise<string> {
  await expect.poll(() => preview.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
  return (await preview.textContent()) ?? '';
}

describe('summary template editor (总结模板)', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    await closePage(page, task);
    page = undefined;
  });

  it(
    'lists every fact with its 2014 H1 value, inserts a clicked fact at the cursor with a live preview, saves, and redrafts with the current template',
    { timeout: 240_000 },
    async () => {
      page = await newPage(browser!, { width: 1600, height: 1000 });
      const p = page;
      const url = server!.url;
      let reportId = 0;
      let templateId = 0;

      await step('局长登录,先按默认模板起草2014年上半年总结', async () => {
        await loginAs(p, url, 'juzhang', DEMO_PASSWORD);
        const report = (await apiSend(p, url, 'POST', '/api/reports', H1)) as { id: number; latestVersion: number };
        expect(report.latestVersion).toBe(1);
        reportId = report.id;
        templateId = (await templates(p, url)).find((t) => t.isDefault)!.id;
      });

      await step('从工作总结打开总结模板,编辑默认模板', async () => {
        await p.goto(`${url}/reports`);
        await p.getByRole('button', { name: /总结模板/ }).click();
        await p.waitForURL((u) => u.pathname === '/reports/templates');
        await p.getByTestId(`template-row-${templateId}`).getByRole('button', { name: '编辑', exact: true }).click();
        await p.getByRole('heading', { name: /^编辑模板:/ }).waitFor();
        await p.getByTestId('fact-catalogue').waitFor();
      });

      const catalogue = p.getByTestId('fact-catalogue');
      const fact = (key: string) => catalogue.locator(`[data-testid="fact"][data-fact-key="${key}"]`);
      const valueOf = (key: string) => fact(key).getByTestId('fact-value');

      await step('数值期间选2014年上半年:各台账的每项数据都列出,带该期间的数值', async () => {
        // The latest half-year is shown first (nothing happened in it in the demo bureau).
        await expect.poll(() => catalogue.getByTestId('facts-period').getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
        await catalogue.getByLabel('数值年度').fill('2014');
        await pickOption(p, catalogue.locator('.ant-select').filter({ has: p.getByLabel('数值期间') }), '上半年');
        const periodNote = catalogue.getByTestId('facts-period');
        await expect
          .poll(async () => `${await periodNote.getAttribute('data-state')} ${await periodNote.textContent()}`, { timeout: 15_000 })
          .toMatch(/^ready 数值为2014年上半年\(2014-01-01 至 2014-06-30\)/);

        const api = (await (await p.request.get(`${url}/api/report-templates/facts?from=${H1.from}&to=${H1.to}`)).json()) as { items: { key: string }[] };
        expect(await catalogue.getByTestId('fact').count()).toBe(api.items.length);
        for (const group of ['org', 'period', 'projects', 'events', 'outreach', 'commissioners', 'list.rectification', 'list.expropriation', 'list.opinions']) {
          expect(await catalogue.getByTestId(`fact-group-${group}`).count(), group).toBe(1);
        }
        expect(await catalogue.getByTestId('fact-group-list.rectification').textContent()).toContain('工作台账 · 整改台账');
        const expected: Record<string, string> = {
          'org.leadership': '县委、县政府',
          'period.label': '2014年上半年',
          'projects.applied': '2项',
          'projects.visits': '6次',
          'events.count': '7次',
          'outreach.materials': '1.5万余份',
          'commissioners.active': '6人',
          'commissioners.newTechniques': '4项',
          'list.rectification.done': '3项',
          'list.expropriation.itemsAtEnd': '4项',
        };
        for (const [key, value] of Object.entries(expected)) expect(await valueOf(key).textContent(), key).toBe(value);
        // A figure that says nothing in the period is shown as zero, greyed.
        expect(await valueOf('projects.approved').textContent()).toBe('0项');
        // Label, slot and unit of each fact.
        const materials = (await fact('outreach.materials').textContent()) ?? '';
        for (const part of ['发放资料', '{outreach.materials}', '单位:份']) expect(materials).toContain(part);
        expect(await fact('list.expropriation.itemsAtEnd').textContent()).toContain('期末');
        await saveScreenshot(p, 'template-editor-facts');
      });

      await step('搜索统计数据', async () => {
        const search = catalogue.getByLabel('搜索统计数据');
        await search.fill('培训人次');
        await expect.poll(() => catalogue.getByTestId('fact').count()).toBeLessThan(10);
        const keys = await catalogue.getByTestId('fact').evaluateAll((els) => els.map((el) => el.getAttribute('data-fact-key')));
        expect(keys).toEqual(expect.arrayContaining(['events.trainees', 'outreach.trainees']));
        await search.fill('');
        await expect.poll(() => catalogue.getByTestId('fact').count()).toBeGreaterThan(100);
      });

      const section = p.getByTestId('template-section-1');
      const box = section.getByRole('textbox', { name: '第2段句式4' });
      const preview = section.getByTestId('pattern-preview');

      await step('新添一句,输入文字:预览写出这句', async () => {
        expect(await section.getByRole('textbox', { name: /^第2段句式\d+$/ }).count()).toBe(3);
        await section.getByRole('button', { name: /添加句式/ }).click();
        await box.fill(TYPED);
        expect(await settledPreview(preview)).toBe('预览(2014年上半年):特派员引进新品种新技术，发放补助资金');
        // The cursor goes back before ,发放补助资金.
        for (let i = 0; i < ',发放补助资金'.length; i++) await box.press('ArrowLeft');
      });

      await step('点击数据,占位插入到光标处,预览随之变化', async () => {
        await fact('commissioners.newTechniques')
          .getByRole('button', { name: /^插入引进新品种新技术/ })
          .click();
        expect(await box.inputValue()).toBe(WITH_FIRST);
        expect(await settledPreview(preview)).toBe('预览(2014年上半年):特派员引进新品种新技术4项，发放补助资金');
        // Found by searching; inserted where the cursor was left, at the end.
        await box.press('End');
        await catalogue.getByLabel('搜索统计数据').fill('补助资金');
        await fact('commissioners.supportAmount')
          .getByRole('button', { name: /^插入补助资金/ })
          .click();
        expect(await box.inputValue()).toBe(WITH_BOTH);
        expect(await settledPreview(preview)).toBe(`预览(2014年上半年):${RENDERED}`);
        await catalogue.getByLabel('搜索统计数据').fill('');
        await saveScreenshot(p, 'template-editor-preview');
      });

      await step('预览用中文说出占位的问题', async () => {
        await box.fill(`${WITH_BOTH}{commissioners.nothing}`);
        expect(await settledPreview(preview)).toContain('“commissioners.nothing”不是可用的统计数据');
        await box.fill(WITH_BOTH);
        expect(await settledPreview(preview)).toBe(`预览(2014年上半年):${RENDERED}`);
      });

      await step('保存模板', async () => {
        const [saved] = await Promise.all([
          p.waitForResponse((r) => apiPath(r.url()) === `/api/report-templates/${templateId}` && r.request().method() === 'PUT'),
          p.getByRole('button', { name: '保存模板', exact: true }).click(),
        ]);
        expect(saved.status(), await saved.text()).toBe(200);
        await p.getByRole('heading', { name: '总结模板', exact: true }).waitFor();
        const stored = (await templates(p, url)).find((t) => t.id === templateId)!;
        expect(stored.definition.sections[1].sentences).toContain(WITH_BOTH);
      });

      await step('重新起草:选模板的当前版本,说出模板变了、数据没变,列出变化的数字', async () => {
        await p.goto(`${url}/reports/${reportId}`);
        await p.getByTestId('report-document').waitFor();
        await p.getByRole('button', { name: /重新起草/ }).click();
        // A click while the dialog still opens can miss: wait for it to have opened.
        const choice = await openedDialog(p.getByRole('dialog', { name: '重新起草', exact: true }));
        await choice.getByRole('radio', { name: /模板的当前版本/ }).check();
        const [answer] = await Promise.all([
          p.waitForResponse((r) => apiPath(r.url()) === `/api/reports/${reportId}/redraft`),
          choice.getByRole('button', { name: '重新起草', exact: true }).click(),
        ]);
        expect(answer.status(), await answer.text()).toBe(200);
        expect(new URL(answer.url()).searchParams.get('template')).toBe('current');
        const result = p.getByRole('dialog', { name: '按模板的当前版本重新起草' });
        await result.waitFor();
        expect(await result.getByTestId('redraft-summary').textContent()).toBe('模板在起草后有修改,已按模板的当前版本重写;台账数据没有变化');
        const change = (key: string) => result.locator(`[data-testid="redraft-change"][data-fact-key="${key}"]`);
        expect(await change('commissioners.newTechniques').textContent()).toContain('4项');
        expect(await change('commissioners.supportAmount').textContent()).toContain('9000元');
        const row = result.locator('tr', { has: p.locator('[data-testid="redraft-change"][data-fact-key="commissioners.supportAmount"]') });
        expect(await row.textContent()).toContain('补助资金');
        expect(await row.textContent()).toContain('将更新');
        await saveScreenshot(p, 'template-editor-redraft');

        const [saved] = await Promise.all([
          p.waitForResponse((r) => apiPath(r.url()) === `/api/reports/${reportId}/versions` && r.request().method() === 'POST'),
          result.getByRole('button', { name: '保存为第2版' }).click(),
        ]);
        expect(saved.status(), await saved.text()).toBe(200);
        await result.waitFor({ state: 'hidden' });
        await expect.poll(() => p.getByTestId('version-no').textContent()).toBe('第2版');
        expect(await p.getByTestId('report-document').innerText()).toContain(RENDERED);
      });
    },
  );

  it("shows a draft's warning when a slot of its template names no fact any more, and says when nothing changed", { timeout: 120_000 }, async () => {
    page = await newPage(browser!, { width: 1400, height: 900 });
    const p = page;
    const url = server!.url;
    let reportId = 0;
    const slot = '{list.scratch_pad.itemsAtEnd}';

    await step('一个台账、一个用它的模板、一份用这个模板的总结;然后删除台账', async () => {
      await loginAs(p, url, 'juzhang', DEMO_PASSWORD);
      // The default template as it is before the list exists (it follows the bureau's lists as they change).
      const base = (await templates(p, url)).find((t) => t.isDefault)!.definition;
      const list = (await apiSend(p, url, 'POST', '/api/worklists', {
        name: '临时台账',
        key: 'scratch_pad',
        topic: '临时',
        fields: [{ key: 'title', label: '事项', type: 'text', required: true }],
        statuses: [
          { key: 'open', label: '办理中' },
          { key: 'done', label: '已办结', done: true },
        ],
        figures: [],
      })) as { id: number };
      const template = (await apiSend(p, url, 'POST', '/api/report-templates', {
        ...base,
        name: '带临时台账的模板',
        auto: false,
        sections: [...base.sections, { key: 'scratch', heading: '临时工作', sentences: [`临时台账登记事项${slot}`], enumerate: true }],
      })) as { id: number };
      const report = (await apiSend(p, url, 'POST', '/api/reports', { ...H1, templateId: template.id })) as {
        id: number;
        latest: { doc: { warnings?: unknown[] } };
      };
      expect(report.latest.doc.warnings ?? []).toEqual([]);
      reportId = report.id;
      await apiSend(p, url, 'DELETE', `/api/worklists/${list.id}`);
    });

    await step('重新起草(起草时的模板):台账数据和模板都没有变化,提醒这个占位不对应统计数据', async () => {
      await p.goto(`${url}/reports/${reportId}`);
      await p.getByTestId('report-document').waitFor();
      expect(await p.getByTestId('draft-warnings').count()).toBe(0);
      await p.getByRole('button', { name: /重新起草/ }).click();
      const choice = await openedDialog(p.getByRole('dialog', { name: '重新起草', exact: true }));
      const [answer] = await Promise.all([
        p.waitForResponse((r) => apiPath(r.url()) === `/api/reports/${reportId}/redraft`),
        choice.getByRole('button', { name: '重新起草', exact: true }).click(),
      ]);
      expect(new URL(answer.url()).searchParams.get('template')).toBe('report');
      const result = p.getByRole('dialog', { name: '按起草时的模板重新起草' });
      await result.waitFor();
      expect(await result.getByTestId('redraft-summary').textContent()).toBe('台账数据和模板都没有变化');
      const warning = result.getByTestId('draft-warning');
      expect(await warning.count()).toBe(1);
      expect(await warning.textContent()).toMatch(
        /^第\d+段第1句:\{list\.scratch_pad\.itemsAtEnd\}“list\.scratch_pad\.itemsAtEnd”不是可用的统计数据，这句没有写入$/,
      );
      await result.getByRole('button', { name: '保存为第2版' }).click();
      await result.waitFor({ state: 'hidden' });
      await expect.poll(() => p.getByTestId('version-no').textContent()).toBe('第2版');
    });

    await step('报告页上显示这条提醒', async () => {
      const alert = p.getByTestId('draft-warnings');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('模板中有1处占位不对应统计数据,所在的句子没有写入这份总结');
      expect(await alert.textContent()).toContain(slot);
      await saveScreenshot(p, 'report-draft-warnings');
    });
  });
});
