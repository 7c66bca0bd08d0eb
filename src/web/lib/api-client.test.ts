import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, errorMessage } from './api-client';

// What the web app shows when the server, or a proxy in front of it, cannot serve a request.

function answer(status: number, body: string, type = 'application/json'): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, headers: { 'content-type': type } })),
  );
}

async function failure(): Promise<ApiError> {
  const error = await api.get('/enterprises').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client errors', () => {
  it("shows the server's Chinese message when the database is unavailable or cannot be written", async () => {
    answer(503, JSON.stringify({ error: { code: 'UNAVAILABLE', message: '数据库暂时不可用,请稍后再试', requestId: 'r1' } }));
    const unavailable = await failure();
    expect(unavailable).toMatchObject({ status: 503, code: 'UNAVAILABLE', message: '数据库暂时不可用,请稍后再试', requestId: 'r1' });
    expect(errorMessage(unavailable)).toBe('数据库暂时不可用,请稍后再试');

    answer(507, JSON.stringify({ error: { code: 'STORAGE', message: '服务器磁盘已满,本次操作未保存,请联系管理员清理磁盘空间' } }));
    expect(await failure()).toMatchObject({ status: 507, code: 'STORAGE', message: '服务器磁盘已满,本次操作未保存,请联系管理员清理磁盘空间' });
  });

  it("reads the health check's 503 body like any other error", async () => {
    answer(
      503,
      JSON.stringify({
        status: 'down',
        db: 'down',
        dialect: 'postgres',
        version: '0.1.0',
        error: { code: 'UNAVAILABLE', message: '数据库暂时不可用,请稍后再试', requestId: 'r2' },
      }),
    );
    expect(await failure()).toMatchObject({ code: 'UNAVAILABLE', message: '数据库暂时不可用,请稍后再试' });
  });

  it("gives a clear Chinese message for a proxy's HTML page when keguan is down, busy or slow", async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
    const cases: [number, string, RegExp][] = [
      [502, 'UNAVAILABLE', /^服务器暂时无法访问\(502\)/],
      [503, 'UNAVAILABLE', /^服务暂时不可用\(503\),请稍后再试$/],
      [504, 'UNAVAILABLE', /^服务器响应超时\(504\),操作可能已完成/],
      [500, 'INTERNAL', /^服务器暂时无法响应\(500\)/],
    ];
    for (const [status, code, message] of cases) {
      answer(status, page, 'text/html');
      const error = await failure();
      expect([status, error.code]).toEqual([status, code]);
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/nginx|Bad Gateway/);
    }
  });
});
