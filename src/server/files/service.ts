import { createHash } from 'node:crypto';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { assertAllowed, filePolicies } from '../auth/policies.js';
import { AppError, conflict, notFound, validation } from '../http/errors.js';
import { ACCEPTED_TYPES_LABEL, detectType, normaliseName } from './file-types.js';
import * as repo from './repo.js';
import type { FileMeta } from './schema.js';

const policiesOf = (actor: Actor, row: repo.FileMetaRow) => filePolicies(actor, { orgId: row.org_id, uploadedBy: row.uploaded_by });

export function presentFile(row: repo.FileMetaRow, actor: Actor): FileMeta {
  return {
    id: row.id,
    name: row.name,
    mimeType: row.mime_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
    policies: policiesOf(actor, row),
  };
}

/** A file the actor may see: any of their organisation's, except that commissioners see only their own uploads. */
function isVisible(ctx: Ctx, row: repo.FileMetaRow): boolean {
  return row.org_id === ctx.actor.orgId && (ctx.actor.role !== 'commissioner' || row.uploaded_by === ctx.actor.userId);
}

async function getVisibleFile(ctx: Ctx, id: number): Promise<repo.FileMetaRow> {
  const row = await repo.findFileMeta(ctx.db, ctx.actor.orgId, id);
  if (!row || !isVisible(ctx, row)) throw notFound('附件不存在');
  return row;
}

/** Stores an upload after checking its type by content; any signed-in user may upload. */
export async function uploadFile(ctx: Ctx, upload: { name: string; content: Buffer }): Promise<FileMeta> {
  if (upload.content.length === 0) throw validation('上传的文件是空的', [{ path: 'file', message: '文件为空' }]);
  const type = detectType(upload.content, upload.name);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持此文件类型,只能上传${ACCEPTED_TYPES_LABEL}`);
  const name = normaliseName(upload.name, type);
  if (!name) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件"${upload.name}"的扩展名与内容不符,请确认后重新上传`);
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  return inTransaction(ctx, async (tx) => {
    const row = await repo.insertFile(tx.db, {
      orgId: ctx.actor.orgId,
      name,
      mimeType: type.mimeType,
      size: upload.content.length,
      sha256,
      content: upload.content,
      uploadedBy: ctx.actor.userId,
    });
    const presented = presentFile(row, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'file', entityId: row.id, orgId: row.org_id, after: presented });
    return presented;
  });
}

/** A file the actor may see, or undefined; for ledgers that link a record to an uploaded file. */
export async function findFile(ctx: Ctx, id: number): Promise<FileMeta | undefined> {
  const row = await repo.findFileMeta(ctx.db, ctx.actor.orgId, id);
  return row && isVisible(ctx, row) ? presentFile(row, ctx.actor) : undefined;
}

export async function getFileMeta(ctx: Ctx, id: number): Promise<FileMeta> {
  return presentFile(await getVisibleFile(ctx, id), ctx.actor);
}

/** The file's metadata and bytes, for download. */
export async function readFile(ctx: Ctx, id: number): Promise<{ meta: FileMeta; content: Buffer }> {
  const row = await getVisibleFile(ctx, id);
  const content = await repo.readFileContent(ctx.db, id);
  if (!content) throw notFound('附件不存在');
  return { meta: presentFile(row, ctx.actor), content: Buffer.from(content) };
}

/** The uploader, or an admin or leader of the organisation, may delete a file. */
export async function deleteFile(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await getVisibleFile(tx, id);
    assertAllowed(policiesOf(ctx.actor, row).delete, '只有上传者或管理员、局领导可以删除附件');
    if ((await repo.deleteFile(tx.db, id)) === 'referenced') throw conflict(`附件"${row.name}"仍被台账记录引用,不能删除`);
    await recordChange(tx, { action: 'delete', entityType: 'file', entityId: id, orgId: row.org_id, before: presentFile(row, ctx.actor) });
  });
}
