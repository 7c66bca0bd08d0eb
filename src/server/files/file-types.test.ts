import { describe, expect, it } from 'vitest';
import { detectType, extensionOf, normaliseName } from './file-types.js';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const ooxml = (part: string) => Buffer.concat([ZIP, Buffer.from(`..[Content_Types].xml..${part}..`)]);
const ole = (stream: string) => Buffer.concat([OLE, Buffer.alloc(32), Buffer.from(stream, 'utf16le')]);

describe('detectType', () => {
  it('knows images and PDF by their first bytes, whatever the name', () => {
    expect(detectType(JPEG, 'a.jpg')?.mimeType).toBe('image/jpeg');
    expect(detectType(PNG, 'whatever')?.mimeType).toBe('image/png');
    expect(detectType(Buffer.from('%PDF-1.7\n'), 'x.pdf')?.mimeType).toBe('application/pdf');
  });

  it('tells .docx from .xlsx by the parts inside and the extension', () => {
    expect(detectType(ooxml('word/document.xml'), '总结.docx')?.extensions).toEqual(['docx']);
    expect(detectType(ooxml('xl/workbook.xml'), '台账.XLSX')?.extensions).toEqual(['xlsx']);
    expect(detectType(ooxml('xl/workbook.xml'), '台账.docx')).toBeNull();
    expect(detectType(ooxml('word/document.xml'), 'archive.zip')).toBeNull();
    expect(detectType(Buffer.concat([ZIP, Buffer.from('word/')]), 'plain.docx')).toBeNull();
  });

  it('tells .doc from .xls by the OLE stream names and the extension', () => {
    expect(detectType(ole('WordDocument'), '通知.doc')?.mimeType).toBe('application/msword');
    expect(detectType(ole('Workbook'), '报表.xls')?.mimeType).toBe('application/vnd.ms-excel');
    expect(detectType(ole('Workbook'), '报表.doc')).toBeNull();
    expect(detectType(ole('PowerPoint Document'), 'slides.ppt')).toBeNull();
  });

  it('refuses everything else', () => {
    for (const content of [Buffer.from('hello'), Buffer.from('<html>'), Buffer.from('MZ'), Buffer.alloc(0), Buffer.from([0xff, 0xd8])]) {
      expect(detectType(content, 'x.png')).toBeNull();
    }
  });
});

describe('normaliseName', () => {
  const png = detectType(PNG, '')!;
  const pdf = detectType(Buffer.from('%PDF-'), '')!;

  it('keeps a fitting name and strips directories and control characters', () => {
    expect(normaliseName('C:\\fakepath\\现场照片.png', png)).toBe('现场照片.png');
    expect(normaliseName('a/b/"x"\u0007.PNG', png)).toBe('x.PNG');
    expect(normaliseName('photo.jpg', png)).toBe('photo.jpg');
  });

  it('adds the extension when the name has none or an unrelated one', () => {
    expect(normaliseName('image', png)).toBe('image.png');
    expect(normaliseName('', pdf)).toBe('附件.pdf');
    expect(normaliseName('.pdf', pdf)).toBe('附件.pdf');
    expect(normaliseName('photo.html', png)).toBe('photo.html.png');
  });

  it('refuses a name that claims another accepted type', () => {
    expect(normaliseName('报告.pdf', png)).toBeNull();
    expect(normaliseName('表.xlsx', pdf)).toBeNull();
  });

  it('shortens long names and keeps the extension', () => {
    const name = normaliseName(`${'长'.repeat(300)}.pdf`, pdf)!;
    expect(name.length).toBe(200);
    expect(name.endsWith('长.pdf')).toBe(true);
  });

  it('reads extensions case-insensitively', () => {
    expect(extensionOf('A.DocX')).toBe('docx');
    expect(extensionOf('noext')).toBe('');
  });
});
