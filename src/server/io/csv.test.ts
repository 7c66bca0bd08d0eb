import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from './csv.js';
import { detectUpload } from './detect.js';

async function records(text: string, chunkSize = text.length || 1): Promise<string[][]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const out: string[][] = [];
  for await (const record of parseCsv(chunks())) out.push(record);
  return out;
}

async function decoded(bytes: Uint8Array, encoding: 'utf-8' | 'gbk', chunkSize: number): Promise<string> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  let text = '';
  for await (const part of decodeText(chunks(), encoding)) text += part;
  return text;
}

describe('parseCsv', () => {
  const sample = '名称,备注\r\n"科技""三下乡""",  \r\n"多行\n说明","a,b"\n\n末行,x';
  const expected = [['名称', '备注'], ['科技"三下乡"', '  '], ['多行\n说明', 'a,b'], [], ['末行', 'x']];

  it('reads quotes, doubled quotes, line breaks in quotes and blank lines', async () => {
    expect(await records(sample)).toEqual(expected);
  });

  it('reads the same whatever the chunk boundaries', async () => {
    for (const size of [1, 2, 3, 7]) expect(await records(sample, size), `chunks of ${size}`).toEqual(expected);
  });

  it('keeps empty fields and takes tabs when the first line has more of them', async () => {
    expect(await records('a,,c\n,\n')).toEqual([
      ['a', '', 'c'],
      ['', ''],
    ]);
    expect(await records('名称\t经费\n科技,局\t1,200\n')).toEqual([
      ['名称', '经费'],
      ['科技,局', '1,200'],
    ]);
  });
});

describe('decoding', () => {
  // 科技 in GBK: BF C6 BC BC; 局 B4 E6 (known code points of GB 2312).
  const gbk = Uint8Array.from([0xbf, 0xc6, 0xbc, 0xbc, 0xbe, 0xd6, 0x2c, 0x31, 0x0a]);

  it('detects GBK and decodes it across chunk boundaries', async () => {
    expect(detectUpload(gbk)).toEqual({ kind: 'csv', encoding: 'gbk', bomLength: 0 });
    expect(await decoded(gbk, 'gbk', 1)).toBe('科技局,1\n');
  });

  it('drops the UTF-8 BOM and joins characters cut between chunks', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('科技,1\n')]);
    expect(detectUpload(bytes)).toEqual({ kind: 'csv', encoding: 'utf-8', bomLength: 3 });
    expect(await decoded(bytes, 'utf-8', 2)).toBe('科技,1\n');
  });

  it('refuses bytes that are not the detected encoding', async () => {
    const bad = new Uint8Array([...new TextEncoder().encode('科技,1\n'), 0xff, 0x0a]);
    await expect(decoded(bad, 'utf-8', 4)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
