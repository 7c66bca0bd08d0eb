import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles.js';
import { hashPassword } from '../auth/password.js';
import type { DB, OrgRow, SectionRow } from '../db/types.js';
import { insertOrg, insertSection } from '../orgs/repo.js';
import { seedReferenceDefaults } from '../reference/service.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}_${process.pid}`;

/** Small builders for test data, written straight to the database. */
export class Factories {
  static readonly DEFAULT_PASSWORD = 'Passw0rd2014';
  private defaultHash: Promise<string> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  async org(input: { name?: string; parent?: OrgRow | null; level?: 'province' | 'city' | 'county' } = {}): Promise<OrgRow> {
    const org = await insertOrg(this.db, {
      parentId: input.parent?.id ?? null,
      parentPath: input.parent?.path ?? '/',
      name: input.name ?? unique('测试县科技局'),
      shortName: null,
      level: input.level ?? 'county',
      regionCode: null,
    });
    await seedReferenceDefaults(this.db, org.id);
    return org;
  }

  section(org: OrgRow, name = unique('股室')): Promise<SectionRow> {
    return insertSection(this.db, org.id, name, 0);
  }

  /** An enterprise without a credit code (a 合作社), so no check digit is needed. */
  async enterprise(org: OrgRow, input: { name?: string; sectionId?: number | null; townId?: number | null } = {}) {
    const now = new Date().toISOString();
    return this.db
      .insertInto('enterprises')
      .values({
        org_id: org.id,
        section_id: input.sectionId ?? null,
        name: input.name ?? unique('测试合作社'),
        credit_code: null,
        kind: '合作社',
        industry: 'agriculture',
        town_id: input.townId ?? null,
        address: null,
        contact_person: null,
        contact_phone: null,
        notes: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async user(input: { org: OrgRow; role?: Role; section?: SectionRow | null; username?: string; password?: string; displayName?: string }) {
    const passwordHash = input.password ? await hashPassword(input.password) : await (this.defaultHash ??= hashPassword(Factories.DEFAULT_PASSWORD));
    const now = new Date().toISOString();
    const username = input.username ?? unique('user');
    return this.db
      .insertInto('users')
      .values({
        org_id: input.org.id,
        username,
        display_name: input.displayName ?? username,
        role: input.role ?? 'staff',
        section_id: input.section?.id ?? null,
        phone: null,
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}
