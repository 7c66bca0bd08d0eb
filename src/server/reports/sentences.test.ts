import { describe, expect, it } from 'vitest';
import type { FigureRef, Paragraph } from '../../shared/reports.js';
import { mergeParagraph, splitParagraph, splitText } from './sentences.js';

const fig = (factKey: string, text: string, start?: number): FigureRef => ({
  id: factKey,
  factKey,
  text,
  exactText: text,
  value: 0,
  recordType: 'event',
  ids: [],
  previous: null,
  ...(start === undefined ? {} : { start }),
});

/** A paragraph with each figure's start where its text first stands. */
function para(text: string, ...figures: [string, string][]): Paragraph {
  return { key: 's.1', text, figures: figures.map(([k, t]) => fig(k, t, text.indexOf(t))) };
}

describe('a paragraph cut into sentences', () => {
  it('cuts enumerated items and plain sentences after their marks, quotes kept whole', () => {
    expect(splitText('全年工作扎实。一是开展活动2次；二是发放资料100份；三是组织“科技周。活动”。').map((s) => s.text)).toEqual([
      '全年工作扎实。',
      '一是开展活动2次；',
      '二是发放资料100份；',
      '三是组织“科技周。活动”。',
    ]);
    expect(splitText('开展活动2次，发放资料100份').map((s) => s.text)).toEqual(['开展活动2次，发放资料100份']);
    expect(splitText('')).toEqual([]);
  });

  it('places each figure in its sentence, its start relative to the sentence (7人 not inside 17人)', () => {
    const s = splitParagraph({ text: '一是培训17人；二是其中女性7人。', figures: [fig('a', '17人'), fig('b', '7人')] });
    expect(s.map((x) => x.figures.map((f) => [f.factKey, f.start]))).toEqual([[['a', 4]], [['b', 6]]]);
  });
});

describe('a paragraph merged sentence by sentence', () => {
  const baseline = para('一是开展活动1次；二是发放资料100份。', ['count', '1次'], ['materials', '100份']);
  const fresh = para('一是开展活动2次；二是发放资料250份。', ['count', '2次'], ['materials', '250份']);

  it('updates a sentence still as drafted and keeps one a person edited, paired by place', () => {
    const current = para('一是开展活动1次；二是向农户发放资料100份。', ['count', '1次'], ['materials', '100份']);
    const merged = mergeParagraph(current, baseline, fresh)!;
    expect(merged.paragraph.text).toBe('一是开展活动2次；二是向农户发放资料100份。');
    expect(merged.kept).toEqual([{ index: 1, text: '二是向农户发放资料100份。', draft: '二是发放资料250份。', factKeys: ['materials'] }]);
    for (const f of merged.paragraph.figures) expect(merged.paragraph.text.slice(f.start, f.start! + f.text.length)).toBe(f.text);
  });

  it('pairs by facts when the data drops a sentence, renumbering the enumeration', () => {
    const current = para('一是开展活动1次；二是向农户发放资料100份。', ['count', '1次'], ['materials', '100份']);
    const dropped = para('发放资料250份。', ['materials', '250份']);
    const merged = mergeParagraph(current, baseline, dropped)!;
    expect(merged.paragraph.text).toBe('二是向农户发放资料100份。');
    expect(merged.kept[0].draft).toBe('发放资料250份。');
  });

  it('pairs by facts when the data adds a sentence, and renumbers', () => {
    const current = para('一是开展活动1次；二是向农户发放资料100份。', ['count', '1次'], ['materials', '100份']);
    const three = para('一是开展活动2次；二是展出展板5块；三是发放资料250份。', ['count', '2次'], ['boards', '5块'], ['materials', '250份']);
    const merged = mergeParagraph(current, baseline, three)!;
    expect(merged.paragraph.text).toBe('一是开展活动2次；二是展出展板5块；三是向农户发放资料100份。');
    expect(merged.kept).toEqual([expect.objectContaining({ index: 2, text: '三是向农户发放资料100份。', draft: '三是发放资料250份。' })]);
    for (const f of merged.paragraph.figures) expect(merged.paragraph.text.slice(f.start, f.start! + f.text.length)).toBe(f.text);
  });

  it('keeps a sentence a person put in place of a drafted one, the fresh one shown beside it', () => {
    const current = para('一是开展活动1次；群众反响好。', ['count', '1次']);
    const merged = mergeParagraph(current, baseline, fresh)!;
    expect(merged.paragraph.text).toBe('一是开展活动2次；群众反响好。');
    expect(merged.kept).toEqual([expect.objectContaining({ index: 1, text: '群众反响好。', draft: '二是发放资料250份。' })]);
  });

  it('leaves out a sentence the person deleted and keeps one they added (sentences paired by facts)', () => {
    const current = para('一是开展活动1次；群众反响好。活动还将继续。', ['count', '1次']);
    const merged = mergeParagraph(current, baseline, fresh)!;
    expect(merged.paragraph.text).toBe('一是开展活动2次；群众反响好。活动还将继续。');
    expect(merged.kept.map((k) => [k.index, k.draft])).toEqual([
      [1, null],
      [2, null],
    ]);
  });

  it('gives up when the sentences cannot be told apart (two state the same fact)', () => {
    const twice = para('一是开展活动1次；二是又开展活动1次；三是发放资料100份。', ['count', '1次'], ['materials', '100份']);
    twice.figures.splice(1, 0, fig('count', '1次', twice.text.indexOf('1次', 6)));
    const current = { ...twice, text: twice.text.replace('又', '再') };
    expect(mergeParagraph(current, twice, fresh)).toBeNull();
  });
});
