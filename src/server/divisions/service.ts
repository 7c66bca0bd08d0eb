import type { z } from 'zod';
import type { Division, ImportDivisionResult, importDivisionBodySchema } from '../../shared/divisions.js';
import { requireRole } from '../auth/actor.js';
import { type Ctx, inTransaction } from '../context.js';
import { notFound, validation } from '../http/errors.js';
import { findDivision, listDivisions } from './catalogue.js';
import { importDivisionPlaces } from './import-places.js';
import * as repo from './repo.js';

/** The provinces, or the entries under one (national data: anyone may read it, the set-up before any sign-in). */
export async function listDivisionChildren(parentCode: string | undefined): Promise<Division[]> {
  if (parentCode === undefined) return listDivisions();
  const parent = await findDivision(parentCode);
  if (!parent) throw notFound(`区划代码“${parentCode}”不在全国区划库中`);
  return listDivisions(parentCode);
}

/** The division the actor's organisation serves (the first 6 digits of its region code), or null. */
export async function ownDivision(ctx: Ctx): Promise<Division | null> {
  const regionCode = await repo.findOrgRegionCode(ctx.db, ctx.actor.orgId);
  return regionCode ? findDivision(regionCode.slice(0, 6)) : null;
}

/** 从区划库导入: an admin loads a county's towns and villages into the organisation's places; default its own division. */
export async function importPlaces(ctx: Ctx, body: z.infer<typeof importDivisionBodySchema>): Promise<ImportDivisionResult> {
  requireRole(ctx.actor, 'admin');
  let code = body.code;
  if (code === undefined) {
    const regionCode = await repo.findOrgRegionCode(ctx.db, ctx.actor.orgId);
    if (!regionCode) {
      const message = '本单位未设置行政区划，请选择要导入的县（区）';
      throw validation(message, [{ path: 'code', message }]);
    }
    code = regionCode.slice(0, 6);
  }
  const divisionCode = code;
  return inTransaction(ctx, (tx) => importDivisionPlaces(tx, ctx.actor.orgId, divisionCode));
}
