import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles.js';
import { hashPassword, randomPassword } from '../auth/password.js';
import { dialectOf } from '../db/connection.js';
import type { DB, OrgRow } from '../db/types.js';
import { anyOrganisation, insertOrg, insertSection, setHomeOrg } from '../orgs/repo.js';
import { seedReferenceDefaults } from '../reference/service.js';
import places from './data/shangyou-places.json' with { type: 'json' };
import { loadOutreachDemo } from './outreach-demo.js';
import { loadProjectsDemo } from './projects-demo.js';
import { loadWorklistsDemo } from './worklists-demo.js';

// The demo bureau: the seed document's 上犹县科技局 (Ganzhou, Jiangxi), first half of 2014.
// Names of people are invented for the demo; phones are left empty.

export const DEMO_META_KEY = 'demo_loaded';

const SECTIONS = ['办公室', '业务股', '科技特派员工作站'] as const;

/** The county departments the seed names, with the short word the seed uses for each. */
export const DEMO_DEPARTMENTS: { name: string; shortName: string }[] = [
  { name: '上犹县林业局', shortName: '林业' },
  { name: '上犹县农业局', shortName: '农业' },
  { name: '上犹县果茶局', shortName: '茶果' },
  { name: '上犹县气象局', shortName: '气象' },
  { name: '上犹县卫生局', shortName: '卫生' },
  { name: '上犹县科学技术协会', shortName: '科协' },
  { name: '上犹县畜牧兽医局', shortName: '畜牧' },
  { name: '上犹县教育局', shortName: '教育' },
  { name: '上犹县水利局', shortName: '水利' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  section: (typeof SECTIONS)[number] | null;
  org: 'county' | 'city';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', section: '办公室', org: 'county' },
  { username: 'juzhang', displayName: '刘建华(局长)', role: 'leader', section: null, org: 'county' },
  { username: 'fenguan', displayName: '陈志强(分管副局长)', role: 'leader', section: null, org: 'county' },
  { username: 'yewu', displayName: '王丽(业务股)', role: 'staff', section: '业务股', org: 'county' },
  { username: 'bangong', displayName: '李明(办公室)', role: 'staff', section: '办公室', org: 'county' },
  { username: 'tepai', displayName: '黄永清(科技特派员)', role: 'commissioner', section: '科技特派员工作站', org: 'county' },
  { username: 'ganzhou', displayName: '赵文(市科技局)', role: 'leader', section: null, org: 'city' },
];

export interface DemoLoadResult {
  loaded: boolean;
  /** Set when the admin password was generated here; printed once and never stored. */
  generatedAdminPassword: string | null;
  demoPassword: string;
  countyOrgId: number;
}

export async function isDemoLoaded(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', DEMO_META_KEY).executeTakeFirst();
  return !!row;
}

async function addPlaces(db: Kysely<DB>, org: OrgRow): Promise<void> {
  const county = await db
    .insertInto('places')
    .values({ org_id: org.id, parent_id: null, level: 'county', name: places.county.name, code: places.county.code, sort_order: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [ti, town] of places.towns.entries()) {
    const t = await db
      .insertInto('places')
      .values({ org_id: org.id, parent_id: county.id, level: 'town', name: town.name, code: town.code, sort_order: ti + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (town.villages.length) {
      await db
        .insertInto('places')
        .values(
          town.villages.map((v, vi) => ({
            org_id: org.id,
            parent_id: t.id,
            level: 'village',
            name: v.name,
            code: v.code,
            sort_order: vi + 1,
          })),
        )
        .execute();
    }
  }
}

/**
 * Creates the demo bureau in one transaction: 江西省科技厅 → 赣州市科技局 → 上犹县科技局, its sections,
 * the towns and villages of 上犹县 with their division codes, the county departments, default
 * dictionaries and one account of each role. Does nothing when the demo is already there.
 */
export async function loadDemo(db: Kysely<DB>, options: { adminPassword: string | null; demoPassword: string }): Promise<DemoLoadResult> {
  const { demoPassword } = options;
  if (await isDemoLoaded(db)) {
    const county = await db.selectFrom('orgs').select('id').where('name', '=', '上犹县科技局').executeTakeFirst();
    return { loaded: false, generatedAdminPassword: null, demoPassword, countyOrgId: county?.id ?? 0 };
  }
  // The demo is a bureau of its own: never mixed into one set up for real (its home organisation is taken).
  if (await anyOrganisation(db)) {
    throw new Error('库中已有单位（已完成初始设置或已建单位），不能再加载演示数据；要看演示，请另用一个空数据库（如设 KEGUAN_DATA_DIR=data-demo）');
  }
  const generatedAdminPassword = options.adminPassword ? null : randomPassword();
  const adminHash = await hashPassword(options.adminPassword || generatedAdminPassword!);
  const demoHash = await hashPassword(demoPassword);

  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('username')
      .where(
        'username',
        'in',
        DEMO_ACCOUNTS.map((a) => a.username),
      )
      .execute();
    if (taken.length) {
      throw new Error(`无法加载演示数据:用户名 ${taken.map((t) => t.username).join('、')} 已被占用`);
    }
    const province = await insertOrg(trx, {
      parentId: null,
      parentPath: '/',
      name: '江西省科学技术厅',
      shortName: '省科技厅',
      level: 'province',
      regionCode: places.province.code,
    });
    const city = await insertOrg(trx, {
      parentId: province.id,
      parentPath: province.path,
      name: '赣州市科学技术局',
      shortName: '市科技局',
      level: 'city',
      regionCode: places.city.code,
    });
    const county = await insertOrg(trx, {
      parentId: city.id,
      parentPath: city.path,
      name: '上犹县科技局',
      shortName: '县科技局',
      level: 'county',
      regionCode: places.county.code,
    });
    for (const org of [province, city, county]) await seedReferenceDefaults(trx, org.id);

    const sectionIds = new Map<string, number>();
    for (const [i, name] of SECTIONS.entries()) {
      sectionIds.set(name, (await insertSection(trx, county.id, name, (i + 1) * 10)).id);
    }
    await addPlaces(trx, county);
    await trx
      .insertInto('departments')
      .values(DEMO_DEPARTMENTS.map((d, i) => ({ org_id: county.id, name: d.name, short_name: d.shortName, sort_order: (i + 1) * 10, active: 1 })))
      .execute();

    const now = new Date().toISOString();
    const userIds = new Map<string, number>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto('users')
        .values({
          org_id: account.org === 'city' ? city.id : county.id,
          username: account.username,
          display_name: account.displayName,
          role: account.role,
          section_id: account.section ? sectionIds.get(account.section)! : null,
          phone: null,
          password_hash: account.role === 'admin' ? adminHash : demoHash,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(account.username, user.id);
    }
    const demoOrg = { id: county.id, businessSectionId: sectionIds.get('业务股')!, userIds };
    await loadProjectsDemo(trx, demoOrg);
    await loadOutreachDemo(trx, demoOrg);
    await loadWorklistsDemo(trx, dialectOf(trx), { ...demoOrg, path: county.path, officeSectionId: sectionIds.get('办公室')! });
    await trx.insertInto('app_meta').values({ key: DEMO_META_KEY, value: now }).execute();
    await setHomeOrg(trx, county.id);
    return { loaded: true, generatedAdminPassword, demoPassword, countyOrgId: county.id };
  });
}
