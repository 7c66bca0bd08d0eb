import { AppError } from '../http/errors.js';
import type { TextEncoding } from './detect.js';
import { FILE_MESSAGES } from './messages.js';

/**
 * Bytes of a CSV file decoded as they stream in. TextDecoder keeps a character cut between two
 * chunks for the next one (stream: true), drops the BOM, and with `fatal` refuses a byte sequence
 * that is not the detected encoding instead of printing � into a ledger.
 */
export async function* decodeText(bytes: AsyncIterable<Uint8Array>, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError) throw new AppError('UNSUPPORTED_MEDIA_TYPE', FILE_MESSAGES.badEncoding, { reason: 'encoding' });
    throw error;
  }
}

/** Comma, or tab when the first line has more tabs than commas (Excel's “Unicode 文本”). */
function pickDelimiter(firstText: string): string {
  const end = firstText.indexOf('\n');
  const line = end < 0 ? firstText : firstText.slice(0, end);
  let commas = 0;
  let tabs = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 44) commas++;
    else if (c === 9) tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/**
 * RFC 4180 records from decoded text: fields in double quotes may hold the delimiter, line breaks
 * and doubled quotes (""); a quote inside an unquoted field is kept as written; CRLF, LF and a lone
 * CR all end a record. A blank line is an empty record, so record numbers match the rows Excel shows
 * when it opens the file (a quoted line break stays inside its record, as in Excel).
 */
export async function* parseCsv(texts: AsyncIterable<string>): AsyncGenerator<string[]> {
  let delimiter = '';
  let fields: string[] = [];
  let field = '';
  let fieldStarted = false; // something (even "") was read for the current field
  let inQuotes = false;
  let quoteInQuotes = false; // saw " inside quotes: a doubled quote or the closing one
  let afterCR = false;

  for await (const text of texts) {
    if (!delimiter) delimiter = pickDelimiter(text);
    const d = delimiter.charCodeAt(0);
    let i = 0;
    let segment = 0; // start of the run of ordinary characters not yet added to `field`
    const records: string[][] = [];
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (quoteInQuotes) {
          quoteInQuotes = false;
          if (c === 34) {
            field += '"';
            i++;
            segment = i;
            continue;
          }
          inQuotes = false; // the quote closed the field; read c as outside quotes
          segment = i;
        } else if (c === 34) {
          field += text.slice(segment, i);
          quoteInQuotes = true;
          i++;
          segment = i;
          continue;
        } else {
          i++;
          continue;
        }
      }
      if (afterCR) {
        afterCR = false;
        if (c === 10) {
          i++;
          segment = i;
          continue;
        }
      }
      if (c === 34 && !fieldStarted && segment === i && field === '') {
        inQuotes = true;
        fieldStarted = true;
        i++;
        segment = i;
      } else if (c === d) {
        fields.push(field + text.slice(segment, i));
        field = '';
        fieldStarted = false;
        i++;
        segment = i;
      } else if (c === 10 || c === 13) {
        const last = field + text.slice(segment, i);
        if (fields.length > 0 || fieldStarted || last !== '') fields.push(last);
        records.push(fields);
        fields = [];
        field = '';
        fieldStarted = false;
        afterCR = c === 13;
        i++;
        segment = i;
      } else {
        fieldStarted = true;
        i++;
      }
    }
    field += text.slice(segment);
    for (const record of records) yield record;
  }
  if (fields.length > 0 || fieldStarted || field !== '') {
    fields.push(field);
    yield fields;
  }
}
