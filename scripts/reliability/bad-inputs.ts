// Bad inputs: every case generated from the OpenAPI description plus hand-written ones, each sent
// alone with a checksum of every table taken before and after. Each must be answered with a coded
// Chinese error (or, for the few marked noop, a harmless 200), never a 500, and change nothing.
import { randomBytes } from 'node:crypto';
import { type Answer, Client, isCodedChineseError } from './client.js';
import { type DbProbe, changedTables } from './db-probe.js';
import { type BadCase, type GenContext, type Operation, generateCases, validBody } from './openapi-cases.js';
import { type Bureau, type World, thisYear, today } from './world.js';

export interface CaseOutcome {
  id: string;
  source: BadCase['source'];
  kind: string;
  status: number;
  verdict: 'coded' | 'noop' | 'accepted' | 'uncoded' | '5xx' | 'no-answer';
  changed: string[];
  answer?: string;
}

export interface BadInputResult {
  database: string;
  tried: number;
  generated: number;
  hand: number;
  coded: number;
  /** noop cases answered 200 without changing anything. */
  harmless: number;
  /** reject cases answered 2xx. */
  accepted: number;
  uncoded: number;
  errors5xx: number;
  noAnswer: number;
  /** Cases after which some table differed. */
  changed: number;
  changedTables: string[];
  unmapped: string[];
  failures: CaseOutcome[];
  /** Of the valid base requests the cases were made from, how many the server accepted (a check of the harness). */
  basesAccepted: string;
  /** The base requests the server refused, with its answer: cases made from them test less. */
  basesRefused: string[];
  pass: boolean;
}

/** The generator's context for a bureau. */
export function genContext(b: Bureau): GenContext {
  let n = 0;
  const run = randomBytes(2).toString('hex');
  return {
    fx: b.fx,
    staffId: b.accounts.staff.userId,
    day: today(),
    year: thisYear(),
    victimPassword: b.accounts.victim.password,
    unique: () => `${run}${(n++).toString(36)}`,
  };
}

function handCases(A: Bureau, B: Bureau): BadCase[] {
  const fx = A.fx;
  const day = today();
  const year = thisYear();
  const ent = { name: `手写企业${randomBytes(2).toString('hex')}`, kind: '合作社', industry: 'agriculture' };
  const c = (kind: string, method: string, url: string, extra: Partial<BadCase> = {}): BadCase => ({
    id: `hand · ${kind} · ${method} ${url.slice(0, 60)}`,
    source: 'hand',
    kind,
    method,
    url,
    as: 'admin',
    expect: 'reject',
    ...extra,
  });
  const exe = new FormData();
  exe.append('file', new Blob([new Uint8Array(Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is not an attachment'))]), 'setup.exe');
  const noFile = new FormData();
  noFile.append('note', '没有文件');
  const fakePng = new FormData();
  fakePng.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4 not really a png'))]), 'photo.png');
  return [
    c('wrong-content-type', 'POST', '/api/enterprises', { body: JSON.stringify(ent), contentType: 'text/plain' }),
    c('no-content-type', 'POST', '/api/enterprises', { body: JSON.stringify(ent) }),
    c('empty-json', 'POST', '/api/enterprises', { body: '', contentType: 'application/json' }),
    c('too-large', 'POST', '/api/enterprises', { json: { ...ent, notes: '长'.repeat(600_000) } }),
    c('deep-nesting', 'POST', '/api/enterprises', { body: `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`, contentType: 'application/json' }),
    c('proto-key', 'POST', '/api/enterprises', {
      body: `{"__proto__":{"admin":true},"name":"原型","kind":"合作社","industry":"agriculture"}`,
      contentType: 'application/json',
    }),
    c('constructor-key', 'POST', '/api/enterprises', {
      body: `{"constructor":{"prototype":{"admin":true}},"name":"构造","kind":"合作社","industry":"agriculture"}`,
      contentType: 'application/json',
    }),
    c('lone-surrogate', 'POST', '/api/enterprises', {
      body: `{"name":"企业\\ud800","kind":"合作社","industry":"agriculture"}`,
      contentType: 'application/json',
    }),
    c('numeric-string', 'POST', '/api/projects', {
      json: { title: '数字字符串', enterpriseId: fx.enterprise, field: 'industry', amountApplied: '12', stageDates: { lead: day } },
    }),
    c('huge-number', 'POST', '/api/projects', { json: { title: '超大编号', enterpriseId: 1e20, field: 'industry', stageDates: { lead: day } } }),
    c('control-char:NUL', 'POST', '/api/auth/login', { as: null, json: { username: `a\u0000b`, password: 'x1234567' } }),
    c('control-char:NUL', 'POST', '/api/auth/login', { as: null, json: { username: A.accounts.victim.username, password: `p\u0000w` } }),
    c('operator-object', 'POST', '/api/auth/login', { as: null, json: { username: { $ne: null }, password: { $ne: null } } }),
    c('unclosed-slot', 'POST', '/api/report-templates', {
      json: {
        name: '未闭合',
        title: '工作总结',
        opening: '本期共{projects.applied',
        plan: null,
        sections: [{ key: 'a', heading: '一、工作', sentences: ['共{projects.applied.value'] }],
      },
    }),
    c('before-project-existed', 'POST', `/api/projects/${fx.project}/followups`, {
      json: { followupDate: '2000-01-01', staffId: A.accounts.staff.userId, kind: 'phone' },
    }),
    c('deadline-before-registration', 'POST', `/api/worklists/${fx.worklist}/items`, {
      json: { values: { title: '期限早于登记' }, registeredDate: day, deadline: '2000-01-01' },
    }),
    c('end-before-start', 'POST', '/api/events', { json: { type: fx.eventType, theme: '倒序日期', startDate: day, endDate: '2000-01-01', role: 'lead' } }),
    c('parts-exceed-total', 'POST', '/api/events', {
      json: { type: fx.eventType, theme: '数量矛盾', startDate: day, role: 'lead', materials: 1, books: 5, leaflets: 5 },
    }),
    c('period-reversed', 'POST', '/api/reports', { json: { from: day, to: '2000-01-01' } }),
    c('field-moved-elsewhere', 'PATCH', `/api/projects/${fx.project}`, { json: { stage: 'accepted' }, headers: { 'if-match': '*' } }),
    c('same-stage', 'POST', `/api/projects/${fx.project}/stage`, { json: { to: 'lead', date: day } }),
    c('stale-if-match', 'PUT', `/api/enterprises/${fx.enterprise}`, { json: ent, headers: { 'if-match': '"99999"' } }),
    c('other-bureau-staff', 'POST', '/api/visits', {
      json: { visitDate: day, staffIds: [B.accounts.staff.userId], enterpriseIds: [fx.enterprise], purpose: '他局人员' },
    }),
    c('other-bureau-enterprise', 'POST', '/api/visits', {
      json: { visitDate: day, staffIds: [A.accounts.staff.userId], enterpriseIds: [B.fx.enterprise], purpose: '他局企业' },
    }),
    c('other-bureau-enterprise', 'POST', '/api/projects', {
      json: { title: '他局企业项目', enterpriseId: B.fx.enterprise, field: 'industry', stageDates: { lead: day } },
    }),
    c('other-bureau-place', 'POST', '/api/events', { json: { type: fx.eventType, theme: '他局乡镇', startDate: day, role: 'lead', placeIds: [B.fx.town] } }),
    c('other-bureau-file', 'POST', `/api/commissioners/${fx.commissioner}/service-logs`, {
      json: { logDate: day, kind: fx.serviceKind, content: '他局附件', fileIds: [B.fx.file] },
    }),
    c('other-bureau-user', 'POST', `/api/projects/${fx.project}/followups`, { json: { followupDate: day, staffId: B.accounts.staff.userId, kind: 'phone' } }),
    c('bad-year', 'PUT', `/api/commissioners/${fx.commissioner}/evaluations/1800`, { json: { grade: 'qualified' }, headers: { 'if-match': '*' } }),
    c('bad-year', 'PUT', `/api/commissioners/${fx.commissioner}/evaluations/abc`, { json: { grade: 'qualified' }, headers: { 'if-match': '*' } }),
    c('year-mismatch', 'PUT', `/api/commissioners/${fx.commissioner}/evaluations/${year}`, {
      json: { grade: 'qualified', year: year - 1 },
      headers: { 'if-match': '*' },
    }),
    ...['abc', '-1', '0', '1.5', '99999999999999999999', '%00', '1%20OR%201=1'].map((id) => c('bad-path-id', 'GET', `/api/enterprises/${id}`)),
    c('bad-path-id', 'DELETE', '/api/enterprises/abc'),
    c('bad-path-code', 'GET', '/api/dictionaries/..%2F..%2Fetc/items'),
    c('unknown-route', 'GET', '/api/no-such-route'),
    c('unknown-route', 'POST', '/api/no-such-route', { json: {} }),
    c('bad-token', 'GET', '/api/enterprises', { as: null, headers: { authorization: 'Bearer kg_not-a-real-token' } }),
    c('bad-token', 'GET', '/api/enterprises', { as: null, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }),
    c('no-origin', 'POST', '/api/enterprises', { json: ent, noOrigin: true }),
    c('foreign-origin', 'POST', '/api/enterprises', { json: ent, headers: { origin: 'https://evil.example' } }),
    c('disallowed-upload', 'POST', '/api/files', { body: exe }),
    c('upload-without-file', 'POST', '/api/files', { body: noFile }),
    c('disguised-upload', 'POST', '/api/files', { body: fakePng }),
    c('upload-as-json', 'POST', '/api/files', { json: { name: 'a.png', content: 'AAAA' } }),
    c('not-signed-in', 'POST', '/api/enterprises', { as: null, json: { name: 'x' } }),
    c('sql-text', 'GET', `/api/enterprises?q=${encodeURIComponent("' OR 1=1 --")}`, { expect: 'noop' }),
  ];
}

function verdictOf(c: BadCase, a: Answer): CaseOutcome['verdict'] {
  if (a.status === 0) return 'no-answer';
  if (a.status >= 500) return '5xx';
  if (a.status >= 200 && a.status < 300) return c.expect === 'noop' ? 'noop' : 'accepted';
  return isCodedChineseError(a) ? 'coded' : 'uncoded';
}

export async function runBadInputs(label: string, base: string, probe: DbProbe, world: World, ops: Operation[], deadline: number): Promise<BadInputResult> {
  const { A, B } = world;
  const g = genContext(A);
  const { cases: generated, unmapped } = generateCases(ops, g);
  const hand = handCases(A, B);
  const all = [...generated, ...hand];
  const result: BadInputResult = {
    database: label,
    tried: 0,
    generated: 0,
    hand: 0,
    coded: 0,
    harmless: 0,
    accepted: 0,
    uncoded: 0,
    errors5xx: 0,
    noAnswer: 0,
    changed: 0,
    changedTables: [],
    unmapped,
    failures: [],
    basesAccepted: '',
    basesRefused: [],
    pass: false,
  };
  const tables = new Set<string>();
  let snapshot = await probe.snapshot();
  for (const c of all) {
    if (Date.now() > deadline) break;
    const client = c.as ? A.accounts[c.as].client : new Client(base);
    const a = await client.request(c.method, c.url, {
      json: c.json,
      body: c.body,
      contentType: c.contentType,
      headers: c.headers,
      noOrigin: c.noOrigin,
    });
    const after = await probe.snapshot();
    const changed = changedTables(snapshot, after);
    snapshot = after;
    const verdict = verdictOf(c, a);
    result.tried++;
    if (c.source === 'hand') result.hand++;
    else result.generated++;
    if (verdict === 'coded') result.coded++;
    else if (verdict === 'noop') result.harmless++;
    else if (verdict === 'accepted') result.accepted++;
    else if (verdict === 'uncoded') result.uncoded++;
    else if (verdict === '5xx') result.errors5xx++;
    else result.noAnswer++;
    if (changed.length) {
      result.changed++;
      changed.forEach((t) => tables.add(t));
    }
    if ((verdict !== 'coded' && verdict !== 'noop') || changed.length) {
      result.failures.push({
        id: c.id,
        source: c.source,
        kind: c.kind,
        status: a.status,
        verdict,
        changed,
        answer: (a.failure ?? a.text).slice(0, 240),
      });
    }
  }
  result.changedTables = [...tables].sort();

  // A check of the harness itself: how many of the valid requests the cases were made from pass.
  let accepted = 0;
  let sent = 0;
  for (const op of ops) {
    if (!['POST', 'PUT', 'PATCH'].includes(op.method) || !op.body || Date.now() > deadline) continue;
    if (op.template.startsWith('/api/auth/')) continue;
    const url = generated.find((c) => c.id.startsWith(`${op.method} ${op.template} ·`))?.url;
    if (!url) continue;
    sent++;
    const a = await A.accounts.admin.client.request(op.method, url, {
      json: validBody(op, g),
      headers: op.method === 'POST' ? {} : { 'if-match': '*' },
    });
    if (a.status === 200) accepted++;
    else result.basesRefused.push(`${op.method} ${op.template} → ${a.status} ${(a.json?.error?.message ?? a.text).slice(0, 120)}`);
  }
  result.basesAccepted = `${accepted}/${sent}`;

  result.pass =
    result.tried >= 100 &&
    result.tried === all.length &&
    result.errors5xx === 0 &&
    result.changed === 0 &&
    result.accepted === 0 &&
    result.uncoded === 0 &&
    result.noAnswer === 0;
  return result;
}
