import { api } from './api-client';

// Attachments (photos of a service, sign-in sheets, reports) are uploaded on their own first; a
// record then names them by id. Any ledger may attach files, so the upload lives here.

/** A stored file as records list it (the server's file meta without its hash and dates). */
export interface StoredFile {
  id: number;
  name: string;
  mimeType: string;
  size: number;
}

/** What the file input offers: photos (the phone camera included), PDF, Word and Excel; the server also takes .doc/.xls. */
export const ATTACHMENT_ACCEPT = 'image/*,.pdf,.docx,.xlsx';

/** Uploads one file (multipart field `file`). Too large (413) or another type (415) fail with the server's message. */
export function uploadFile(file: File | Blob, name?: string, signal?: AbortSignal): Promise<StoredFile> {
  const form = new FormData();
  if (name !== undefined) form.append('file', file, name);
  else form.append('file', file);
  return api.upload<StoredFile>('/files', form, { signal });
}

/** Where a stored file downloads from (the session cookie authorises it). */
export const fileUrl = (id: number) => `/api/files/${id}`;

export const isImage = (file: Pick<StoredFile, 'mimeType'>) => file.mimeType.startsWith('image/');

/** 1234567 → "1.2 MB", as file lists show sizes. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
