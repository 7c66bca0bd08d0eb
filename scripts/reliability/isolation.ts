// Cross-organisation isolation: for every endpoint that takes an id (every OpenAPI path with a
// {parameter}), bureau A's users ask for bureau B's record with the endpoint's method and a valid
// body. The answer must be 404 or 403 (or exactly what a record that exists nowhere gets), must not
// carry B's marker text, and no table may change. List filters naming B's records are checked too.
import type { Answer, RequestOptions } from './client.js';
import { type DbProbe, changedTables } from './db-probe.js';
import { type Operation, concretePath, example, missingRecordPath, validBody } from './openapi-cases.js';
import { genContext } from './bad-inputs.js';
import type { AccountName, World } from './world.js';

export interface IsolationProbe {
  endpoint: string;
  as: AccountName;
  status: number;
  ok: boolean;
  why?: string;
}

export interface IsolationResult {
  database: string;
  /** Endpoints (method + path) that take an id. */
  total: number;
  /** Of those, probed with B's record by every actor. */
  checked: number;
  /** Of those checked, every probe held. */
  held: number;
  unmapped: string[];
  /** GET list endpoints filtered by one of B's ids. */
  filtersChecked: number;
  filtersHeld: number;
  probes: number;
  /** How the probes were answered: status → count (a check that they reached the record lookup). */
  statuses: Record<string, number>;
  /** Probes answered neither 404 nor 403 (held only when a missing record gets the same answer). */
  answeredLikeMissing: string[];
  failures: IsolationProbe[];
  pass: boolean;
}

const ACTORS: AccountName[] = ['admin', 'staff', 'commissioner'];
const ORDER: Record<string, number> = { GET: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 };

/** B's record a list filter names, by the filter's name. */
const FILTER_RECORD: Record<string, (B: World['B']) => number> = {
  enterpriseId: (B) => B.fx.enterprise,
  staffId: (B) => B.accounts.staff.userId,
  managerId: (B) => B.accounts.staff.userId,
  responsibleId: (B) => B.accounts.staff.userId,
  userId: (B) => B.accounts.staff.userId,
  townId: (B) => B.fx.town,
  placeId: (B) => B.fx.town,
  sectionId: (B) => B.fx.section,
  commissionerId: (B) => B.fx.commissioner,
  projectId: (B) => B.fx.project,
  parentId: (B) => B.fx.town,
  departmentId: (B) => B.fx.department,
  entityId: (B) => B.fx.project,
};

function sameAsMissing(a: Answer, missing: Answer): boolean {
  return a.status === missing.status && a.json?.error?.code === missing.json?.error?.code;
}

export async function runIsolation(label: string, probe: DbProbe, world: World, ops: Operation[], deadline: number): Promise<IsolationResult> {
  const { A, B } = world;
  const g = genContext(A);
  const idOps = ops.filter((op) => op.pathParams.length > 0).sort((x, y) => ORDER[x.method] - ORDER[y.method]);
  const result: IsolationResult = {
    database: label,
    total: idOps.length,
    checked: 0,
    held: 0,
    unmapped: [],
    filtersChecked: 0,
    filtersHeld: 0,
    probes: 0,
    statuses: {},
    answeredLikeMissing: [],
    failures: [],
    pass: false,
  };

  let snapshot = await probe.snapshot();
  for (const op of idOps) {
    if (Date.now() > deadline) break;
    // Required query parameters (a period for facts) are given, so the request reaches the record.
    const required = op.query.filter((q) => q.required).map((q) => [q.name, q.name === 'from' ? `${g.year}-01-01` : String(example(q.schema, q.name, g))]);
    const query = required.length ? `?${new URLSearchParams(required)}` : '';
    const pathB = concretePath(op.template, B.fx);
    const urlB = pathB && `${pathB}${query}`;
    if (!urlB) {
      result.unmapped.push(`${op.method} ${op.template}`);
      continue;
    }
    const endpoint = `${op.method} ${op.template}`;
    let held = true;
    for (const as of ACTORS) {
      const client = A.accounts[as].client;
      const options = (): RequestOptions => {
        const headers: Record<string, string> = op.method === 'PUT' || op.method === 'PATCH' ? { 'if-match': '*' } : {};
        return op.multipart || !op.body ? { headers } : { json: validBody(op, g), headers };
      };
      const a = await client.request(op.method, urlB, options());
      result.probes++;
      const key = `${a.status} ${a.json?.error?.code ?? ''}`.trim();
      result.statuses[key] = (result.statuses[key] ?? 0) + 1;
      if (a.status !== 404 && a.status !== 403) result.answeredLikeMissing.push(`${endpoint} as ${as}: ${key}`);
      let changed: string[] = [];
      if (op.method !== 'GET') {
        const after = await probe.snapshot();
        changed = changedTables(snapshot, after);
        snapshot = after;
      }
      let why: string | undefined;
      if (a.text.includes(B.marker)) why = `answer carries B's data (${a.status})`;
      else if (changed.length) why = `tables changed: ${changed.join(', ')} (${a.status})`;
      else if (a.status === 0) why = `no answer (${a.failure})`;
      else if (a.status !== 404 && a.status !== 403) {
        const missing = await client.request(op.method, `${missingRecordPath(op.template)}${query}`, options());
        if (op.method !== 'GET') snapshot = await probe.snapshot();
        if (!(a.status >= 400 && a.status < 500 && sameAsMissing(a, missing))) {
          why = `answered ${a.status} ${a.json?.error?.code ?? ''} where a missing record gets ${missing.status} ${missing.json?.error?.code ?? ''}`;
        }
      }
      if (why) {
        held = false;
        result.failures.push({ endpoint, as, status: a.status, ok: false, why });
      }
    }
    result.checked++;
    if (held) result.held++;
  }

  // List endpoints filtered by B's ids: nothing of B may come back.
  for (const op of ops) {
    if (op.method !== 'GET' || op.pathParams.length || Date.now() > deadline) continue;
    for (const q of op.query) {
      const record = FILTER_RECORD[q.name];
      if (!record) continue;
      const required = Object.fromEntries(op.query.filter((p) => p.required).map((p) => [p.name, p.name === 'from' ? `${g.year - 1}-01-01` : g.day]));
      const params = new URLSearchParams({ ...required, [q.name]: String(record(B)) });
      const a = await A.accounts.admin.client.get(`${op.template}?${params}`);
      result.filtersChecked++;
      if (a.status === 0 || a.status >= 500 || a.text.includes(B.marker)) {
        result.failures.push({
          endpoint: `GET ${op.template}?${q.name}=<B>`,
          as: 'admin',
          status: a.status,
          ok: false,
          why: a.status >= 500 || a.status === 0 ? `answered ${a.status}` : "answer carries B's data",
        });
      } else {
        result.filtersHeld++;
      }
    }
  }
  result.pass =
    result.checked === result.total && result.held === result.checked && result.unmapped.length === 0 && result.filtersHeld === result.filtersChecked;
  return result;
}
