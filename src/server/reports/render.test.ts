import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftDoc, Paragraph } from '../../shared/reports.js';
import { CHAR_SPACE, CHAR_TRACKING, LINE_PITCH, MARGIN, officialDate, renderDocx } from './render-docx.js';
import { toChinesePunctuation } from '../../shared/typography.js';
import { renderMarkdown, renderPlainText } from './render-text.js';

const para = (key: string, text: string): Paragraph => ({ key, text, figures: [] });

const TITLE = '上犹县科技局2014年上半年工作总结';
const H1 = '一、狠抓落实,科技管理上水平';
const H2 = '二、强化科技宣传,科技活动丰富多彩';
const H3 = '三、下半年工作计划';
const OPENING =
  '2014年上半年,在县委、县政府的正确领导和上级科技部门的关心指导下,我局不断创新工作思路,强化工作措施,以科技服务为抓手,以项目建设为重心,积极做好县中心工作,狠抓各项工作落实。现将2014年上半年的工作情况汇报如下:';
const P1 =
  '一是积极组织申报科技计划项目。组织申报“科技富民强县”项目和部级科技型中小企业创新基金项目各1项;二是积极组织我县有关企业和技术人员7人参加了“科技列车赣南行”创新与知识产权板块培训班。';
const P2 =
  '以“科技三下乡”、“科技活动周”活动为契机,牵头组织了林业、农业、茶果、气象、卫生、科协、畜牧等部门的有关专家开展送科技下乡活动共5次,免费发放各种科技图书、科技资料、科技小册子共计1.5万余份。展出科普宣传展板80余块,咨询人员近1.2万人次,受到广大群众的好评。';
const SUB = '(一)送科技下乡。专家们认真为群众现场解答生产生活中遇到的各种技术难题。';
const PLAN1 = '一、扎实开展党的群众路线教育实践活动。在县委督导组的指导下,扎实开展好第二、第三环节的工作。';
const PLAN2 = '二、努力做好征地拆迁工作。想法设法做通2户涉征农户的工作,为企业尽快落地打下良好基础。';
// The .docx numbers plan items as the second level (docx-layout.test.ts): 一、 → （一）.
const PLAN1_DOCX = PLAN1.replace(/^一、/, '\uff08一\uff09');
const PLAN2_DOCX = PLAN2.replace(/^二、/, '\uff08二\uff09');
// Every export is set in Chinese typography (typography.test.ts): the half-width , ; : ( ) of these
// texts are full-width in the .docx, as in the Markdown and text exports.
const [OPENING_W, H1_W, H2_W, H3_W, P1_W, P2_W, SUB_W, PLAN1_W, PLAN2_W] = [OPENING, H1, H2, H3, P1, P2, SUB, PLAN1_DOCX, PLAN2_DOCX].map(toChinesePunctuation);

const doc: DraftDoc = {
  title: TITLE,
  opening: para('opening', OPENING),
  sections: [
    { key: 'management', heading: H1, paragraphs: [para('management.1', P1)] },
    { key: 'outreach', heading: H2, paragraphs: [para('outreach.1', P2), para('outreach.2', SUB)] },
    { key: 'plan', heading: H3, paragraphs: [para('plan.1', PLAN1), para('plan.2', PLAN2)] },
  ],
};

// ---------- a little OOXML reading ----------

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const all = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]);
const textOf = (xml: string) =>
  all(xml, /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)
    .map(decode)
    .join('');

interface Run {
  rPr: string;
  text: string;
}
interface Para {
  pPr: string;
  runs: Run[];
  text: string;
}
function paragraphsOf(xml: string): Para[] {
  return all(xml, /<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g).map((inner) => ({
    pPr: /<w:pPr>[\s\S]*?<\/w:pPr>/.exec(inner)?.[0] ?? '',
    runs: all(inner, /<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g).map((r) => ({ rPr: /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(r)?.[0] ?? '', text: textOf(r) })),
    text: textOf(inner),
  }));
}
const paragraphWith = (paras: Para[], text: string): Para => {
  const found = paras.find((p) => p.text.includes(text));
  if (!found) throw new Error(`no paragraph with ${text}`);
  return found;
};

describe('renderDocx (GB/T 9704-2012)', () => {
  let files: Record<string, string>;
  let documentXml: string;
  let paras: Para[];

  beforeAll(async () => {
    const buffer = await renderDocx(doc, { orgName: '上犹县科技局', date: '2014年7月5日' });
    if (process.env.KEGUAN_DOCX_OUT) await writeFile(process.env.KEGUAN_DOCX_OUT, buffer);
    const zip = await JSZip.loadAsync(buffer);
    files = {};
    for (const name of Object.keys(zip.files)) if (/\.(xml|rels)$/.test(name)) files[name] = await zip.file(name)!.async('string');
    documentXml = files['word/document.xml'];
    paras = paragraphsOf(documentXml);
  });

  it('is an A4 page with the official margins, 22 lines of 28 characters', () => {
    expect(MARGIN).toEqual({ top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const pgMar = /<w:pgMar [^>]*\/>/.exec(documentXml)![0];
    expect(pgMar).toContain('w:top="2098"');
    expect(pgMar).toContain('w:bottom="1984"');
    expect(pgMar).toContain('w:left="1587"');
    expect(pgMar).toContain('w:right="1474"');
    // 22 lines of 579 fit the 12756-twip text area, 580 would not.
    expect(LINE_PITCH).toBe(579);
    expect(22 * LINE_PITCH).toBeLessThanOrEqual(16838 - 2098 - 1984);
    expect(22 * (LINE_PITCH + 1)).toBeGreaterThan(16838 - 2098 - 1984);
    // 28 characters a line: run character spacing narrows the 320-twip pitch to 315 (28 × 315 fits
    // the 8845-twip line, 28 × 316 would not, 29 × 315 would not).
    const width = 11906 - 1587 - 1474;
    expect(CHAR_TRACKING).toBe(-5);
    expect(28 * (320 + CHAR_TRACKING)).toBeLessThanOrEqual(width);
    expect(28 * (320 + CHAR_TRACKING + 1)).toBeGreaterThan(width);
    expect(29 * (320 + CHAR_TRACKING)).toBeGreaterThan(width);
    // The grid's charSpace for Word's page setup: 28 pitches of 16 pt + charSpace/4096 fit, one more step would not.
    expect(CHAR_SPACE).toBe(-842);
    expect(28 * (16 + CHAR_SPACE / 4096) * 20).toBeLessThanOrEqual(width);
    expect(28 * (16 + (CHAR_SPACE + 1) / 4096) * 20).toBeGreaterThan(width);
    // No grid type: the pitch comes from exact line spacing, which Word and LibreOffice agree on (under
    // LibreOffice's line grid the 22 pt title takes two rows; under its character grid 16 pt text takes two cells).
    const docGrid = /<w:docGrid [^>]*\/>/.exec(documentXml)![0];
    expect(docGrid).not.toContain('w:type=');
    expect(docGrid).toContain('w:linePitch="579"');
    expect(docGrid).toContain('w:charSpace="-842"');
    // A paragraph added in Word looks like the body: Normal is 仿宋 三号 on the 579 pitch.
    const normal = /<w:style w:type="paragraph" w:styleId="Normal"[\s\S]*?<\/w:style>/.exec(files['word/styles.xml'])![0];
    for (const xml of [normal, /<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(files['word/styles.xml'])![0]]) {
      expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
      expect(xml).toContain('<w:sz w:val="32"/>');
      expect(xml).toMatch(/<w:spacing [^>]*w:line="579"/);
      expect(xml).toMatch(/<w:spacing [^>]*w:lineRule="exact"/);
    }
  });

  it('sets the title in 方正小标宋简体 二号, centred, with a blank line after', () => {
    const i = paras.findIndex((p) => p.text === TITLE);
    expect(i).toBeGreaterThanOrEqual(0);
    const title = paras[i];
    expect(title.pPr).toContain('<w:jc w:val="center"/>');
    expect(title.runs[0].rPr).toContain('w:eastAsia="方正小标宋简体"');
    expect(title.runs[0].rPr).toContain('<w:sz w:val="44"/>');
    expect(title.runs[0].rPr).not.toContain('<w:spacing');
    expect(title.pPr).toMatch(/w:line="579"/);
    expect(paras[i + 1].text).toBe('');
    expect(paras[i + 2].text).toBe(OPENING_W);
  });

  it('sets the body in 仿宋_GB2312 三号, justified, indented two characters, at an exact 579 pitch', () => {
    for (const text of [OPENING_W, P1_W, P2_W]) {
      const p = paragraphWith(paras, text);
      expect(p.pPr).toContain('<w:jc w:val="both"/>');
      expect(p.pPr).toMatch(/<w:ind [^>]*w:firstLine="640"/);
      expect(p.pPr).toMatch(/<w:spacing [^>]*w:line="579"[^>]*w:lineRule="exact"|<w:spacing [^>]*w:lineRule="exact"[^>]*w:line="579"/);
      expect(p.runs).toHaveLength(1);
      expect(p.runs[0].rPr).toContain('w:eastAsia="仿宋_GB2312"');
      expect(p.runs[0].rPr).toContain('w:ascii="Times New Roman"');
      expect(p.runs[0].rPr).toContain('<w:sz w:val="32"/>');
      expect(p.runs[0].rPr).toContain('<w:spacing w:val="-5"/>');
    }
  });

  it('sets first-level headings in 黑体 三号 on their own line, plan items are no first-level headings', () => {
    for (const heading of [H1_W, H2_W, H3_W]) {
      const p = paras.find((x) => x.text === heading)!;
      expect(p).toBeDefined();
      expect(p.runs).toHaveLength(1);
      expect(p.runs[0].rPr).toContain('w:eastAsia="黑体"');
      expect(p.runs[0].rPr).toContain('<w:sz w:val="32"/>');
      expect(p.pPr).toMatch(/w:firstLine="640"/);
      expect(p.pPr).toContain('<w:keepNext/>');
      expect(p.runs[0].rPr).toContain('<w:spacing w:val="-5"/>');
    }
    expect(paragraphWith(paras, PLAN1_W).runs[0].rPr).not.toContain('黑体');
  });

  it('sets a leading second-level heading "(一)…。" in 楷体_GB2312 and the rest in 仿宋', () => {
    const p = paragraphWith(paras, SUB_W);
    expect(p.runs.map((r) => r.text)).toEqual(['\uff08一\uff09送科技下乡。', SUB_W.slice('\uff08一\uff09送科技下乡。'.length)]);
    expect(p.runs[0].rPr).toContain('w:eastAsia="楷体_GB2312"');
    expect(p.runs[1].rPr).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('keeps every word of the draft', () => {
    const text = textOf(documentXml);
    for (const s of [TITLE, OPENING_W, H1_W, H2_W, H3_W, P1_W, P2_W, SUB_W, PLAN1_W, PLAN2_W, '1.5万余份', '近1.2万人次', '80余块']) expect(text).toContain(s);
  });

  it('sets every text it writes in Chinese typography, as the Markdown and text exports, numbers and URLs kept', async () => {
    const typed: DraftDoc = {
      title: '上犹县科技局(筹)2014年上半年工作总结',
      opening: para('opening', '现将工作情况汇报如下:'),
      sections: [
        {
          key: 'management',
          heading: '一、狠抓落实 , 科技管理上水平',
          paragraphs: [para('management.1', '共计1,234份;见https://kjj.example.gov.cn/a?b=1,2,展板(80块)')],
        },
        { key: 'plan', heading: '二、下半年工作计划', paragraphs: [para('plan.1', '一、做好统计工作。时间:10:30,地点:会议室')] },
      ],
    };
    const zip = await JSZip.loadAsync(await renderDocx(typed, { orgName: '上犹县科技局(筹)', date: '2014-07-05' }));
    const ps = paragraphsOf(await zip.file('word/document.xml')!.async('string'));
    expect(ps.map((p) => p.text)).toEqual([
      '上犹县科技局（筹）2014年上半年工作总结',
      '',
      '现将工作情况汇报如下：',
      '一、狠抓落实，科技管理上水平',
      '共计1,234份；见https://kjj.example.gov.cn/a?b=1,2，展板（80块）',
      '二、下半年工作计划',
      '（一）做好统计工作。时间：10:30，地点：会议室',
      '',
      '上犹县科技局（筹）',
      '2014年7月5日',
    ]);
    const markdown = renderMarkdown(typed);
    for (const p of ps.slice(2, 7)) expect(markdown).toContain(p.text.replace(/^（一）/, '一、'));
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('<dc:title>上犹县科技局（筹）2014年上半年工作总结</dc:title>');
  });

  it('signs with the organisation and date, right-aligned (GB/T 9704 §7.3.5.2)', () => {
    const org = paras.find((p) => p.text === '上犹县科技局')!;
    const date = paras.find((p) => p.text === '2014年7月5日')!;
    expect(paras.indexOf(date)).toBe(paras.indexOf(org) + 1);
    expect(paras[paras.indexOf(org) - 1].text).toBe('');
    for (const p of [org, date]) expect(p.pPr).toContain('<w:jc w:val="right"/>');
    // Both are 6 characters wide (half-width digits count half): the date keeps two characters
    // from the edge, the organisation moves left so the date starts two characters right of it.
    expect(date.pPr).toMatch(/w:right="640"/);
    expect(org.pPr).toMatch(/w:right="1280"/);
  });

  it('numbers pages "— 1 —" in 宋体 四号, odd pages right, even pages left', () => {
    expect(files['word/settings.xml']).toMatch(/<w:evenAndOddHeaders\/>|<w:evenAndOddHeaders w:val="(true|1|on)"\/>/);
    const sect = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(documentXml)![0];
    const refs = Object.fromEntries(all(sect, /<w:footerReference ([^>]*)\/>/g).map((a) => [/w:type="(\w+)"/.exec(a)![1], /r:id="(\w+)"/.exec(a)![1]]));
    expect(Object.keys(refs).sort()).toEqual(['default', 'even']);
    const rels = files['word/_rels/document.xml.rels'];
    const footerXml = (rId: string) => files[`word/${new RegExp(`Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`];
    const odd = footerXml(refs.default);
    const even = footerXml(refs.even);
    for (const xml of [odd, even]) {
      // "— ", the PAGE field, " —": em dashes (U+2014) with a space either side of the number.
      expect(xml).toMatch(
        /<w:t[^>]*>\u2014 <\/w:t>[\s\S]*<w:fldChar w:fldCharType="begin"\/>[\s\S]*<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>[\s\S]*<w:fldChar w:fldCharType="end"\/>[\s\S]*<w:t[^>]*> \u2014<\/w:t>/,
      );
      expect(xml).toContain('w:eastAsia="宋体"');
      expect(xml).toContain('w:ascii="宋体"');
      expect(xml).toContain('<w:sz w:val="28"/>');
      for (const rPr of all(xml, /(<w:rPr>[\s\S]*?<\/w:rPr>)/g)) expect(rPr).not.toContain('<w:spacing');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toMatch(/<w:ind [^>]*w:right="280"/);
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toMatch(/<w:ind [^>]*w:left="280"/);
  });

  it('writes dates as officials do and leaves the signature out when not given', async () => {
    expect(officialDate('2014-07-05')).toBe('2014年7月5日');
    expect(officialDate('2014年7月5日')).toBe('2014年7月5日');
    const zip = await JSZip.loadAsync(await renderDocx(doc));
    const xml = await zip.file('word/document.xml')!.async('string');
    const last = paragraphsOf(xml).at(-1)!;
    expect(last.text).toBe(PLAN2_W);
  });

  it('sets a title broken by hand as centred lines, and a date alone two characters from the edge', async () => {
    const zip = await JSZip.loadAsync(await renderDocx({ ...doc, title: '上犹县科技局\n2014年上半年工作总结' }, { date: '2014-07-05' }));
    const ps = paragraphsOf(await zip.file('word/document.xml')!.async('string'));
    expect(ps.slice(0, 3).map((p) => p.text)).toEqual(['上犹县科技局', '2014年上半年工作总结', '']);
    for (const p of ps.slice(0, 2)) expect(p.pPr).toContain('<w:jc w:val="center"/>');
    const date = ps.at(-1)!;
    expect(date.text).toBe('2014年7月5日');
    expect(date.pPr).toMatch(/w:right="640"/);
  });
});

describe('renderMarkdown', () => {
  it('writes the title as #, headings as ##, paragraphs as plain lines between blank lines', () => {
    expect(renderMarkdown(doc)).toBe(
      // Set in Chinese typography (typography.test.ts): the half-width , ; : ( ) of these texts full-width.
      [`# ${TITLE}`, OPENING, `## ${H1}`, P1, `## ${H2}`, P2, SUB, `## ${H3}`, PLAN1, PLAN2].map(toChinesePunctuation).join('\n\n') + '\n',
    );
  });

  it('escapes a line Markdown would read as a list or heading, and splits edited line breaks', () => {
    const md = renderMarkdown({
      title: 'T',
      opening: para('o', '1. 第一\n# 不是标题'),
      sections: [{ key: 's', heading: '一、标题', paragraphs: [para('p', '- 不是列表')] }],
    });
    expect(md).toBe('# T\n\n1\\. 第一\n\n\\# 不是标题\n\n## 一、标题\n\n\\- 不是列表\n');
  });
});

describe('renderPlainText', () => {
  it('centres the title, then puts headings and indented paragraphs each on a line', () => {
    const lines = renderPlainText(doc).split('\n');
    // 14 characters and 4 half-width digits make 16: (28 − 16) / 2 → 6 full-width spaces.
    expect(lines[0]).toBe('\u3000'.repeat(6) + TITLE);
    expect(lines[1]).toBe('');
    expect(lines.slice(2)).toEqual(
      [
        `\u3000\u3000${OPENING}`,
        H1,
        `\u3000\u3000${P1}`,
        H2,
        `\u3000\u3000${P2}`,
        `\u3000\u3000${SUB}`,
        H3,
        `\u3000\u3000${PLAN1}`,
        `\u3000\u3000${PLAN2}`,
        '',
      ].map(toChinesePunctuation),
    );
  });
});
