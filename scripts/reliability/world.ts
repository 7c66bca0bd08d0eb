// Two bureaus on one server, built the way an operator would: the demo bureau is bureau A, a second
// county bureau B is created under the same city by a city administrator through POST /api/orgs.
// Accounts come from `keguan user add` (the CLI, on the same database); every record kind the API
// has is then created in each bureau through the API, carrying a marker text unique to the bureau,
// so a response holding the other bureau's marker is a leak.
import { randomBytes } from 'node:crypto';
import { runCli } from '../../src/cli/main.js';
import { creditCodeCheckChar } from '../../src/shared/credit-code.js';
import { Client } from './client.js';
import type { DbProbe } from './db-probe.js';
import type { KeguanServer } from './processes.js';

export const ROLES = ['admin', 'leader', 'staff', 'commissioner', 'victim'] as const;
export type AccountName = (typeof ROLES)[number];

export interface Account {
  username: string;
  password: string;
  userId: number;
  client: Client;
}

/** Ids of one record of every kind, keyed by what a path parameter names. */
export interface Fixtures {
  org: number;
  section: number;
  countyPlace: number;
  town: number;
  village: number;
  department: number;
  dictCode: string;
  dictItem: number;
  eventType: string;
  serviceKind: string;
  token: number;
  file: number;
  enterprise: number;
  visit: number;
  project: number;
  followup: number;
  milestone: number;
  event: number;
  commissioner: number;
  serviceLog: number;
  support: number;
  evaluation: number;
  year: number;
  worklist: number;
  worklistItem: number;
  template: number;
  report: number;
  reportVersion: number;
  /** The bureau's throwaway account ("victim"): the user cases reset, patch and change the password of. */
  user: number;
}

export interface Bureau {
  tag: 'A' | 'B';
  orgId: number;
  orgName: string;
  marker: string;
  accounts: Record<AccountName, Account>;
  fx: Fixtures;
}

export interface World {
  A: Bureau;
  B: Bureau;
  run: string;
}

/** Today in China (UTC+8) as YYYY-MM-DD, the day the bureau's records are dated by. */
export function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function thisYear(): number {
  return Number(today().slice(0, 4));
}

/** A random password the policy accepts (letters and digits, not a common one). */
export function strongPassword(): string {
  return `Rl${randomBytes(6).toString('hex')}q7`;
}

/** A valid 统一社会信用代码 (GB 32100-2015) with a random body. */
export function randomCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const bytes = randomBytes(17);
  // 9 (工商) 1 (企业), a 6-digit region, then 9 random characters of the alphabet.
  let first17 = '91360724';
  for (let i = first17.length; i < 17; i++) first17 += alphabet[bytes[i] % alphabet.length];
  return first17 + creditCodeCheckChar(first17)!;
}

/** `keguan user add` on the server's database, in this process. */
export async function cliAddUser(server: KeguanServer, args: { username: string; name: string; role: string; org?: string; password: string }): Promise<void> {
  const out: string[] = [];
  const argv = ['user', 'add', '-u', args.username, '-n', args.name, '-r', args.role, '--password', args.password];
  if (args.org) argv.push('-o', args.org);
  const code = await runCli(argv, server.env(), { out: (t) => out.push(t), err: (t) => out.push(t) });
  if (code !== 0) throw new Error(`keguan user add ${args.username}: ${out.join(' ')}`);
}

async function signIn(server: KeguanServer, accounts: Record<AccountName, Account>, passwords: Map<string, string>): Promise<void> {
  for (const role of ROLES) {
    const a = accounts[role];
    const { client, password } = await Client.login(server.url, a.username, passwords.get(a.username)!);
    a.client = client;
    a.password = password;
  }
}

/** A 1×1 PNG, the smallest attachment the upload accepts. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

export async function uploadFile(client: Client, name: string, content: Buffer): Promise<any> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  const a = await client.request('POST', '/api/files', { body: form });
  if (a.status !== 200) throw new Error(`upload ${name} → ${a.status} ${a.text.slice(0, 200)}`);
  return a.json;
}

/** The first active item of a dictionary of the signed-in user's bureau. */
async function dictionaryValue(client: Client, code: string): Promise<string> {
  const { items } = await client.ok('GET', `/api/dictionaries/${code}/items`);
  const item = items.find((i: { active: boolean }) => i.active) ?? items[0];
  if (!item) throw new Error(`dictionary ${code} is empty`);
  return item.value;
}

/** A small work list: one text field, an open and a done status, a deadline. */
export function worklistDefinition(name: string) {
  return {
    name,
    fields: [{ key: 'title', label: '事项', type: 'text', required: true }],
    statuses: [
      { key: 'open', label: '办理中' },
      { key: 'done', label: '已办结', done: true },
    ],
    hasDeadline: true,
  };
}

/** A template without figures, valid in any bureau. */
export function templateDefinition(name: string) {
  return {
    name,
    title: '工作总结',
    opening: '本期工作情况如下。',
    plan: null,
    sections: [{ key: 'work', heading: '一、主要工作', sentences: ['本期各项工作有序推进。'] }],
  };
}

/** Creates one record of every kind in the bureau through the API. */
async function seedRecords(b: Omit<Bureau, 'fx'>, run: string): Promise<Fixtures> {
  const admin = b.accounts.admin.client;
  const staff = b.accounts.staff.client;
  const leader = b.accounts.leader.client;
  const m = b.marker;
  const day = today();
  const year = thisYear();

  const section = await admin.ok('POST', '/api/sections', { name: `股${m}`.slice(0, 30) });
  const counties = (await admin.ok('GET', '/api/places?level=county')).items;
  const countyPlace = counties[0] ?? (await admin.ok('POST', '/api/places', { level: 'county', name: `县${m}` }));
  const town = await admin.ok('POST', '/api/places', { level: 'town', parentId: countyPlace.id, name: `镇${m}` });
  const village = await admin.ok('POST', '/api/places', { level: 'village', parentId: town.id, name: `村${m}` });
  const department = await admin.ok('POST', '/api/departments', { name: `部门${m}` });
  const dictCode = `rel_${run}_${b.tag.toLowerCase()}`;
  await admin.ok('POST', '/api/dictionaries', { code: dictCode, name: `字典${m}`.slice(0, 30) });
  const dictItem = await admin.ok('POST', `/api/dictionaries/${dictCode}/items`, { value: `值${m}`.slice(0, 40), label: `选项${m}`.slice(0, 50) });
  const eventType = await dictionaryValue(admin, 'event_type');
  const serviceKind = await dictionaryValue(admin, 'service_kind');
  const token = await staff.ok('POST', '/api/auth/tokens', { name: `令牌${m}`.slice(0, 50) });
  const file = await uploadFile(staff, `附件${m}.png`, PNG);

  const enterprise = await staff.ok('POST', '/api/enterprises', {
    name: `企业${m}`,
    kind: '科技型中小企业',
    creditCode: randomCreditCode(),
    industry: 'agriculture',
    townId: town.id,
    notes: m,
  });
  const visit = await staff.ok('POST', '/api/visits', {
    visitDate: day,
    staffIds: [b.accounts.staff.userId],
    enterpriseIds: [enterprise.id],
    purpose: `调研${m}`,
    findings: m,
  });
  const project = await staff.ok('POST', '/api/projects', {
    title: `项目${m}`,
    enterpriseId: enterprise.id,
    field: 'agriculture',
    stage: 'lead',
    stageDates: { lead: day },
    sourceVisitId: visit.id,
    description: m,
  });
  const followup = await staff.ok('POST', `/api/projects/${project.id}/followups`, {
    followupDate: day,
    staffId: b.accounts.staff.userId,
    kind: 'phone',
    found: m,
  });
  const milestone = await staff.ok('POST', `/api/projects/${project.id}/milestones`, { kind: '中期检查', milestoneDate: day, remark: m });
  const event = await staff.ok('POST', '/api/events', {
    type: eventType,
    theme: `活动${m}`,
    startDate: day,
    role: 'lead',
    placeIds: [town.id],
    departmentIds: [department.id],
    notes: m,
    attendees: 10,
  });
  const commissioner = await admin.ok('POST', '/api/commissioners', {
    name: `特派员${m}`.slice(0, 30),
    gender: 'male',
    employer: `单位${m}`,
    termStartYear: year,
    termEndYear: year + 1,
    placeIds: [town.id],
    userId: b.accounts.commissioner.userId,
    notes: m,
  });
  const serviceLog = await b.accounts.commissioner.client.ok('POST', `/api/commissioners/${commissioner.id}/service-logs`, {
    logDate: day,
    kind: serviceKind,
    content: `服务${m}`,
    placeId: town.id,
    peopleServed: 3,
  });
  const support = await leader.ok('POST', `/api/commissioners/${commissioner.id}/supports`, {
    supportDate: day,
    kind: 'other',
    description: `支持${m}`,
  });
  const evaluation = await leader.ok('PUT', `/api/commissioners/${commissioner.id}/evaluations/${year}`, { grade: 'qualified', note: m });
  const worklist = await leader.ok('POST', '/api/worklists', worklistDefinition(`台账${m}`.slice(0, 40)));
  const worklistItem = await staff.ok('POST', `/api/worklists/${worklist.id}/items`, { values: { title: `条目${m}` }, registeredDate: day, deadline: day });
  await leader.ok('GET', '/api/report-templates');
  const template = await leader.ok('POST', '/api/report-templates', templateDefinition(`模板${m}`.slice(0, 40)));
  const report = await leader.ok('POST', '/api/reports', { from: `${year}-01-01`, to: day, templateId: template.id });

  return {
    org: b.orgId,
    section: section.id,
    countyPlace: countyPlace.id,
    town: town.id,
    village: village.id,
    department: department.id,
    dictCode,
    dictItem: dictItem.id,
    eventType,
    serviceKind,
    token: token.token.id,
    file: file.id,
    enterprise: enterprise.id,
    visit: visit.id,
    project: project.id,
    followup: followup.id,
    milestone: milestone.id,
    event: event.id,
    commissioner: commissioner.id,
    serviceLog: serviceLog.id,
    support: support.id,
    evaluation: evaluation.id,
    year,
    worklist: worklist.id,
    worklistItem: worklistItem.id,
    template: template.id,
    report: report.id,
    reportVersion: report.latestVersion ?? 1,
    user: b.accounts.victim.userId,
  };
}

/** Builds bureau A (the demo county) and bureau B (a new county under the same city), with accounts and one record of each kind. */
export async function buildWorld(server: KeguanServer, probe: DbProbe): Promise<World> {
  const run = randomBytes(3).toString('hex');
  const [city] = await probe.all<{ id: number; name: string }>(`select id, name from orgs where level = 'city' order by id limit 1`);
  const counties = await probe.all<{ id: number; name: string }>(`select id, name from orgs where level = 'county' order by id`);
  if (!city || counties.length !== 1) throw new Error(`expected the demo's one city and one county, found city=${!!city} counties=${counties.length}`);
  const countyA = counties[0];

  const passwords = new Map<string, string>();
  const add = async (username: string, role: string, org: string) => {
    const password = strongPassword();
    passwords.set(username, password);
    await cliAddUser(server, { username, name: username, role, org, password });
  };

  const cityAdminName = `rel_${run}_city_admin`;
  await add(cityAdminName, 'admin', city.name);
  const cityAdmin = await Client.login(server.url, cityAdminName, passwords.get(cityAdminName)!);
  const orgB = await cityAdmin.client.ok('POST', '/api/orgs', { parentId: Number(city.id), name: `乙县科技局${run}`, shortName: '乙局', level: 'county' });

  const bureaus: Omit<Bureau, 'fx'>[] = [];
  for (const [tag, org] of [
    ['A', { id: Number(countyA.id), name: countyA.name }],
    ['B', { id: orgB.id, name: orgB.name }],
  ] as const) {
    const accounts = {} as Record<AccountName, Account>;
    for (const role of ROLES) {
      const username = `rel_${run}_${tag.toLowerCase()}_${role}`;
      await add(username, role === 'victim' ? 'staff' : role, org.name);
      const [row] = await probe.all<{ id: number }>('select id from users where username = ?', [username]);
      accounts[role] = { username, password: passwords.get(username)!, userId: Number(row.id), client: new Client(server.url) };
    }
    await signIn(server, accounts, passwords);
    bureaus.push({ tag, orgId: org.id, orgName: org.name, marker: `${tag === 'A' ? '甲' : '乙'}局标记${run}`, accounts });
  }
  const [A, B] = await Promise.all(bureaus.map(async (b) => ({ ...b, fx: await seedRecords(b, run) })));
  return { A, B, run };
}
