import type { z } from 'zod';
import type { Page } from '../../shared/common.js';
import type { Role } from '../../shared/roles.js';
import type { User, UserOption, createUserBodySchema, listUsersQuerySchema, updateUserBodySchema } from '../../shared/users.js';
import { type Actor, assertLedgerReader } from '../auth/actor.js';
import { assertAllowed, managesUsers, userListPolicies, userPolicies } from '../auth/policies.js';
import { assertPasswordAllowed, hashPassword } from '../auth/password.js';
import * as authRepo from '../auth/repo.js';
import { recordChange } from '../audit/service.js';
import type { AppConfig } from '../config.js';
import { type Ctx, inTransaction } from '../context.js';
import { conflict, notFound, validation } from '../http/errors.js';
import * as orgRepo from '../orgs/repo.js';
import * as repo from './repo.js';

type UserRowView = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;

/** The account as the audit trail keeps it (the CLI and set-up use it too); `present` adds what the viewer may do. */
export function presentUser(row: UserRowView): Omit<User, 'policies'> {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    sectionId: row.section_id,
    sectionName: row.section_name ?? null,
    phone: row.phone,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until && row.locked_until > new Date().toISOString() ? row.locked_until : null,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

function present(row: UserRowView, actor: Actor): User {
  return { ...presentUser(row), policies: userPolicies(actor) };
}

/** Organisations whose accounts an admin manages: their own and those below it. */
async function managedOrgs(ctx: Ctx) {
  assertAllowed(managesUsers(ctx.actor));
  return orgRepo.listSubtree(ctx.db, ctx.actor.orgPath);
}

async function managedOrgIds(ctx: Ctx): Promise<number[]> {
  return (await managedOrgs(ctx)).map((o) => o.id);
}

async function getManagedUser(ctx: Ctx, id: number): Promise<UserRowView> {
  const row = await repo.findUser(ctx.db, await managedOrgIds(ctx), id);
  if (!row) throw notFound('用户不存在');
  return row;
}

async function checkSection(ctx: Ctx, orgId: number, sectionId: number | null): Promise<void> {
  if (sectionId !== null && !(await orgRepo.findSection(ctx.db, orgId, sectionId))) {
    throw validation('所选股室不属于该单位', [{ path: 'sectionId', message: '股室不存在' }]);
  }
}

export async function listUsers(ctx: Ctx, query: z.infer<typeof listUsersQuerySchema>): Promise<Page<User>> {
  let orgIds = await managedOrgIds(ctx);
  if (query.orgId !== undefined) orgIds = orgIds.filter((id) => id === query.orgId);
  // An organisation the admin does not manage: nothing (an empty `in ()` is an error on PostgreSQL).
  if (!orgIds.length) return { items: [], total: 0, page: query.page, pageSize: query.pageSize, policies: userListPolicies(ctx.actor) };
  const { rows, total } = await repo.listUsers(
    ctx.db,
    ctx.dialect,
    { orgIds, q: query.q, role: query.role, sectionId: query.sectionId },
    query.page,
    query.pageSize,
  );
  return { items: rows.map((r) => present(r, ctx.actor)), total, page: query.page, pageSize: query.pageSize, policies: userListPolicies(ctx.actor) };
}

export async function getUser(ctx: Ctx, id: number): Promise<User> {
  return present(await getManagedUser(ctx, id), ctx.actor);
}

export async function createUser(ctx: Ctx, config: AppConfig, input: z.infer<typeof createUserBodySchema>): Promise<User> {
  const orgId = input.orgId ?? ctx.actor.orgId;
  const org = (await managedOrgs(ctx)).find((o) => o.id === orgId);
  if (!org) throw notFound('单位不存在');
  if (await orgRepo.isPathBlocked(ctx.db, org.path)) {
    throw conflict(`单位“${org.name}”已停用，不能为其新建账号`, [{ path: 'orgId', message: '所选单位已停用' }]);
  }
  assertPasswordAllowed(input.password, config, 'password');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    await checkSection(tx, orgId, input.sectionId);
    if (await repo.usernameTaken(tx.db, input.username)) {
      throw conflict(`用户名"${input.username}"已被使用`, [{ path: 'username', message: '用户名已被使用' }]);
    }
    const now = new Date().toISOString();
    const id = await repo.insertUser(tx.db, {
      org_id: orgId,
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      section_id: input.sectionId,
      phone: input.phone,
      password_hash: passwordHash,
      must_change_password: 1,
      created_at: now,
      updated_at: now,
    });
    const user = present((await repo.findUser(tx.db, [orgId], id))!, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'user', entityId: id, orgId, after: user });
    return user;
  });
}

export async function updateUser(ctx: Ctx, id: number, input: z.infer<typeof updateUserBodySchema>): Promise<User> {
  return inTransaction(ctx, async (tx) => {
    const before = await getManagedUser(tx, id);
    if (id === ctx.actor.userId) {
      if (input.disabled) throw conflict('不能停用自己的账号');
      if (input.role && input.role !== 'admin') throw conflict('不能取消自己的管理员角色');
    }
    if (input.sectionId !== undefined) await checkSection(tx, before.org_id, input.sectionId);
    const wanted = {
      display_name: input.displayName,
      role: input.role,
      section_id: input.sectionId,
      phone: input.phone,
      disabled: input.disabled === undefined ? undefined : input.disabled ? 1 : 0,
    };
    // Only what differs is written: a save that changes nothing leaves the record (and the audit) alone.
    const changed = Object.fromEntries(
      Object.entries(wanted).filter(([column, value]) => value !== undefined && value !== before[column as keyof typeof before]),
    );
    if (Object.keys(changed).length === 0) return present(before, ctx.actor);
    await repo.updateUser(tx.db, id, { ...changed, updated_at: new Date().toISOString() });
    if (input.disabled) await authRepo.deleteUserSessions(tx.db, id);
    const after = present((await repo.findUser(tx.db, [before.org_id], id))!, ctx.actor);
    await recordChange(tx, { action: 'update', entityType: 'user', entityId: id, orgId: before.org_id, before: presentUser(before), after });
    return after;
  });
}

/**
 * An admin sets a new password: it unlocks the account, ends its sessions, revokes its API tokens,
 * and must be changed at next login (unless the admin reset their own).
 */
export async function resetPassword(ctx: Ctx, config: AppConfig, id: number, newPassword: string): Promise<void> {
  await getManagedUser(ctx, id);
  assertPasswordAllowed(newPassword, config, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (tx) => {
    const user = await getManagedUser(tx, id);
    const now = new Date().toISOString();
    await authRepo.setPassword(tx.db, id, passwordHash, id !== ctx.actor.userId);
    await authRepo.deleteUserSessions(tx.db, id, id === ctx.actor.userId ? ctx.actor.sessionId : null);
    const revokedTokens = await authRepo.revokeUserTokens(tx.db, id, now);
    await recordChange(tx, {
      action: 'update',
      entityType: 'user',
      entityId: id,
      orgId: user.org_id,
      before: { password: '(已重置)', lockedUntil: user.locked_until },
      after: { passwordResetAt: now, lockedUntil: null, revokedTokens },
    });
  });
}

/** People of the actor's organisation to pick from (responsible staff, visit members, filters); not for commissioners. */
export async function listUserOptions(ctx: Ctx): Promise<UserOption[]> {
  assertLedgerReader(ctx.actor);
  const rows = await repo.listUserOptions(ctx.db, ctx.actor.orgId);
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    role: r.role as Role,
    sectionName: r.section_name ?? null,
    disabled: r.disabled === 1,
  }));
}
