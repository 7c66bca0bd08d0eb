import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Locator, type Page, type Response, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

// Browser tests drive the real built server (bin/keguan.js serve, as `npm start` runs it) with
// Debian's Chromium. Nothing here is skipped: a missing browser or a server that does not come up
// fails the test with the reason.

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

export const CHROMIUM_PATH = '/usr/bin/chromium';

// playwright's launch() gives every browser a fresh temporary profile (--user-data-dir) and
// removes it on close; passing --user-data-dir here would make launch() refuse.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Passwords the browser tests' server gives the demo accounts at first start. */
export const ADMIN_PASSWORD = 'Admin2014x';
export const DEMO_PASSWORD = 'demo2014pw';

const SERVER_START_TIMEOUT_MS = 60_000;
const SERVER_STOP_TIMEOUT_MS = 10_000;
const OUTPUT_LIMIT = 20_000;

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the real built server on a free port with a fresh SQLite database (the demo bureau is
 * loaded into it at first start, unless `demo` is false: then it waits for /setup) and waits until
 * /api/health answers.
 */
export async function startServer({ demo = true }: { demo?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-browser-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    KEGUAN_HOST: '127.0.0.1',
    KEGUAN_DATA_DIR: dataDir,
    KEGUAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KEGUAN_DEMO_PASSWORD: DEMO_PASSWORD,
    KEGUAN_LOG_LEVEL: 'warn',
    ...(demo ? {} : { KEGUAN_DEMO: 'false' }),
  };
  // Browser tests always run on SQLite, whatever the API suite is pointed at.
  delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['bin/keguan.js', 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // A test run that dies must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    child.kill('SIGTERM');
    if (!(await waitForExit(child, SERVER_STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, SERVER_STOP_TIMEOUT_MS);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`keguan 服务未能启动(退出码 ${child.exitCode ?? child.signalCode})。` + `是否已运行 npm run build?服务输出:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return { url, stop };
      lastError = `GET /api/health → ${res.status}`;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`keguan 服务 ${SERVER_START_TIMEOUT_MS / 1000} 秒内未就绪(${lastError})。服务输出:\n${output}`);
}

/** Debian's Chromium, headless, with a fresh profile. Fails (never skips) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`未找到 ${CHROMIUM_PATH}:请先 apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

// Console errors and uncaught exceptions of each page, read by closePage().
const pageProblems = new WeakMap<Page, string[]>();

// The browser logs every 4xx answer as a console error; the app treats those as answers
// (no session yet, wrong password, validation), so they are not problems of the page.
const EXPECTED_HTTP_ERROR = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

/** A page in its own browser context (own cookies), zh-CN, watched for console errors and uncaught exceptions. */
export async function newPage(browser: Browser, { width = 1280, height = 800 }: { width?: number; height?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width, height },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  pageProblems.set(page, problems);
  page.on('console', (message) => {
    if (message.type() !== 'error' || EXPECTED_HTTP_ERROR.test(message.text())) return;
    const where = message.location().url;
    problems.push(`console.error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => {
    problems.push(`页面异常: ${error.stack ?? error.message}`);
  });
  return page;
}

/** Console errors and uncaught exceptions the page has had so far. */
export function problemsOf(page: Page): readonly string[] {
  return pageProblems.get(page) ?? [];
}

/**
 * Ends a test's page, for afterEach: a screenshot to test-results/<test name>.png when the test
 * failed, then the context is closed; throws (failing the test) when the page logged an error or threw.
 */
export async function closePage(page: Page | undefined, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (!page) return;
  const failed = task.result?.state === 'fail';
  if (failed && !page.isClosed()) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${screenshotName(task.name)}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  }
  const problems = problemsOf(page);
  await page.context().close();
  if (problems.length) {
    throw new Error(`页面出现错误:\n${problems.join('\n')}`);
  }
}

/** What a browser test file works with: its server, its Chromium, and a page per test. */
export interface BrowserSuite {
  /** The file's server (started before its first test). */
  readonly server: RunningServer;
  /** The server's address, http://127.0.0.1:<port>. */
  readonly url: string;
  readonly browser: Browser;
  /** A fresh page for the running test (see newPage), closed after it and failing it on a page error. */
  page(size?: { width?: number; height?: number }): Promise<Page>;
}

/**
 * Starts a keguan server (the demo bureau, or an empty database with `demo: false`) and Chromium for
 * the test file, stops them after it, and closes each test's page after the test (a screenshot when it
 * failed). Call once at the top of a describe.
 */
export function browserSuite({ demo = true }: { demo?: boolean } = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let opened: Page | undefined;
  beforeAll(async () => {
    // Chromium first: when it is missing the file fails at once, without starting a server.
    browser = await launchBrowser();
    server = await startServer({ demo });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async ({ task }) => {
    await closePage(opened, task);
    opened = undefined;
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what}未启动（browserSuite 须在 describe 中调用，用于测试之内）`);
    return value;
  };
  return {
    get server() {
      return started(server, '服务器');
    },
    get url() {
      return started(server, '服务器').url;
    },
    get browser() {
      return started(browser, '浏览器');
    },
    async page(size) {
      opened = await newPage(started(browser, '浏览器'), size);
      return opened;
    },
  };
}

/** Saves a screenshot to test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${screenshotName(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function screenshotName(name: string): string {
  return (
    name
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'screenshot'
  );
}

/** Opens /login, fills the form and presses 登录; returns the server's answer to the login request. */
export async function submitLoginForm(page: Page, url: string, username: string, password: string): Promise<Response> {
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((res) => new URL(res.url()).pathname === '/api/auth/login' && res.request().method() === 'POST'),
    page.getByRole('button', { name: '登录', exact: true }).click(),
  ]);
  return response;
}

/** Signs in through the login form and waits until the app has left /login. */
export async function loginAs(page: Page, url: string, username: string, password: string): Promise<void> {
  const response = await submitLoginForm(page, url, username, password);
  if (!response.ok()) {
    throw new Error(`${username} 登录失败:HTTP ${response.status()} ${await response.text()}`);
  }
  await page.waitForURL((current) => current.pathname !== '/login');
}

/**
 * Waits for an antd dialog to show and its opening animation (the zoom of the modal and the fade of
 * its mask) to end: a click on one of its buttons while it is still zooming in can be lost, as on a
 * sliding dropdown (see pickOption). Returns the dialog.
 */
export async function openedDialog(dialog: Locator): Promise<Locator> {
  await dialog.waitFor();
  await dialog.evaluate((el) => {
    const root = el.closest('.ant-modal-root') ?? el;
    return Promise.all(root.getAnimations({ subtree: true }).map((a) => a.finished));
  });
  return dialog;
}

/**
 * Picks an option of an antd Select by its label: opens the select, optionally types into its
 * search box (waiting until the wanted option shows and the list has settled, since server-searched
 * selects keep the previous options until the answer comes), and clicks the visible option (antd also renders a
 * zero-size listbox for screen readers with role="option", hence the title). A click that lands
 * while the dropdown is still sliding in can be lost, so it waits for the opening animation to end;
 * a multiple select stays open after a pick and is closed with Escape.
 */
export async function pickOption(page: Page, select: Locator, label: string, typed?: string): Promise<void> {
  await select.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const options = dropdown.locator('.ant-select-item-option');
  await dropdown.waitFor();
  await dropdown.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  if (typed !== undefined) {
    await select.fill(typed);
    // Wait until the wanted option is shown and the list has settled (a select that searches on the
    // server keeps showing the previous options until the answer comes).
    let previous = '';
    await expect
      .poll(
        async () => {
          const titles = (await options.evaluateAll((els) => els.map((el) => el.getAttribute('title') ?? ''))).join('|');
          const settled = titles === previous && titles.split('|').includes(label);
          previous = titles;
          return settled;
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBe(true);
  }
  await options.and(page.locator(`[title="${label}"]`)).click();
  if (await dropdown.isVisible()) await select.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

/**
 * One named step of a browser test, in the manner of Playwright's test.step: runs `fn`, notes the
 * step and its time on the test's output, and when it fails rethrows the error with the step's name
 * in front ("[step: a leader confirms] …"), so a long flow says where it broke. Steps are parts of one `it` and
 * share its variables (a step returns what later ones need); each `it` still runs alone.
 */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    const result = await fn();
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    return result;
  } catch (error) {
    console.log(`  ✗ ${name} (${Date.now() - started} ms)`);
    const prefix = `[step: ${name}] `;
    if (error instanceof Error) {
      // An inner step has already named itself.
      if (!error.message.startsWith('[step: ')) error.message = prefix + error.message;
      throw error;
    }
    throw new Error(prefix + String(error), { cause: error });
  }
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/**
 * A signed-in conversation with the server's API, for building a browser test's data the way the web
 * app would send it (its session cookie, and the Origin the server asks writes for). `request`
 * answers whatever the status; `get`, `post` and the others throw unless it is 200.
 */
export class ApiSession {
  private constructor(
    readonly url: string,
    private cookie: string,
  ) {}

  /** Signs in through POST /api/auth/login. */
  static async signIn(url: string, username: string, password: string): Promise<ApiSession> {
    return ApiSession.start(url, '/api/auth/login', { username, password });
  }

  /** Sets up the first organisation through POST /api/setup, which signs its admin in. */
  static async setUp<T>(url: string, body: unknown): Promise<{ session: ApiSession; result: T }> {
    let result: T | undefined;
    const session = await ApiSession.start(url, '/api/setup', body, (answer) => (result = answer as T));
    return { session, result: result as T };
  }

  private static async start(url: string, path: string, body: unknown, keep?: (answer: unknown) => void): Promise<ApiSession> {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`POST ${path} → ${res.status} ${text}`);
    keep?.(JSON.parse(text));
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie) throw new Error(`POST ${path} set no session cookie`);
    return new ApiSession(url, cookie);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { cookie: this.cookie, origin: this.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the text as it is.
    }
    return { status: res.status, body: parsed as T };
  }

  private async ok<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await this.request<T>(method, path, body, headers);
    if (res.status !== 200) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.ok<T>('GET', path);
  }
  post<T = unknown>(path: string, body: unknown = {}): Promise<T> {
    return this.ok<T>('POST', path, body);
  }
  put<T = unknown>(path: string, body: unknown, headers: Record<string, string> = { 'if-match': '*' }): Promise<T> {
    return this.ok<T>('PUT', path, body, headers);
  }
  patch<T = unknown>(path: string, body: unknown, headers: Record<string, string> = { 'if-match': '*' }): Promise<T> {
    return this.ok<T>('PATCH', path, body, headers);
  }
  delete<T = unknown>(path: string): Promise<T> {
    return this.ok<T>('DELETE', path);
  }

  /**
   * Creates a user as this (admin) session, then signs them in and changes the password an admin
   * gives (which must be changed before anything else), so the account is ready to use with `password`.
   */
  async createUser(body: { username: string; displayName: string; role: string; orgId?: number; sectionId?: number | null }, password: string) {
    const first = `${password}0`;
    const user = await this.post<{ id: number; username: string }>('/api/users', { ...body, password: first });
    const session = await ApiSession.signIn(this.url, body.username, first);
    await session.post('/api/auth/password', { currentPassword: first, newPassword: password });
    return { user, session: await ApiSession.signIn(this.url, body.username, password) };
  }
}
