import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';

let t: TestApp;
const logged: { reqId?: string; msg?: string; err?: { message?: string } }[] = [];

beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      logger: { level: 'error', stream: { write: (line: string) => logged.push(JSON.parse(line)) } },
      beforeReady: (app) => {
        app.get('/api/test/boom', { config: { public: true } }, async () => {
          throw new Error('secret internal detail at /srv/keguan');
        });
      },
    },
  );
});
afterAll(() => t.close());

describe('HTTP basics', () => {
  it('answers /api/health with the dialect and version', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'sqlite', version: expect.any(String) });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('describes the API as OpenAPI at /api/docs, generated from the zod schemas', async () => {
    const res = await t.anonymous().get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/audit', '/api/health']));
    const login = res.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const ui = await t.anonymous().get('/api/docs');
    expect([200, 302]).toContain(ui.status);
  });

  it('answers an unknown API path with a Chinese NOT_FOUND', async () => {
    const res = await t.anonymous().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: '接口不存在' });
  });

  it('answers an unexpected failure with INTERNAL and a request id, never the stack or message', async () => {
    const res = await t.anonymous().request('GET', '/api/test/boom', undefined, { 'x-request-id': 'req-12345' });
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({ code: 'INTERNAL', message: '服务器内部错误,请稍后重试或联系管理员', requestId: 'req-12345' });
    expect(res.text).not.toContain('secret internal detail');
    expect(res.text).not.toContain('/srv/keguan');
    const entry = logged.find((l) => l.reqId === 'req-12345');
    expect(entry?.err?.message).toBe('secret internal detail at /srv/keguan');
  });
});
