// Bad inputs generated from the server's own OpenAPI description (GET /api/docs/json): for every
// operation with a body or a query, a plausible valid request built from the schema and the
// bureau's records, then one defect at a time — a wrong type, a missing required field, a control
// character, an over-long text, a negative number, a future date for something that happened, an
// unknown field, malformed JSON, no body. Pure: the runner sends what this returns.
import type { Fixtures } from './world.js';

export interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
}

export interface Operation {
  method: string;
  /** The path template, e.g. /api/projects/{id}/stage. */
  template: string;
  body: JsonSchema | null;
  /** Whether the body is multipart (uploads): not generated here. */
  multipart: boolean;
  query: { name: string; required: boolean; schema: JsonSchema }[];
  pathParams: string[];
  headers: string[];
}

export interface BadCase {
  id: string;
  source: 'openapi' | 'hand';
  kind: string;
  method: string;
  url: string;
  /** Which of the bureau's accounts sends it; null for nobody signed in. */
  as: 'admin' | 'leader' | 'staff' | 'commissioner' | 'victim' | null;
  json?: unknown;
  body?: string | FormData;
  contentType?: string;
  headers?: Record<string, string>;
  noOrigin?: boolean;
  /** reject: must be refused with a coded error; noop: may also be answered 200, but must change nothing. */
  expect: 'reject' | 'noop';
}

/** Operations of an OpenAPI document, in document order. */
export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const params: any[] = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        template,
        body: content['application/json']?.schema ?? null,
        multipart: !!content['multipart/form-data'] || (op.consumes ?? []).includes('multipart/form-data'),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} })),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        headers: params.filter((p) => p.in === 'header').map((p) => String(p.name).toLowerCase()),
      });
    }
  }
  return ops;
}

// ---------- which record a path parameter names ----------

/** The fixture a path parameter stands for, by the path segment before it. */
const RECORD_BY_SEGMENT: Record<string, keyof Fixtures> = {
  tokens: 'token',
  users: 'user',
  orgs: 'org',
  sections: 'section',
  places: 'village',
  departments: 'department',
  dictionaries: 'dictCode',
  'dictionary-items': 'dictItem',
  files: 'file',
  enterprises: 'enterprise',
  visits: 'visit',
  projects: 'project',
  followups: 'followup',
  milestones: 'milestone',
  events: 'event',
  commissioners: 'commissioner',
  'service-logs': 'serviceLog',
  'commissioner-supports': 'support',
  'commissioner-evaluations': 'evaluation',
  evaluations: 'year',
  worklists: 'worklist',
  'worklist-items': 'worklistItem',
  'report-templates': 'template',
  reports: 'report',
  versions: 'reportVersion',
};

/** The path with each {param} replaced by the bureau's record, or null when a parameter names no known record. */
export function concretePath(template: string, fx: Fixtures): string | null {
  const segments = template.split('/');
  for (let i = 0; i < segments.length; i++) {
    const m = /^\{(\w+)\}$/.exec(segments[i]);
    if (!m) continue;
    const key = RECORD_BY_SEGMENT[segments[i - 1]];
    if (!key) return null;
    segments[i] = encodeURIComponent(String(fx[key]));
  }
  return segments.join('/');
}

/** The path with every {param} replaced by a record that exists nowhere. */
export function missingRecordPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'code' ? 'no_such_code' : name === 'year' ? '2099' : '2147480000'));
}

// ---------- a valid request ----------

export interface GenContext {
  fx: Fixtures;
  /** The staff member records name (visits, follow-ups, managers). */
  staffId: number;
  day: string;
  year: number;
  unique: () => string;
  /** The victim account's password, for the password-change base body. */
  victimPassword: string;
}

const ID_BY_NAME: Record<string, (g: GenContext) => number> = {
  enterpriseId: (g) => g.fx.enterprise,
  staffId: (g) => g.staffId,
  managerId: (g) => g.staffId,
  responsibleId: (g) => g.staffId,
  userId: (g) => g.staffId,
  townId: (g) => g.fx.town,
  placeId: (g) => g.fx.town,
  sectionId: (g) => g.fx.section,
  orgId: (g) => g.fx.org,
  templateId: (g) => g.fx.template,
  sourceVisitId: (g) => g.fx.visit,
  targetListId: (g) => g.fx.worklist,
  commissionerId: (g) => g.fx.commissioner,
  projectId: (g) => g.fx.project,
  parentId: (g) => g.fx.town,
};
const IDS_BY_NAME: Record<string, (g: GenContext) => number[]> = {
  staffIds: (g) => [g.staffId],
  enterpriseIds: (g) => [g.fx.enterprise],
  placeIds: (g) => [g.fx.town],
  departmentIds: (g) => [g.fx.department],
  fileIds: () => [],
};

function plainBranch(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  return branches.find((b) => !(b.enum && b.enum.length === 1 && b.enum[0] === '')) ?? branches[0];
}

function isNullable(schema: JsonSchema): boolean {
  return !!schema.nullable || !!(schema.anyOf ?? schema.oneOf)?.some((b) => b.nullable || b.type === 'null');
}

function typeOf(schema: JsonSchema): string | undefined {
  const s = plainBranch(schema);
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.enum) return typeof s.enum[0];
  return undefined;
}

export function example(schema: JsonSchema, key: string, g: GenContext): unknown {
  const s = plainBranch(schema);
  if (s.enum?.length) return s.enum[0];
  const type = typeOf(s);
  if (type === 'integer' || type === 'number') {
    if (ID_BY_NAME[key]) return ID_BY_NAME[key](g);
    if (key === 'year' || key === 'termStartYear') return g.year;
    if (key === 'termEndYear') return g.year + 1;
    if (key === 'baseVersion') return g.fx.reportVersion;
    const min = typeof s.minimum === 'number' ? s.minimum + (s.exclusiveMinimum === true ? 1 : 0) : 1;
    return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
  }
  if (type === 'boolean') return false;
  if (type === 'array') {
    if (IDS_BY_NAME[key]) return IDS_BY_NAME[key](g);
    const n = s.minItems ?? 0;
    return Array.from({ length: n }, () => example(s.items ?? {}, key.replace(/s$/, ''), g));
  }
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const name of s.required ?? []) out[name] = example(s.properties?.[name] ?? {}, name, g);
    return out;
  }
  // strings
  if (s.format === 'date') return g.day;
  if (/password/i.test(key)) return `Rl${g.unique()}q7Z`;
  if (key === 'username') return `rel_${g.unique()}`;
  if (key === 'type') return g.fx.eventType;
  if (key === 'kind') return g.fx.serviceKind;
  if (s.pattern) {
    if (s.pattern.startsWith('^[a-z]')) return `k${g.unique()}`.replace(/[^a-z0-9]/g, '').slice(0, 20);
    if (s.pattern.includes('\\d{12}')) return '360724100000';
    return isNullable(schema) ? null : '1';
  }
  const text = `可靠性测试${g.unique()}`;
  const max = s.maxLength ?? 100;
  return text.slice(0, Math.max(max, s.minLength ?? 1));
}

/** Valid bodies the schema alone cannot give (links between records, definitions, documents). */
function handBody(op: Operation, g: GenContext): Record<string, unknown> | undefined {
  const key = `${op.method} ${op.template}`;
  const u = g.unique();
  switch (key) {
    case 'POST /api/auth/login':
      return { username: `nobody_${u}`, password: 'not-the-password1' };
    case 'POST /api/auth/password':
      return { currentPassword: g.victimPassword, newPassword: `Rl${u}new7` };
    case 'POST /api/enterprises':
      return { name: `企业${u}`, kind: '合作社', industry: 'agriculture', townId: g.fx.town };
    case 'PUT /api/enterprises/{id}':
      return { name: `企业${u}`, kind: '合作社', industry: 'agriculture' };
    case 'POST /api/places':
      return { level: 'village', parentId: g.fx.town, name: `村${u}` };
    case 'POST /api/orgs':
      return { parentId: g.fx.org, name: `单位${u}`, level: 'county' };
    case 'POST /api/users':
      return { username: `rel_${u}`, displayName: `用户${u}`, role: 'staff', password: `Rl${u}pw7` };
    case 'POST /api/projects':
      return { title: `项目${u}`, enterpriseId: g.fx.enterprise, field: 'industry', stage: 'lead', stageDates: { lead: g.day } };
    case 'POST /api/projects/{id}/stage':
      return { to: 'pool', date: g.day };
    case 'POST /api/worklists':
    case 'PUT /api/worklists/{id}':
      return {
        name: `台账${u}`,
        fields: [{ key: 'title', label: '事项', type: 'text', required: true }],
        statuses: [
          { key: 'open', label: '办理中' },
          { key: 'done', label: '已办结', done: true },
        ],
        hasDeadline: true,
      };
    case 'POST /api/worklists/{id}/items':
    case 'PUT /api/worklist-items/{id}':
      return { values: { title: `条目${u}` }, registeredDate: g.day, deadline: g.day };
    case 'POST /api/worklist-items/{id}/progress':
      return { entryDate: g.day, content: `进展${u}` };
    case 'POST /api/report-templates':
    case 'POST /api/report-templates/check':
    case 'PUT /api/report-templates/{id}':
      return {
        name: `模板${u}`,
        title: '工作总结',
        opening: '本期工作情况如下。',
        plan: null,
        sections: [{ key: 'work', heading: '一、主要工作', sentences: ['本期各项工作有序推进。'] }],
      };
    case 'POST /api/reports':
      return { from: `${g.year}-01-01`, to: g.day };
    case 'PUT /api/commissioners/{id}':
    case 'POST /api/commissioners':
      return { name: `特派员${u}`.slice(0, 30), gender: 'male', employer: '农业技术推广中心', termStartYear: g.year, termEndYear: g.year + 1 };
    case 'POST /api/commissioners/{id}/service-logs':
    case 'PUT /api/service-logs/{id}':
      return { logDate: g.day, kind: g.fx.serviceKind, content: `服务${u}`, placeId: g.fx.town };
    case 'PUT /api/commissioners/{id}/evaluations/{year}':
      return { grade: 'qualified' };
    case 'POST /api/events':
    case 'PUT /api/events/{id}':
      return { type: g.fx.eventType, theme: `活动${u}`, startDate: g.day, role: 'lead' };
    default:
      return undefined;
  }
}

export function validBody(op: Operation, g: GenContext): Record<string, unknown> {
  const hand = handBody(op, g);
  if (hand) return hand;
  return (op.body ? example(op.body, '', g) : {}) as Record<string, unknown>;
}

// ---------- the defects ----------

/** Dates of things that have happened, which cannot be in the future (issue: visits, events, follow-ups, logs). */
const PAST_EVENT_DATES = new Set(['visitDate', 'startDate', 'followupDate', 'logDate', 'entryDate']);

const CONTROL_CHARS: [string, string][] = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['U+FFFE', '\uFFFE'],
  ['ESC', '\u001B'],
];

function wrongTypeFor(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return '12';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'x';
    case 'object':
      return ['x'];
    default:
      return { nested: true };
  }
}

/** Who sends an operation's cases: the bureau admin, but password and login cases use a throwaway account. */
function senderOf(op: Operation): BadCase['as'] {
  if (op.template === '/api/auth/password') return 'victim';
  if (op.template === '/api/auth/login' || op.template === '/api/auth/logout') return null;
  return 'admin';
}

/** Operations a generated case must not touch: logging in and out are covered by hand-written cases. */
const NO_UNKNOWN_FIELD = new Set(['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/auth/password']);

export function generateCases(ops: Operation[], g: GenContext): { cases: BadCase[]; unmapped: string[] } {
  const cases: BadCase[] = [];
  const unmapped: string[] = [];
  for (const op of ops) {
    if (op.template === '/api/health' || op.template.startsWith('/api/docs')) continue;
    const hasQuery = op.query.length > 0;
    const isBodyMethod = op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
    if (!hasQuery && !isBodyMethod) continue;
    const url = concretePath(op.template, g.fx);
    if (!url) {
      unmapped.push(`${op.method} ${op.template}`);
      continue;
    }
    const as = senderOf(op);
    const name = `${op.method} ${op.template}`;
    const headers: Record<string, string> = op.method === 'PUT' || op.method === 'PATCH' ? { 'if-match': '*' } : {};
    const add = (kind: string, c: Partial<BadCase> & { expect: BadCase['expect'] }) => {
      const { headers: extra, ...rest } = c;
      cases.push({
        id: `${name} · ${kind}`,
        source: 'openapi',
        kind: kind.split(/[: ]/)[0],
        method: op.method,
        url,
        as,
        ...rest,
        headers: { ...headers, ...extra },
      });
    };

    if (hasQuery) {
      const required = Object.fromEntries(op.query.filter((q) => q.required).map((q) => [q.name, String(example(q.schema, q.name, g))]));
      if (op.template === '/api/reports/trace') Object.assign(required, { recordType: 'project', ids: String(g.fx.project) });
      const withQuery = (params: Record<string, string>) => `${url}?${new URLSearchParams(params).toString()}`;
      for (const q of op.query) {
        const type = typeOf(q.schema);
        const bad: [string, string][] = [];
        if (type === 'integer' || type === 'number') {
          bad.push(['wrong-type', 'abc'], ['negative', '-1'], ['fraction', '1.5']);
          if (typeof q.schema.maximum === 'number' && q.schema.maximum < 1e6) bad.push(['too-large', String(q.schema.maximum + 1)]);
        } else if (plainBranch(q.schema).enum) {
          bad.push(['not-in-list', 'zz_nonsense']);
        } else if (plainBranch(q.schema).format === 'date') {
          bad.push(['wrong-type', 'not-a-date'], ['impossible-date', '2023-02-30']);
        } else if (type === 'string' || type === undefined) {
          bad.push(['control-char:NUL', 'a\u0000b']);
          // Past a few thousand characters the URL outgrows Node's header limit (431 from Node itself).
          const max = plainBranch(q.schema).maxLength;
          if (max && max <= 2000) bad.push(['over-long', '长'.repeat(max + 1)]);
        }
        for (const [kind, value] of bad) {
          add(`${kind} query ${q.name}`, { url: withQuery({ ...required, [q.name]: value }), expect: 'reject' });
        }
        if (q.required) {
          const { [q.name]: _dropped, ...rest } = required;
          add(`missing-required query ${q.name}`, { url: withQuery(rest), expect: 'reject' });
        }
      }
    }

    if (!isBodyMethod) continue;
    if (op.multipart) continue;
    const schema = op.body;
    const hasRequired = !!schema?.required?.length;
    add('malformed-json', { body: '{"x": ', contentType: 'application/json', expect: 'reject' });
    if (!schema) {
      add('wrong-content-type', { body: 'x=1', contentType: 'text/plain', expect: 'reject' });
      continue;
    }
    add('no-body', { expect: hasRequired ? 'reject' : 'noop' });
    add('json-array', { json: [], expect: 'reject' });
    add('empty-object', { json: {}, expect: hasRequired ? 'reject' : 'noop' });
    const base = validBody(op, g);
    if (!NO_UNKNOWN_FIELD.has(name)) add('unknown-field', { json: { ...base, unexpectedField: 1 }, expect: 'reject' });
    if (op.headers.includes('if-match')) {
      add('malformed-if-match', { json: base, headers: { 'if-match': '"v-abc"' }, expect: 'reject' });
      add('stale-if-match', { json: base, headers: { 'if-match': '"99999"' }, expect: 'reject' });
    }
    if (op.headers.includes('idempotency-key')) {
      add('malformed-idempotency-key', { json: base, headers: { 'idempotency-key': 'not a key!' }, expect: 'reject' });
    }
    const props = schema.properties ?? {};
    let controlIndex = 0;
    for (const [field, fieldSchema] of Object.entries(props)) {
      const fresh = () => validBody(op, g);
      const type = typeOf(fieldSchema);
      const plain = plainBranch(fieldSchema);
      add(`wrong-type ${field}`, { json: { ...fresh(), [field]: wrongTypeFor(fieldSchema) }, expect: 'reject' });
      if (schema.required?.includes(field)) {
        const { [field]: _dropped, ...rest } = fresh();
        add(`missing-required ${field}`, { json: rest, expect: 'reject' });
      }
      if (type === 'string' && plain.format !== 'date') {
        const [label, ch] = CONTROL_CHARS[controlIndex++ % CONTROL_CHARS.length];
        const good = example(fieldSchema, field, g);
        const text = typeof good === 'string' && good.length > 1 ? good : '文本';
        const withChar = `${text.slice(0, 1)}${ch}${text.slice(1)}`.slice(0, plain.maxLength ?? 1000);
        add(`control-char:${label} ${field}`, { json: { ...fresh(), [field]: withChar }, expect: 'reject' });
        if (plain.maxLength) add(`over-long ${field}`, { json: { ...fresh(), [field]: '长'.repeat(plain.maxLength + 1) }, expect: 'reject' });
      }
      if ((type === 'integer' || type === 'number') && typeof plain.minimum === 'number' && plain.minimum >= 0) {
        add(`negative ${field}`, { json: { ...fresh(), [field]: -1 }, expect: 'reject' });
      }
      if (plain.format === 'date') {
        add(`impossible-date ${field}`, { json: { ...fresh(), [field]: '2023-02-30' }, expect: 'reject' });
        if (PAST_EVENT_DATES.has(field)) add(`future-date ${field}`, { json: { ...fresh(), [field]: `${g.year + 1}-01-01` }, expect: 'reject' });
      }
    }
  }
  return { cases, unmapped };
}
