import type { TemplateDefinition } from '../../shared/reports.js';

// Templates: sentence patterns with {slots}. A slot is `{factKey}` or `{factKey|format|…}`.
// Formats: exact, approx (how a number is rounded), unit:X (the unit for counts of work-list items),
// money / more:多 / chinese (how money is written), each / list / suffix:X (how groups are joined),
// quote (names in quotation marks), share:otherKey ("4户中已有2户"), ordinal-free text slots.

export interface Slot {
  raw: string;
  key: string;
  formats: Map<string, string>;
}

const SLOT = /\{([^{}]+)\}/g;
export const KNOWN_FORMATS = new Set(['exact', 'approx', 'unit', 'money', 'more', 'chinese', 'each', 'list', 'suffix', 'quote', 'share']);

/** The slots of a pattern, in order. */
export function parseSlots(pattern: string): Slot[] {
  return [...pattern.matchAll(SLOT)].map((m) => {
    const [key, ...formats] = m[1].split('|').map((s) => s.trim());
    return {
      raw: m[0],
      key,
      formats: new Map(formats.map((f) => {
        const i = f.indexOf(':');
        return i < 0 ? [f, ''] : [f.slice(0, i), f.slice(i + 1)];
      })),
    };
  });
}

/**
 * Braces that do not pair up in a pattern: a `{` never closed, a `}` never opened, a `{` inside a
 * slot, an empty `{}`. Each with its position counted in characters from 1, as the editor shows it,
 * and the text around it, so the author can find it: such a pattern would print braces in the summary.
 */
export function braceProblems(pattern: string): { position: number; near: string; message: string }[] {
  const chars = [...pattern];
  const near = (from: number, to: number) => chars.slice(Math.max(0, from), Math.min(chars.length, to)).join('');
  const problems: { position: number; near: string; message: string }[] = [];
  let open = -1;
  chars.forEach((ch, i) => {
    if (ch === '{') {
      if (open >= 0) problems.push({ position: open + 1, near: near(open, i + 1), message: `第${open + 1}个字处的“{”没有配对的“}”` });
      open = i;
    } else if (ch === '}') {
      if (open < 0) problems.push({ position: i + 1, near: near(i - 9, i + 1), message: `第${i + 1}个字处的“}”没有配对的“{”` });
      else if (open === i - 1) problems.push({ position: open + 1, near: '{}', message: `第${open + 1}个字处的“{}”是空的占位` });
      open = -1;
    }
  });
  if (open >= 0) problems.push({ position: open + 1, near: near(open, open + 10), message: `第${open + 1}个字处的“{”没有配对的“}”` });
  return problems;
}

/**
 * Every slot of a template that names no fact (or an unknown format), and every brace that does not
 * pair up, so the editor can show them before saving (saving refuses a template with any). `knownKeys` are the fact keys the bureau's data can give.
 */
export function checkTemplate(def: TemplateDefinition, knownKeys: Set<string>): { path: string; slot: string; message: string }[] {
  const problems: { path: string; slot: string; message: string }[] = [];
  const check = (pattern: string, path: string) => {
    for (const brace of braceProblems(pattern)) problems.push({ path, slot: brace.near, message: brace.message });
    for (const slot of parseSlots(pattern)) {
      if (!knownKeys.has(slot.key)) problems.push({ path, slot: slot.raw, message: `“${slot.key}”不是可用的统计数据` });
      for (const [format, arg] of slot.formats) {
        if (!KNOWN_FORMATS.has(format)) problems.push({ path, slot: slot.raw, message: `未知的格式“${format}”` });
        if (format === 'share' && !knownKeys.has(arg)) problems.push({ path, slot: slot.raw, message: `“${arg}”不是可用的统计数据` });
      }
    }
  };
  check(def.title, 'title');
  check(def.opening, 'opening');
  def.sections.forEach((s, i) => s.sentences.forEach((sentence, j) => check(sentence, `sections.${i}.sentences.${j}`)));
  return problems;
}

/** The default template: the seed summary's structure and wording (上犹县科技局, 2014年上半年). */
export const DEFAULT_TEMPLATE: TemplateDefinition = {
  name: '半年工作总结(默认)',
  title: '{org.name}{period.label}工作总结',
  opening:
    '{period.label},在县委、县政府的正确领导和上级科技部门的关心指导下,我局不断创新工作思路,强化工作措施,以科技服务为抓手,以项目建设为重心,积极做好县中心工作,狠抓各项工作落实。现将{period.label}的工作情况汇报如下:',
  outreachType: '送科技下乡',
  sections: [
    {
      key: 'management',
      heading: '狠抓落实,科技管理上水平',
      enumerate: true,
      sentences: [
        '积极组织申报科技计划项目。{period.short},我局通过深入企业、涉农涉工部门调研,积极寻找和挖掘科技项目,组织申报{projects.appliedPrograms|suffix:项目|each}',
        '开展了{list.统计报送.doneNames}等工作',
        '重点做好{projects.followedUp}在建科技项目的跟踪与服务工作,开展跟踪服务{projects.followups},确保了项目顺利实施',
        '积极组织我县有关企业和技术人员{events.peopleSent}参加了{events.sentTrainingNames},增强了我县知识产权保护能力',
        '着力抓了工业、农业技术项目的培育,{period.short},我局经常组织业务股的同志深入各企业、示范基地调研{projects.visits},发现项目线索{projects.leadsFound},筛选和培育了{projects.enteredPool}有较高技术含量的项目进入项目库',
      ],
    },
    {
      key: 'outreach',
      heading: '强化科技宣传,科技活动丰富多彩',
      enumerate: true,
      sentences: [
        '充分发挥科技特派员的作用,科技特派员是农村科技队伍的一支生产力军。我局进一步完善科技特派员管理措施,{period.short}在岗科技特派员{commissioners.active}深入{commissioners.towns}开展技术服务{commissioners.logs},服务群众{commissioners.peopleServed}',
        '以“科技三下乡”、“科技活动周”活动为契机,以“科技下乡,为民服务”为主题,牵头组织了{outreach.departments}等部门的有关专家先后深入乡(镇)、企业、社区等地开展送科技下乡活动共{outreach.count}。每到一地,专家们认真为群众现场解答生产生活中遇到的各种技术难题,免费发放各种科技图书、科技资料、科技小册子共计{outreach.materials}。展出科普宣传展板{outreach.boards},咨询人员{outreach.consultations},受到广大群众的好评',
      ],
    },
    {
      key: 'rectification',
      heading: '积极开展群众教育实践活动,努力解决“四风”突出问题',
      enumerate: true,
      sentences: [
        '以查摆“四风”问题为核心,结合科技工作实际,采取“请进来、走出去”方式,向{list.意见建议.figure.by_source}征求意见建议{list.意见建议.itemsAtEnd|unit:条}',
        '认真梳理、整改分类,建立整改台账{list.整改台账.itemsAtEnd|unit:项},实行动态管理,已整改{list.整改台账.doneAtEnd|unit:项}',
      ],
    },
    {
      key: 'expropriation',
      heading: '攻坚破难有力推动县土地房屋征收工作有序开展',
      enumerate: false,
      sentences: [
        '我局高度重视土地房屋征收工作,经常深入被征收农户,耐心细致做思想工作,力所能及地为其解决遇到的实际困难。截止到目前,我局所包干的{list.征收包干.itemsAtEnd|unit:户|share:list.征收包干.doneAtEnd}落实到位',
      ],
    },
    {
      key: 'village',
      heading: '“三送”工作取得良好成绩',
      enumerate: true,
      sentences: [
        '深入东山镇元鱼村开展“送政策释民惑,送温暖释民心,送服务解民难”活动,建立民情台账{list.民情台账.itemsAtEnd|unit:户},切实为群众排忧解难',
        '开展送科技服务,组织了部分涉农专家到该村进行了{list.驻村活动.figure.by_kind.科技培训|unit:次}科技培训,使村民了解当前农业生产急需的科技知识',
        '维修水利设施,积极向上争取资金,单位出一点,多方联合,共投入{list.为民实事.figure.money|more:多|chinese}成功把延东水渠修复完善',
        '在元鱼村大力宣传“党风廉政建设社会评价”工作,发放宣传资料{list.驻村活动.figure.materials},组织{list.驻村活动.figure.film_viewers}观看《2014年上半年上犹县党政领导班子履行党风廉政建设职责巡礼》',
      ],
    },
  ],
  plan: { listName: '工作计划', periodField: 'period', titleField: 'title', contentField: 'content' },
};
