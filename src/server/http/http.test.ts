import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('answers a JSON body over the limit with a coded 413 over a real socket, reading the body so the client gets the answer and keeps the connection', async () => {
    // Before: Fastify answered on seeing Content-Length with `connection: close` and shut the socket while
    // the client was still writing, so the client saw EPIPE or a closed connection instead of the error.
    const server = await createTestApp();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.app.server.address() as AddressInfo;
      const origin = `http://127.0.0.1:${port}`;
      const send = (method: string, path: string, body?: Buffer) =>
        new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; socket: unknown }>((resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port,
              method,
              path,
              agent,
              headers: { origin, ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}) },
            },
            (res) => {
              const parts: Buffer[] = [];
              res.on('data', (c: Buffer) => parts.push(c));
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8'), socket: req.socket }),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const huge = Buffer.from(JSON.stringify({ name: '企业', notes: '长'.repeat(server.app.deps.config.bodyLimitBytes) }));
      const tooLarge = await send('POST', '/api/auth/login', huge);
      expect(tooLarge.status).toBe(413);
      expect(JSON.parse(tooLarge.text).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('提交的内容超过大小限制') });
      expect(tooLarge.headers.connection).not.toBe('close');
      const next = await send('GET', '/api/health');
      expect(next.status).toBe(200);
      expect(next.socket).toBe(tooLarge.socket);
    } finally {
      agent.destroy();
      await server.close();
    }
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
