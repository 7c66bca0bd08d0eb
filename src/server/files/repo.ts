import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { deleteUnlessReferenced } from '../db/sql-helpers.js';

// Metadata queries never select `content`, so listing or checking a file does not read its bytes.
const META_COLUMNS = ['id', 'org_id', 'name', 'mime_type', 'size', 'sha256', 'uploaded_by', 'created_at'] as const;

export type FileMetaRow = NonNullable<Awaited<ReturnType<typeof findFileMeta>>>;

export function findFileMeta(db: Kysely<DB>, orgId: number, id: number) {
  return db.selectFrom('files').select(META_COLUMNS).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function readFileContent(db: Kysely<DB>, id: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('files').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content;
}

export function insertFile(
  db: Kysely<DB>,
  file: { orgId: number; name: string; mimeType: string; size: number; sha256: string; content: Buffer; uploadedBy: number },
): Promise<FileMetaRow> {
  return db
    .insertInto('files')
    .values({
      org_id: file.orgId,
      name: file.name,
      mime_type: file.mimeType,
      size: file.size,
      sha256: file.sha256,
      content: file.content,
      uploaded_by: file.uploadedBy,
      created_at: new Date().toISOString(),
    })
    .returning(META_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Deletes the file; 'referenced' (nothing deleted) when a ledger record still links to it. */
export function deleteFile(db: Kysely<DB>, id: number): Promise<'deleted' | 'referenced'> {
  return deleteUnlessReferenced(() => db.deleteFrom('files').where('id', '=', id).execute());
}
