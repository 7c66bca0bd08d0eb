import type { z } from 'zod';
import type { OrgLevel } from '../../shared/roles.js';
import { SETUP_DONE, SETUP_DONE_MESSAGE, type SetupStatus, type setupBodySchema } from '../../shared/setup.js';
import { systemActor } from '../auth/actor.js';
import { assertPasswordAllowed, hashPassword } from '../auth/password.js';
import { recordChange } from '../audit/service.js';
import type { AppDeps, Ctx } from '../context.js';
import { isUniqueViolation } from '../db/sql-helpers.js';
import { findDivision } from '../divisions/catalogue.js';
import { importDivisionPlaces } from '../divisions/import-places.js';
import { AppError, validation } from '../http/errors.js';
import { anyOrganisation, findOrg, setHomeOrg } from '../orgs/repo.js';
import { insertOrganisation } from '../orgs/service.js';
import { DEFAULT_DEPARTMENTS, addDefaultDepartments } from '../reference/default-departments.js';
import * as usersRepo from '../users/repo.js';
import { presentUser } from '../users/service.js';
import { STARTER_LISTS, createStarterLists } from '../worklists/starters.js';
import * as repo from './repo.js';

// The first run of a bureau: on a database with no organisation, one transaction makes the
// organisation (level and division code from the national list), its default dictionaries, a
// county's towns and villages, the chosen starter work lists, the default departments and the
// admin account. The organisation is made by the system (no one is signed in yet); everything
// after it is signed by the new admin, who is the person doing the set-up.

export type SetupInput = z.output<typeof setupBodySchema>;

export interface SetupOutcome {
  org: { id: number; name: string; shortName: string | null; level: OrgLevel; divisionCode: string; divisionName: string };
  towns: number;
  villages: number;
  lists: { key: string; name: string }[];
  departments: number;
  admin: { id: number; username: string; mustChangePassword: boolean };
}

function setupDone(): AppError {
  return new AppError('CONFLICT', SETUP_DONE_MESSAGE, { reason: SETUP_DONE });
}

/** What the set-up page needs: whether set-up is still open, and what it can create. */
export async function setupStatus(db: AppDeps['db']): Promise<SetupStatus> {
  return {
    needed: !(await anyOrganisation(db)),
    starters: STARTER_LISTS.map(({ key, name, description }) => ({ key, name, description })),
    departments: DEFAULT_DEPARTMENTS.map((d) => d.name),
  };
}

/**
 * Sets up the bureau, or refuses with 409 (details.reason SETUP_DONE) once any organisation exists.
 * Two set-ups at once: each claims a fixed app_meta key first in its transaction, so exactly one
 * commits and the other fails on the key's uniqueness (PostgreSQL makes it wait for the first;
 * SQLite runs one transaction at a time). `mustChangePassword` is for a password the person did
 * not type (the CLI's random one).
 */
export async function setUp(
  deps: Pick<AppDeps, 'db' | 'dialect' | 'config'>,
  input: SetupInput,
  options: { requestId: string | null; mustChangePassword: boolean },
): Promise<SetupOutcome> {
  // Checks that read no table, then a cheap refusal before the slow password hash.
  const division = await findDivision(input.division);
  if (!division) {
    throw validation(`区划代码“${input.division}”不在全国行政区划表中`, [
      { path: 'division', message: '区划代码不在全国行政区划表中，请从列表中选择省、市或县' },
    ]);
  }
  const keys = [...new Set(input.starterLists)];
  const unknown = keys.filter((k) => !STARTER_LISTS.some((s) => s.key === k));
  if (unknown.length) {
    throw validation(`没有这些常用台账：${unknown.join('、')}`, [{ path: 'starterLists', message: `没有这些常用台账：${unknown.join('、')}` }]);
  }
  assertPasswordAllowed(input.admin.password, deps.config, 'admin.password');
  if (await anyOrganisation(deps.db)) throw setupDone();
  const passwordHash = await hashPassword(input.admin.password);

  return deps.db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    try {
      await repo.claimSetup(trx, now);
    } catch (error) {
      if (isUniqueViolation(error)) throw setupDone();
      throw error;
    }
    // The demo, or organisations made before set-up existed, also close it.
    if (await anyOrganisation(trx)) throw setupDone();

    const level = division.level;
    // Nobody is signed in yet: the organisation is made by the system (its trail shows 系统).
    const org = await insertOrganisation(
      { db: trx, dialect: deps.dialect, actor: systemActor(), requestId: options.requestId },
      {
        parentId: null,
        name: input.name,
        shortName: input.shortName ?? null,
        level,
        divisionCode: division.code,
      },
    );
    const orgRow = (await findOrg(trx, org.id))!;
    await setHomeOrg(trx, org.id);

    const mustChange = options.mustChangePassword;
    const adminId = await usersRepo.insertUser(trx, {
      org_id: org.id,
      username: input.admin.username,
      display_name: input.admin.displayName,
      role: 'admin',
      section_id: null,
      phone: null,
      password_hash: passwordHash,
      must_change_password: mustChange ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    const admin: Ctx = {
      db: trx,
      dialect: deps.dialect,
      requestId: options.requestId,
      actor: {
        userId: adminId,
        username: input.admin.username,
        displayName: input.admin.displayName,
        role: 'admin',
        orgId: org.id,
        orgPath: orgRow.path,
        sectionId: null,
        via: 'token',
        sessionId: null,
      },
    };
    await recordChange(admin, {
      action: 'create',
      entityType: 'user',
      entityId: adminId,
      orgId: org.id,
      after: presentUser((await usersRepo.findUser(trx, [org.id], adminId))!),
    });

    // Every county has towns and villages, and so has a city without counties (hasPlaces).
    const places = division.hasPlaces ? await importDivisionPlaces(admin, org.id, division.code) : { towns: 0, villages: 0 };
    const lists = keys.length ? await createStarterLists(admin, keys) : [];
    const departments = input.departments ? await addDefaultDepartments(admin) : 0;

    const outcome: SetupOutcome = {
      org: { id: org.id, name: org.name, shortName: org.shortName, level, divisionCode: division.code, divisionName: division.fullName },
      towns: places.towns,
      villages: places.villages,
      lists: lists.map((l) => ({ key: l.key, name: l.name })),
      departments,
      admin: { id: adminId, username: input.admin.username, mustChangePassword: mustChange },
    };
    await recordChange(admin, {
      action: 'create',
      entityType: 'setup',
      entityId: org.id,
      orgId: org.id,
      after: {
        name: org.name,
        shortName: org.shortName,
        level,
        divisionCode: division.code,
        divisionName: division.fullName,
        towns: places.towns,
        villages: places.villages,
        lists: outcome.lists.map((l) => l.name),
        departments,
        username: input.admin.username,
      },
    });
    return outcome;
  });
}
