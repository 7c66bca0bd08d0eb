import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../test/harness.js';

// Every response, the web app's pages and files, the API and its Swagger UI, tells the browser
// what it may load and that no other site may frame it.

let t: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keguan-web-'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index.js"></script></body></html>',
  );
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'assets', 'index.js'), 'console.log("keguan")');
  t = await createTestApp({ webDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function directives(header: unknown): Map<string, string> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  const csp = directives(headers['content-security-policy']);
  expect(csp.get('default-src')).toBe("'self'");
  expect(csp.get('script-src')).toBe("'self'");
  // antd and Swagger UI set styles at run time; images include data: icons and blob: previews.
  expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
  expect(csp.get('img-src')).toBe("'self' data: blob:");
  expect(csp.get('frame-ancestors')).toBe("'none'");
  expect(csp.get('object-src')).toBe("'none'");
  // Served over plain HTTP on a LAN, upgrading requests would break every asset.
  expect(csp.has('upgrade-insecure-requests')).toBe(false);
  expect(headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
  it('are sent with the web app page, its assets and any page path the app routes itself', async () => {
    for (const url of ['/', '/assets/index.js', '/projects/12']) {
      const res = await t.anonymous().get(url);
      expect([url, res.status]).toEqual([url, 200]);
      expectSecurityHeaders(res.headers);
    }
  });

  it('are sent with API answers, successful or not', async () => {
    const health = await t.anonymous().get('/api/health');
    expect(health.status).toBe(200);
    expectSecurityHeaders(health.headers);
    const unauthenticated = await t.anonymous().get('/api/enterprises');
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated.headers);
    const missing = await t.anonymous().get('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
  });

  it('are sent with the API documentation, whose scripts and styles are all its own files', async () => {
    const page = await t.anonymous().get('/api/docs/');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page.headers);
    // script-src 'self' allows no inline script: Swagger UI must load every script from a file.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const initializer = await t.anonymous().get('/api/docs/static/swagger-initializer.js');
    expect(initializer.status).toBe(200);
    expectSecurityHeaders(initializer.headers);
  });
});
