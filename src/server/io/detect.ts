import { AppError } from '../http/errors.js';
import { FILE_MESSAGES } from './messages.js';

/**
 * What an upload is, judged by its first bytes, never by its name (people rename files; WPS saves
 * .xls under .xlsx names). The name only picks the wording of a refusal.
 *
 * - xlsx: a zip (PK\x03\x04) whose first entry is not an OpenDocument `mimetype`.
 * - .xls and WPS .et: the OLE2 compound-file signature D0 CF 11 E0 A1 B1 1A E1. Refused with the
 *   way out (另存为 .xlsx): reading BIFF8 would need a second parser for a format Excel itself
 *   stopped writing by default in 2007. A password-protected .xlsx is also OLE2 (an encrypted
 *   package inside); it is refused with how to remove the password.
 * - csv: text. Encoding by BOM (UTF-8, UTF-16LE/BE, as Excel's “Unicode 文本” writes), otherwise
 *   UTF-8 when the sample decodes as strict UTF-8, otherwise GBK (what Excel and WPS on a Chinese
 *   Windows write for “CSV（逗号分隔）”). GBK bytes are almost never valid UTF-8: a GBK lead byte
 *   (0x81–0xFE) followed by a trail byte below 0x80 or a lead byte again breaks UTF-8's pattern
 *   within the first few characters, e.g. 科技 = BF C6 BC BC starts with a continuation byte.
 * - anything with NUL bytes and no UTF-16 BOM (PDF, images, .doc …) is refused.
 */
export type Upload = { kind: 'xlsx' } | { kind: 'csv'; encoding: TextEncoding; bomLength: number };

export type TextEncoding = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

/** How many leading bytes `detectUpload` wants to see; fewer is fine for a short file. */
export const DETECT_SAMPLE_BYTES = 64 * 1024;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function refuse(message: string, reason: string): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', message, { reason });
}

/** Decide what `sample` (the first bytes of the upload) is, or throw an UNSUPPORTED_MEDIA_TYPE AppError. */
export function detectUpload(sample: Uint8Array, fileName?: string): Upload {
  if (sample.length === 0) throw refuse(FILE_MESSAGES.empty, 'empty');
  if (startsWith(sample, OLE2)) {
    // A password-protected .xlsx is an OLE2 container too, holding an EncryptedPackage stream
    // (its directory entry names are UTF-16LE, usually within the first sectors).
    if (Buffer.from(sample).includes(ENCRYPTED_PACKAGE)) throw refuse(FILE_MESSAGES.encrypted, 'encrypted');
    const isEt = /\.et$/i.test(fileName ?? '');
    throw isEt ? refuse(FILE_MESSAGES.wpsEt, 'wps-et') : refuse(FILE_MESSAGES.legacyExcel, 'xls');
  }
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04])) {
    // Local file header: name length at 26, name at 30. OpenDocument puts `mimetype` first, stored.
    const nameLength = (sample[26] ?? 0) | ((sample[27] ?? 0) << 8);
    const name = Buffer.from(sample.subarray(30, 30 + nameLength)).toString('latin1');
    if (name === 'mimetype') throw refuse(FILE_MESSAGES.openDocument, 'ods');
    return { kind: 'xlsx' };
  }
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { kind: 'csv', encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { kind: 'csv', encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { kind: 'csv', encoding: 'utf-16be', bomLength: 2 };
  if (sample.includes(0)) throw refuse(FILE_MESSAGES.unknown, 'binary');
  try {
    // stream: true, so a character cut at the end of the sample is not taken for an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { kind: 'csv', encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { kind: 'csv', encoding: 'gbk', bomLength: 0 };
  }
}
