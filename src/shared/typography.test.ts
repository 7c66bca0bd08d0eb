import { describe, expect, it } from 'vitest';
import { isChineseChar, toChinesePunctuation, toChinesePunctuationMapped } from './typography.js';

const t = toChinesePunctuation;

describe('rule 1: sentence marks next to Chinese text', () => {
  it('writes , ; : ? ! full-width where Chinese text is on either side', () => {
    expect(t('我局,积极寻找')).toBe('我局，积极寻找');
    expect(t('共计1.5万余份;展出展板80余块')).toBe('共计1.5万余份；展出展板80余块');
    expect(t('现将工作情况汇报如下:')).toBe('现将工作情况汇报如下：');
    expect(t('使用Excel,提高效率')).toBe('使用Excel，提高效率');
    expect(t('真的吗?!')).toBe('真的吗？！');
    expect(t('好!')).toBe('好！');
  });

  it('counts a mark already changed, a curly quote or a closing bracket as Chinese', () => {
    expect(t('开展"三送",成效明显')).toBe('开展“三送”，成效明显');
    expect(t('乡(镇),企业')).toBe('乡（镇），企业');
    expect(t('“科技活动周”,')).toBe('“科技活动周”，');
  });
});

describe('rule 2: brackets', () => {
  it('changes a pair holding or touching Chinese text', () => {
    expect(t('深入乡(镇)、企业')).toBe('深入乡（镇）、企业');
    expect(t('(1)加强管理')).toBe('（1）加强管理');
    expect(t('版本(v1.2)')).toBe('版本（v1.2）');
    expect(t('GDP(亿元)')).toBe('GDP（亿元）');
    expect(t('市级项目3项(工业2项、农业1项),县级项目1项')).toBe('市级项目3项（工业2项、农业1项），县级项目1项');
  });

  it('completes a pair whose other bracket is full-width, and changes a lone bracket by its neighbours', () => {
    expect(t('乡（镇)')).toBe('乡（镇）');
    expect(t('乡(镇）')).toBe('乡（镇）');
    expect(t('见附件)')).toBe('见附件）');
    expect(t('x) y')).toBe('x) y');
  });

  it('handles nesting', () => {
    expect(t('项目(含(子)项目)')).toBe('项目（含（子）项目）');
  });
});

describe('rule 3: quotation marks', () => {
  it('pairs straight quotes and writes them “…” around Chinese text, keeping them', () => {
    expect(t('开展"三送"工作')).toBe('开展“三送”工作');
    expect(t('"科技富民强县"项目')).toBe('“科技富民强县”项目');
    expect(t('"科技三下乡"、"科技活动周"')).toBe('“科技三下乡”、“科技活动周”');
    expect(t('以"科技下乡,为民服务"为主题')).toBe('以“科技下乡，为民服务”为主题');
  });

  it('closes an open “ with a straight quote, and leaves Latin quotes, apostrophes and a lone quote', () => {
    expect(t('“三送"工作')).toBe('“三送”工作');
    expect(t('"三送”工作')).toBe('“三送”工作');
    expect(t('He said "hi" to me')).toBe('He said "hi" to me');
    expect(t("it's 科技局's")).toBe("it's 科技局's");
    expect(t('英寸"')).toBe('英寸"');
  });

  it('keeps the curly quotes people typed', () => {
    expect(t('“四风”突出问题')).toBe('“四风”突出问题');
  });
});

describe('rule 4: spaces next to a mark that changed', () => {
  it('drops them, but not line breaks or indentation', () => {
    expect(t('工作 , 成效')).toBe('工作，成效');
    expect(t('时间: 10:30')).toBe('时间：10:30');
    expect(t('版本 (v1.2)')).toBe('版本（v1.2）');
    expect(t('提高效率, Word更好')).toBe('提高效率，Word更好');
    expect(t('  (一)加强管理')).toBe('  （一）加强管理');
    expect(t('第一段,\n第二段')).toBe('第一段，\n第二段');
  });
});

describe('rule 5: numbers, dates and codes', () => {
  it('keeps marks between digits', () => {
    expect(t('共计1,234份')).toBe('共计1,234份');
    expect(t('上午10:30召开')).toBe('上午10:30召开');
    expect(t('比例为3:2')).toBe('比例为3:2');
    expect(t('1,234.5元,其中')).toBe('1,234.5元，其中');
  });

  it('leaves dates, decimals and codes alone, and writes the mark after them Chinese', () => {
    expect(t('2014-06-30,我局')).toBe('2014-06-30，我局');
    expect(t('增长3.5%,')).toBe('增长3.5%,');
    expect(t('信用代码:91360724MA35XXXX1A')).toBe('信用代码：91360724MA35XXXX1A');
    expect(t('代码360724198001011234,身份')).toBe('代码360724198001011234，身份');
  });
});

describe('rule 6: URLs, e-mail addresses and file names', () => {
  it("keeps a URL whole, and the punctuation after it is the sentence's", () => {
    expect(t('见https://kjj.example.gov.cn/a?b=1,2')).toBe('见https://kjj.example.gov.cn/a?b=1,2');
    expect(t('网址http://example.cn/x,请查阅')).toBe('网址http://example.cn/x，请查阅');
    expect(t('见www.example.cn/(a),谢谢')).toBe('见www.example.cn/(a)，谢谢');
  });

  it('keeps e-mail addresses and file names, brackets in them included', () => {
    expect(t('邮箱:kjj@example.cn,电话')).toBe('邮箱：kjj@example.cn，电话');
    expect(t('请查阅新建文档(2).docx')).toBe('请查阅新建文档(2).docx');
    expect(t('附件(总结(2).docx),请审阅')).toBe('附件（总结(2).docx），请审阅');
    expect(t('表格:统计(终稿).xlsx')).toBe('表格：统计(终稿).xlsx');
  });
});

describe('rule 7: Latin-only text', () => {
  it('keeps marks with no Chinese on either side', () => {
    expect(t('Hello, world: yes (really)!')).toBe('Hello, world: yes (really)!');
    expect(t('Windows (64-bit)')).toBe('Windows (64-bit)');
    expect(t('C:\\Users')).toBe('C:\\Users');
    expect(t('Excel, Word和PPT')).toBe('Excel, Word和PPT');
    expect(t('')).toBe('');
  });
});

describe('rule 8 and idempotence', () => {
  it('never changes the period, and a second pass changes nothing', () => {
    expect(t('完成.')).toBe('完成.');
    const once = t('开展"三送"活动,深入乡(镇):发放资料1,234份;见https://a.cn/?q=1,2 (附件a(1).docx)!');
    expect(once).toBe('开展“三送”活动，深入乡（镇）：发放资料1,234份；见https://a.cn/?q=1,2（附件a(1).docx）！');
    expect(t(once)).toBe(once);
  });
});

describe('the position map', () => {
  it('maps spans of the input onto the output, spaces dropped included', () => {
    const input = '组织{x} , 共{y}(含 {z})';
    const { text, map } = toChinesePunctuationMapped(input);
    expect(text).toBe('组织{x}，共{y}（含 {z}）');
    const span = (s: string) => text.slice(map[input.indexOf(s)], map[input.indexOf(s) + s.length]);
    expect(span('{x}')).toBe('{x}');
    expect(span('{y}')).toBe('{y}');
    expect(span('{z}')).toBe('{z}');
    expect(map[input.length]).toBe(text.length);
  });

  it('counts characters beyond the BMP by their UTF-16 units', () => {
    const input = '𠀀,a';
    const { text, map } = toChinesePunctuationMapped(input);
    expect(text).toBe('𠀀，a');
    expect(map).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('isChineseChar', () => {
  it('knows Han, CJK punctuation, full-width forms and curly quotes', () => {
    for (const ch of ['科', '、', '。', '，', '（', '“', '”', '…', '—', '𠀀']) expect(isChineseChar(ch)).toBe(true);
    for (const ch of ['a', '1', ',', '(', '"', ' ', undefined]) expect(isChineseChar(ch)).toBe(false);
  });
});
