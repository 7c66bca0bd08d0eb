// Which uploads are accepted, decided by the bytes and (for Office files) the name's extension too.

export interface AcceptedType {
  mimeType: string;
  /** Extensions (lower case, no dot) a file of this type may carry; the first is used when the name has none. */
  extensions: string[];
}

const JPEG: AcceptedType = { mimeType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'png'] };
const PNG: AcceptedType = { mimeType: 'image/png', extensions: ['png', 'jpg', 'jpeg'] };
const PDF: AcceptedType = { mimeType: 'application/pdf', extensions: ['pdf'] };
const DOCX: AcceptedType = { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] };
const XLSX: AcceptedType = { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] };
const DOC: AcceptedType = { mimeType: 'application/msword', extensions: ['doc'] };
const XLS: AcceptedType = { mimeType: 'application/vnd.ms-excel', extensions: ['xls'] };

/** For the user: what may be uploaded. */
export const ACCEPTED_TYPES_LABEL = 'JPG/PNG 图片、PDF、Word(.doc/.docx)、Excel(.xls/.xlsx)';

function startsWith(content: Buffer, magic: number[]): boolean {
  return content.length >= magic.length && magic.every((byte, i) => content[i] === byte);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function has(content: Buffer, text: string, encoding: BufferEncoding = 'latin1'): boolean {
  return content.includes(Buffer.from(text, encoding));
}

/** The lower-case extension of a file name, without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return match ? match[1].toLowerCase() : '';
}

/**
 * The accepted type of these bytes, or null. Office files are containers (zip for .docx/.xlsx,
 * OLE for .doc/.xls) whose kind shows in the names of the parts inside, which are stored as plain
 * text: a zip's central directory, an OLE directory's UTF-16 stream names.
 */
export function detectType(content: Buffer, name: string): AcceptedType | null {
  if (startsWith(content, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  const ext = extensionOf(name);
  if (startsWith(content, ZIP_MAGIC) && has(content, '[Content_Types].xml')) {
    if (ext === 'docx' && has(content, 'word/')) return DOCX;
    if (ext === 'xlsx' && has(content, 'xl/')) return XLSX;
    return null;
  }
  if (startsWith(content, OLE_MAGIC)) {
    if (ext === 'doc' && has(content, 'WordDocument', 'utf16le')) return DOC;
    if (ext === 'xls' && (has(content, 'Workbook', 'utf16le') || has(content, 'Book', 'utf16le'))) return XLS;
    return null;
  }
  return null;
}

const ALL_EXTENSIONS = new Set([JPEG, PNG, PDF, DOCX, XLSX, DOC, XLS].flatMap((t) => t.extensions));

/**
 * A safe display name: no directories or control characters, at most `max` characters, and an
 * extension that fits the content: kept when it does, added when the name has none or an unrelated
 * one (`photo.html` → `photo.html.png`). Returns null when the name claims another accepted type
 * than the content has, e.g. a PNG named `report.pdf`, which the user should look at again.
 */
export function normaliseName(rawName: string, type: AcceptedType, max = 200): string | null {
  let name = rawName
    .replace(/^.*[\\/]/, '')
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim();
  let ext = extensionOf(name);
  if (ext && name === `.${ext}`) [name, ext] = ['', ''];
  if (ext && ALL_EXTENSIONS.has(ext) && !type.extensions.includes(ext)) return null;
  if (!type.extensions.includes(ext)) name = `${name || '附件'}.${type.extensions[0]}`;
  if (name.length > max) {
    const suffix = name.slice(name.lastIndexOf('.'));
    name = name.slice(0, max - suffix.length) + suffix;
  }
  return name;
}
