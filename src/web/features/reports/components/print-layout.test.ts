import { describe, expect, it } from 'vitest';
import type { DraftDoc } from '../../../../shared/reports.js';
import { chinaDay, officialDate, printLayout } from './print-layout';

const doc: DraftDoc = {
  title: '某县科技局2020年上半年工作总结',
  opening: { key: 'opening', text: '现将上半年工作汇报如下：', figures: [] },
  sections: [
    { key: 'outreach', heading: '一、科技宣传', paragraphs: [{ key: 'outreach.1', text: '开展活动5次。\n发放资料1.5万余份。', figures: [] }] },
    {
      key: 'plan',
      heading: '二、下半年工作计划',
      paragraphs: [
        { key: 'plan.1', text: '一、抓好项目申报。认真组织申报。', figures: [] },
        { key: 'plan.2', text: '二、做好科技服务\u0001。', figures: [] },
      ],
    },
  ],
};

describe('the print layout of the summary', () => {
  it('lays the text out as the Word file does: headings by level, plan items as (一) with their heading in 楷体, lines as paragraphs', () => {
    const layout = printLayout(doc, '某县科技局', '2020-07-05');
    expect(layout.titleLines).toEqual(['某县科技局2020年上半年工作总结']);
    expect(layout.blocks).toEqual([
      { kind: 'paragraph', text: '现将上半年工作汇报如下：', lead: null },
      { kind: 'heading', text: '一、科技宣传', level: 1 },
      { kind: 'paragraph', text: '开展活动5次。', lead: null },
      { kind: 'paragraph', text: '发放资料1.5万余份。', lead: null },
      { kind: 'heading', text: '二、下半年工作计划', level: 1 },
      { kind: 'paragraph', text: '认真组织申报。', lead: '（一）抓好项目申报。' },
      { kind: 'paragraph', text: '', lead: '（二）做好科技服务。' },
    ]);
    expect(layout.keepLastWhole).toBe(true);
  });

  it('signs two characters from the edge, the date starting two characters right of the organisation', () => {
    // 5 characters of organisation, 6 of date (digits count half): the date keeps two characters
    // from the edge and starts 8 in; the organisation moves left to start at 10.
    expect(printLayout(doc, '某县科技局', '2020-07-05').signature).toEqual([
      { text: '某县科技局', right: 5 },
      { text: '2020年7月5日', right: 2 },
    ]);
    expect(printLayout(doc, '某某某某某某某某某某某某县科学技术局', '2020-12-25').signature).toEqual([
      { text: '某某某某某某某某某某某某县科学技术局', right: 2 },
      { text: '2020年12月25日', right: 11 },
    ]);
    expect(printLayout(doc, '', '2020-07-05').signature).toEqual([{ text: '2020年7月5日', right: 2 }]);
  });

  it('names an appendix under the text (附件：…) and gives its table; none without one', () => {
    expect(printLayout(doc, '某县科技局', '2020-07-05').appendix).toBeNull();
    const appendix = {
      title: '2020年上半年各县（市、区）科技工作主要数据',
      columns: ['单位', '申报项目（项）'],
      rows: [
        ['甲县', '2'],
        ['合计\u0001', '2'],
      ],
    };
    const layout = printLayout({ ...doc, appendix }, '某市科技局', '2020-07-05');
    expect(layout.appendix).toEqual({
      note: `附件：${appendix.title}`,
      table: {
        ...appendix,
        rows: [
          ['甲县', '2'],
          ['合计', '2'],
        ],
      },
    });
    expect(printLayout({ ...doc, appendix: null }, '某市科技局', '2020-07-05').appendix).toBeNull();
  });

  it('writes dates as officials do and takes a version’s day in China', () => {
    expect(officialDate('2014-07-05')).toBe('2014年7月5日');
    expect(chinaDay('2014-07-04T16:30:00.000Z')).toBe('2014-07-05');
    expect(chinaDay('2014-07-04T15:59:59.000Z')).toBe('2014-07-04');
  });
});
