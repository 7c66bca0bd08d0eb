// A browser-like HTTP client over real sockets to 127.0.0.1: keeps the session cookie, sends the
// server's own Origin on writes (as the web app does), and can send raw bodies and odd headers.
import { ERROR_STATUS } from '../../src/shared/errors.js';

export interface Answer {
  status: number;
  text: string;
  /** The parsed JSON body, or undefined. */
  json: any;
  ms: number;
  /** Set when no answer came at all (connection reset, timeout). */
  failure?: string;
}

export interface RequestOptions {
  /** A value sent as JSON (content-type application/json). */
  json?: unknown;
  /** A raw body, sent as given. */
  body?: string | FormData;
  /** Content-Type for a raw body; none when undefined. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Leave out the Origin header (a cross-site or scripted request). */
  noOrigin?: boolean;
  timeoutMs?: number;
}

const CJK = /[\u3400-\u9fff]/;

/** `{ error: { code, message } }` with a code of the closed set, the status that code maps to, and a Chinese message. */
export function isCodedChineseError(a: Answer): boolean {
  const err = a.json?.error;
  if (!err || typeof err.code !== 'string' || typeof err.message !== 'string') return false;
  const status = (ERROR_STATUS as Record<string, number>)[err.code];
  return status !== undefined && status === a.status && CJK.test(err.message);
}

export class Client {
  private cookie: string | null = null;
  constructor(readonly base: string) {}

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (!options.noOrigin && !headers.origin && method !== 'GET' && method !== 'HEAD') headers.origin = this.base;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.body !== undefined) {
      body = options.body;
      if (options.contentType) headers['content-type'] = options.contentType;
    }
    const started = performance.now();
    try {
      const res = await fetch(`${this.base}${url}`, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
      const setCookie = res.headers.getSetCookie?.() ?? [];
      for (const c of setCookie) {
        const m = /^keguan_sid=([^;]*)/.exec(c);
        if (m) this.cookie = m[1] ? `keguan_sid=${m[1]}` : null;
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, text, json, ms: performance.now() - started };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { status: 0, text: '', json: undefined, ms: performance.now() - started, failure: cause ?? (err as Error).name };
    }
  }

  get(url: string, options?: RequestOptions) {
    return this.request('GET', url, options);
  }
  post(url: string, json?: unknown, options: RequestOptions = {}) {
    return this.request('POST', url, json === undefined ? options : { ...options, json });
  }
  put(url: string, json: unknown) {
    return this.request('PUT', url, { json });
  }
  patch(url: string, json: unknown) {
    return this.request('PATCH', url, { json });
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  /** Like request, but throws unless the answer is 200: for setting up data. */
  async ok(method: string, url: string, json?: unknown): Promise<any> {
    const a = await this.request(method, url, json === undefined ? {} : { json });
    if (a.status !== 200) throw new Error(`${method} ${url} → ${a.status} ${a.failure ?? a.text.slice(0, 300)}`);
    return a.json;
  }

  /** Signs in with a password; changes it first when the server demands a change. */
  static async login(base: string, username: string, password: string): Promise<{ client: Client; password: string; userId: number }> {
    const client = new Client(base);
    const a = await client.post('/api/auth/login', { username, password });
    if (a.status !== 200) throw new Error(`login ${username} → ${a.status} ${a.text.slice(0, 200)}`);
    let current = password;
    if (a.json.user?.mustChangePassword) {
      const next = `${password}x9`;
      await client.ok('POST', '/api/auth/password', { currentPassword: password, newPassword: next });
      current = next;
      const again = await client.post('/api/auth/login', { username, password: next });
      if (again.status !== 200) throw new Error(`login ${username} after the password change → ${again.status}`);
    }
    return { client, password: current, userId: a.json.user.id };
  }
}
