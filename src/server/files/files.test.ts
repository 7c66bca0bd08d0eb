import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/plugin.js';
import type { OrgRow, UserRow } from '../db/types.js';
import type { TestApp, TestClient } from '../test/harness.js';
import { createTestApp } from '../test/harness.js';

// A 1×1 PNG and a minimal PDF: real files, small enough for the 1 KiB upload limit this app runs with.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' + 'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const UPLOAD_LIMIT = 1024;

interface Part {
  field?: string;
  filename?: string;
  contentType?: string;
  content: Buffer | string;
}

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipart(parts: Part[]): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----keguanTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined ? `form-data; name="${part.field ?? 'file'}"` : `form-data; name="${part.field ?? 'file'}"; filename="${part.filename}"`;
    const head = [`--${boundary}`, `Content-Disposition: ${disposition}`];
    if (part.filename !== undefined) head.push(`Content-Type: ${part.contentType ?? 'application/octet-stream'}`);
    chunks.push(Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(client: TestClient, filename: string, content: Buffer | string, contentType?: string) {
  const { body, headers } = multipart([{ filename, content, contentType }]);
  return client.request('POST', '/api/files', body, headers);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let org: OrgRow;
let staffUser: UserRow;
let staff: TestClient;
let otherStaff: TestClient;
let admin: TestClient;
let leader: TestClient;
let commissionerA: TestClient;
let commissionerB: TestClient;
let outsider: TestClient;

async function fileCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestApp({ uploadLimitBytes: UPLOAD_LIMIT });
  org = await t.factories.org({ name: '上犹县科技局' });
  const otherOrg = await t.factories.org({ name: '崇义县科技局' });
  const section = await t.factories.section(org, '业务股');
  staffUser = await t.factories.user({ org, role: 'staff', section, username: 'file_staff' });
  await t.factories.user({ org, role: 'staff', section, username: 'file_staff2' });
  await t.factories.user({ org, role: 'admin', username: 'file_admin' });
  await t.factories.user({ org, role: 'leader', username: 'file_leader' });
  await t.factories.user({ org, role: 'commissioner', username: 'file_comm_a' });
  await t.factories.user({ org, role: 'commissioner', username: 'file_comm_b' });
  await t.factories.user({ org: otherOrg, role: 'admin', username: 'file_outsider' });
  staff = await t.login('file_staff');
  otherStaff = await t.login('file_staff2');
  admin = await t.login('file_admin');
  leader = await t.login('file_leader');
  commissionerA = await t.login('file_comm_a');
  commissionerB = await t.login('file_comm_b');
  outsider = await t.login('file_outsider');
});
afterAll(() => t.close());

describe('upload and download', () => {
  /** The PNG with a Chinese name, uploaded by the staff member. */
  async function uploadPng(): Promise<{ id: number }> {
    const res = await upload(staff, '东山镇 元鱼村现场.png', PNG, 'image/png');
    expect(res.status).toBe(200);
    return res.body;
  }

  it('stores a PNG with a Chinese name and answers with its metadata', async () => {
    const res = await upload(staff, '东山镇 元鱼村现场.png', PNG, 'image/png');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: '东山镇 元鱼村现场.png',
      mimeType: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      policies: { delete: true },
    });
    const meta = await staff.get(`/api/files/${res.body.id}/meta`);
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual(res.body);
  });

  it('downloads the same bytes, with the type and a UTF-8 attachment name', async () => {
    const png = await uploadPng();
    // Straight through inject: the test client reads bodies as text, and these are bytes.
    const res = await t.app.inject({ method: 'GET', url: `/api/files/${png.id}`, headers: { cookie: `${SESSION_COOKIE}=${staff.cookie(SESSION_COOKIE)}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(res.rawPayload, PNG)).toBe(0);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('东山镇 元鱼村现场.png')}`);
    expect(disposition).toMatch(/filename="[\x20-\x7e]+"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('stores a PDF, typed by its content whatever the browser claimed', async () => {
    const res = await upload(commissionerA, '服务记录.pdf', PDF, 'application/octet-stream');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '服务记录.pdf', mimeType: 'application/pdf', size: PDF.length });
  });

  it('accepts Office files by container and extension', async () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml....')]);
    const res = await upload(staff, '工作总结.docx', docx);
    expect(res.status).toBe(200);
    expect(res.body.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64), Buffer.from('Workbook', 'utf16le')]);
    const res2 = await upload(staff, '台账.xls', xls);
    expect(res2.status).toBe(200);
    expect(res2.body.mimeType).toBe('application/vnd.ms-excel');
  });

  it('writes an audit entry without the content', async () => {
    const png = await uploadPng();
    const res = await admin.get(`/api/audit?entityType=file&entityId=${png.id}`);
    expect(res.status).toBe(200);
    const entry = res.body.items[0];
    expect(entry).toMatchObject({ action: 'create', entityType: 'file', userId: staffUser.id });
    expect(entry.after).toMatchObject({ name: '东山镇 元鱼村现场.png', sha256: sha256(PNG) });
    expect(entry.after).not.toHaveProperty('content');
    expect(JSON.stringify(entry)).not.toContain(PNG.toString('base64'));
  });

  it('keeps an SQL-looking file name as text', async () => {
    const name = "x'; drop table files; --.png";
    const res = await upload(staff, name, PNG);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(name);
    expect((await staff.get(`/api/files/${res.body.id}/meta`)).body.name).toBe(name);
  });
});

describe('rejected uploads', () => {
  it('refuses other types with 415 and a Chinese list of what is allowed, writing nothing', async () => {
    const before = await fileCount();
    for (const [name, content] of [
      ['说明.txt', Buffer.from('纯文本说明')],
      ['page.html', Buffer.from('<!doctype html><script>alert(1)</script>')],
      ['setup.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00')],
      ['archive.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('just a zip')])],
      ['fake.png', Buffer.from('not really a png')],
    ] as const) {
      const res = await upload(staff, name, content);
      expect(res.status, name).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.message).toContain('只能上传');
      expect(res.body.error.message).toContain('PDF');
    }
    expect(await fileCount()).toBe(before);
  });

  it('refuses a file whose name claims another accepted type than its content', async () => {
    const res = await upload(staff, '报告.pdf', PNG);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('扩展名与内容不符');
  });

  it('gives a name without a fitting extension the right one', async () => {
    const res = await upload(staff, 'image', PNG);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('image.png');
    const odd = await upload(staff, 'photo.html', PNG);
    expect(odd.body.name).toBe('photo.html.png');
  });

  it('answers 400 when the request carries no file, or an empty one', async () => {
    const { body, headers } = multipart([{ field: 'note', content: '没有文件' }]);
    const res = await staff.request('POST', '/api/files', body, headers);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.message).toBe('请选择要上传的文件');
    expect(res.body.error.details).toEqual([{ path: 'file', message: '请选择文件' }]);
    const empty = await upload(staff, 'empty.png', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION');
  });

  it('answers 415 to a JSON post', async () => {
    const res = await staff.post('/api/files', { name: 'x.png', content: 'abc' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 with a Chinese message over the upload limit, writing nothing', async () => {
    const before = await fileCount();
    const big = Buffer.concat([PNG, Buffer.alloc(UPLOAD_LIMIT * 3, 0x41)]);
    const res = await upload(staff, '大图.png', big, 'image/png');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toBe('上传的文件超过大小限制(最大 1 KB)');
    expect(await fileCount()).toBe(before);
    // Exactly at the limit is still fine.
    const atLimit = Buffer.concat([PNG, Buffer.alloc(UPLOAD_LIMIT - PNG.length, 0)]);
    expect((await upload(staff, '刚好.png', atLimit)).status).toBe(200);
  });

  it('needs a signed-in user', async () => {
    const { body, headers } = multipart([{ filename: 'a.png', content: PNG }]);
    const res = await t.anonymous().request('POST', '/api/files', body, headers);
    expect(res.status).toBe(401);
  });
});

describe('who sees and deletes a file', () => {
  let staffFile: number;
  let commissionerFile: number;

  // Fresh files for each test: one of them deletes its files.
  beforeEach(async () => {
    staffFile = (await upload(staff, '股室材料.pdf', PDF)).body.id;
    commissionerFile = (await upload(commissionerA, '服务照片.png', PNG)).body.id;
  });

  it('shows files to everyone of the organisation, but commissioners only their own', async () => {
    for (const client of [staff, otherStaff, admin, leader]) {
      expect((await client.get(`/api/files/${staffFile}/meta`)).status).toBe(200);
      expect((await client.get(`/api/files/${commissionerFile}/meta`)).status).toBe(200);
    }
    expect((await commissionerA.get(`/api/files/${commissionerFile}/meta`)).status).toBe(200);
    expect((await commissionerA.get(`/api/files/${commissionerFile}`)).status).toBe(200);
    for (const [client, id] of [
      [commissionerA, staffFile],
      [commissionerB, commissionerFile],
      [commissionerB, staffFile],
    ] as const) {
      const meta = await client.get(`/api/files/${id}/meta`);
      expect(meta.status).toBe(404);
      expect(meta.body.error.code).toBe('NOT_FOUND');
      expect((await client.get(`/api/files/${id}`)).status).toBe(404);
      expect((await client.delete(`/api/files/${id}`)).status).toBe(404);
    }
  });

  it('hides files from another organisation', async () => {
    for (const url of [`/api/files/${staffFile}/meta`, `/api/files/${staffFile}`]) {
      const res = await outsider.get(url);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('股室材料');
    }
    expect((await outsider.delete(`/api/files/${staffFile}`)).status).toBe(404);
  });

  it('lets only the uploader, an admin or a leader delete, and audits the deletion', async () => {
    const forbidden = await otherStaff.delete(`/api/files/${staffFile}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');

    const own = await staff.delete(`/api/files/${staffFile}`);
    expect(own).toMatchObject({ status: 200, body: { ok: true } });
    expect((await staff.get(`/api/files/${staffFile}/meta`)).status).toBe(404);
    expect((await staff.get(`/api/files/${staffFile}`)).status).toBe(404);
    const audit = await admin.get(`/api/audit?entityType=file&entityId=${staffFile}&action=delete`);
    expect(audit.body.items[0]).toMatchObject({ action: 'delete', before: { name: '股室材料.pdf' }, after: null });

    expect((await leader.delete(`/api/files/${commissionerFile}`)).status).toBe(200);
    const third = (await upload(otherStaff, '另一份.pdf', PDF)).body.id;
    expect((await admin.delete(`/api/files/${third}`)).status).toBe(200);
    const mine = (await upload(commissionerB, '我的.png', PNG)).body.id;
    expect((await commissionerB.delete(`/api/files/${mine}`)).status).toBe(200);
  });
});
