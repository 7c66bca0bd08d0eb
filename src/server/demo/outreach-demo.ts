import type { Kysely } from 'kysely';
import { EVENT_FIGURES, type EventFigure } from '../../shared/events.js';
import type { DB } from '../db/types.js';
import { figureColumn } from '../events/repo.js';

// Section 二 of the seed as records, 2014 H1: five 送科技下乡 events led by the bureau with the
// 林业、农业、茶果、气象、卫生、科协、畜牧 departments, at towns, an enterprise and a community, whose
// figures add up to the seed's totals (15,230 份 → 1.5万余份; 83 块 → 80余块; 11,860 人次 →
// 近1.2万人次); the 科技活动周; and the "科技列车赣南行" training the bureau sent 7 people to.
// Commissioners: a roster serving 上犹县's towns, with service logs through the half-year.

type Figures = Partial<Record<EventFigure, number>>;
type EventSeed = {
  type: string;
  theme: string;
  start: string;
  end?: string;
  role: 'lead' | 'participate' | 'send';
  organiser: string;
  places?: string[];
  enterprises?: string[];
  departments?: string[];
  figures: Figures;
  notes?: string;
};

const EVENTS: EventSeed[] = [
  {
    type: '送科技下乡',
    theme: '科技下乡,为民服务',
    start: '2014-01-16',
    role: 'lead',
    organiser: '上犹县科技局',
    places: ['东山镇'],
    departments: ['林业', '农业', '科协', '卫生'],
    figures: { expertCount: 15, materials: 4200, books: 1200, leaflets: 3000, boards: 22, consultations: 3350 },
    notes: '“科技三下乡”集中示范活动',
  },
  {
    type: '送科技下乡',
    theme: '科技下乡,为民服务',
    start: '2014-02-20',
    role: 'lead',
    organiser: '上犹县科技局',
    places: ['营前镇'],
    departments: ['茶果', '农业', '气象'],
    figures: { expertCount: 10, materials: 2800, books: 800, leaflets: 2000, boards: 15, consultations: 2100 },
  },
  {
    type: '送科技下乡',
    theme: '科技下乡,为民服务',
    start: '2014-03-21',
    role: 'lead',
    organiser: '上犹县科技局',
    enterprises: ['江西上犹绿野生物科技有限公司'],
    departments: ['林业', '茶果'],
    figures: { expertCount: 6, materials: 1650, books: 450, leaflets: 1200, boards: 10, consultations: 1180 },
    notes: '进企业开展油茶、茶叶技术服务',
  },
  {
    type: '送科技下乡',
    theme: '科技下乡,为民服务',
    start: '2014-05-20',
    role: 'lead',
    organiser: '上犹县科技局',
    places: ['城东社区'],
    departments: ['卫生', '科协', '气象'],
    figures: { expertCount: 9, materials: 3380, books: 980, leaflets: 2400, boards: 18, consultations: 2630 },
    notes: '科技活动周期间进社区',
  },
  {
    type: '送科技下乡',
    theme: '科技下乡,为民服务',
    start: '2014-06-12',
    role: 'lead',
    organiser: '上犹县科技局',
    places: ['社溪镇'],
    departments: ['畜牧', '农业', '林业'],
    figures: { expertCount: 11, materials: 3200, books: 900, leaflets: 2300, boards: 18, consultations: 2600 },
  },
  {
    type: '科技活动周',
    theme: '科学生活 创新圆梦',
    start: '2014-05-18',
    end: '2014-05-24',
    role: 'lead',
    organiser: '上犹县科技局',
    places: ['东山镇'],
    departments: ['科协'],
    figures: {},
    notes: '活动周期间的送科技下乡活动另行登记',
  },
  {
    type: '培训班',
    theme: '“科技列车赣南行”创新与知识产权板块培训班',
    start: '2014-04-17',
    role: 'send',
    organiser: '赣州市科学技术局',
    figures: { peopleSent: 7 },
    notes: '组织我县有关企业和技术人员参加,增强知识产权保护能力',
  },
];

type CommissionerSeed = {
  name: string;
  gender: 'male' | 'female';
  employer: string;
  title: string;
  specialty: string;
  places: string[];
  username?: string;
  logs: [date: string, place: string, kind: string, content: string, people: number, solved: string, newTech?: string][];
};

const COMMISSIONERS: CommissionerSeed[] = [
  {
    name: '黄永清',
    gender: 'male',
    employer: '上犹县农业局',
    title: '高级农艺师',
    specialty: '蔬菜栽培、病虫害防治',
    places: ['东山镇', '元鱼村'],
    username: 'tepai',
    logs: [
      ['2014-01-22', '元鱼村', '技术指导', '指导大棚蔬菜越冬管理', 18, '解决棚内湿度过大问题'],
      ['2014-03-06', '元鱼村', '培训', '春季蔬菜育苗技术培训', 45, '讲解穴盘育苗要点', '穴盘育苗技术'],
      ['2014-04-15', '东山镇', '咨询', '蔬菜病虫害咨询服务', 32, '诊断霜霉病并给出防治方案'],
      ['2014-06-05', '元鱼村', '引进新品种/新技术', '引进耐热型辣椒新品种示范', 12, '建立示范点1个', '耐热辣椒新品种'],
    ],
  },
  {
    name: '钟秀兰',
    gender: 'female',
    employer: '上犹县果茶局',
    title: '农艺师',
    specialty: '茶叶栽培与加工',
    places: ['营前镇', '五指峰乡'],
    logs: [
      ['2014-02-18', '营前镇', '技术指导', '指导高山茶园春季修剪与施肥', 26, '纠正过度修剪问题'],
      ['2014-03-28', '营前镇', '培训', '名优绿茶加工技术培训', 60, '规范杀青与揉捻工艺'],
      ['2014-05-09', '五指峰乡', '技术指导', '茶园病虫害绿色防控', 22, '推广黄板诱杀', '茶园绿色防控技术'],
    ],
  },
  {
    name: '刘国华',
    gender: 'male',
    employer: '上犹县林业局',
    title: '林业工程师',
    specialty: '油茶低产林改造',
    places: ['紫阳乡', '社溪镇'],
    logs: [
      ['2014-01-10', '紫阳乡', '技术指导', '油茶低产林抚育与整形修剪', 30, '示范修剪50亩'],
      ['2014-04-02', '社溪镇', '咨询', '油茶良种苗木选择咨询', 15, '推荐赣无系列良种', '油茶良种赣无1号'],
      ['2014-06-20', '紫阳乡', '培训', '油茶夏季管理培训', 52, '讲解夏季抚育与防旱'],
    ],
  },
  {
    name: '罗建平',
    gender: 'male',
    employer: '上犹县畜牧兽医局',
    title: '兽医师',
    specialty: '水产养殖、畜禽疫病防治',
    places: ['陡水镇', '油石乡'],
    logs: [
      ['2014-02-25', '陡水镇', '技术指导', '网箱养鱼鱼病防治', 20, '控制烂鳃病蔓延'],
      ['2014-05-16', '油石乡', '培训', '生猪规模养殖防疫培训', 48, '规范免疫程序'],
    ],
  },
  {
    name: '温小燕',
    gender: 'female',
    employer: '赣南师范学院',
    title: '副教授',
    specialty: '中药材种植',
    places: ['平富乡', '双溪乡'],
    logs: [
      ['2014-03-14', '平富乡', '技术指导', '中药材(黄精)种植技术指导', 24, '确定种植密度与遮阴方案'],
      ['2014-06-10', '双溪乡', '咨询', '中药材市场与种植咨询', 19, '帮助合作社对接收购企业'],
    ],
  },
  {
    name: '邓志明',
    gender: 'male',
    employer: '上犹县科技局',
    title: '工程师',
    specialty: '农业机械',
    places: ['黄埠镇'],
    logs: [['2014-04-24', '黄埠镇', '技术指导', '水稻机插秧技术指导', 35, '调试插秧机12台']],
  },
];

/** Adds the outreach demo records to the demo county, inside the caller's transaction. */
export async function loadOutreachDemo(db: Kysely<DB>, org: { id: number; businessSectionId: number; userIds: Map<string, number> }): Promise<void> {
  const now = new Date().toISOString();
  const createdBy = org.userIds.get('yewu')!;
  const places = new Map(
    (
      await db
        .selectFrom('places')
        .select(['id', 'name'])
        .where('org_id', '=', org.id)
        .where('level', 'in', ['town', 'village'])
        .orderBy('level', 'desc')
        .execute()
    ).map((p) => [p.name, p.id]),
  );
  // Towns are read after villages so that a town's name wins where a village shares it.
  const place = (name: string) => {
    const id = places.get(name);
    if (!id) throw new Error(`演示数据缺少地名:${name}`);
    return id;
  };
  const departments = new Map(
    (await db.selectFrom('departments').select(['id', 'short_name']).where('org_id', '=', org.id).execute()).map((d) => [d.short_name, d.id]),
  );
  const enterprises = new Map((await db.selectFrom('enterprises').select(['id', 'name']).where('org_id', '=', org.id).execute()).map((e) => [e.name, e.id]));

  for (const e of EVENTS) {
    const row = await db
      .insertInto('events')
      .values({
        org_id: org.id,
        section_id: org.businessSectionId,
        type: e.type,
        theme: e.theme,
        start_date: e.start,
        end_date: e.end ?? null,
        role: e.role,
        organiser: e.organiser,
        ...Object.fromEntries(EVENT_FIGURES.map((figure) => [figureColumn(figure), e.figures[figure] ?? null])),
        notes: ['演示数据', e.notes].filter(Boolean).join(';'),
        created_by: createdBy,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (e.places?.length)
      await db
        .insertInto('event_places')
        .values(e.places.map((p) => ({ event_id: row.id, place_id: place(p) })))
        .execute();
    if (e.enterprises?.length) {
      await db
        .insertInto('event_enterprises')
        .values(e.enterprises.map((n) => ({ event_id: row.id, enterprise_id: enterprises.get(n)! })))
        .execute();
    }
    if (e.departments?.length) {
      await db
        .insertInto('event_departments')
        .values(e.departments.map((d) => ({ event_id: row.id, department_id: departments.get(d)! })))
        .execute();
    }
  }

  for (const c of COMMISSIONERS) {
    const row = await db
      .insertInto('commissioners')
      .values({
        org_id: org.id,
        section_id: org.businessSectionId,
        name: c.name,
        gender: c.gender,
        employer: c.employer,
        title: c.title,
        specialty: c.specialty,
        phone: null,
        term_start_year: 2013,
        term_end_year: 2015,
        status: 'active',
        user_id: c.username ? org.userIds.get(c.username)! : null,
        notes: '演示数据',
        created_by: createdBy,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('commissioner_places')
      .values(c.places.map((p) => ({ commissioner_id: row.id, place_id: place(p) })))
      .execute();
    for (const [date, p, kind, content, people, solved, newTech] of c.logs) {
      await db
        .insertInto('service_logs')
        .values({
          org_id: org.id,
          commissioner_id: row.id,
          log_date: date,
          place_id: place(p),
          enterprise_id: null,
          kind,
          content,
          people_served: people,
          problems_solved: solved,
          new_techniques: newTech ?? null,
          // Logs before June are confirmed by the deputy in charge; June's are still waiting.
          confirmed_at: date < '2014-06-01' ? `${date}T10:00:00.000Z` : null,
          confirmed_by: date < '2014-06-01' ? org.userIds.get('fenguan')! : null,
          created_by: c.username ? org.userIds.get(c.username)! : createdBy,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await db
      .insertInto('commissioner_evaluations')
      .values({
        org_id: org.id,
        commissioner_id: row.id,
        year: 2013,
        grade: c.logs.length >= 3 ? 'excellent' : 'qualified',
        note: '演示数据',
        created_by: org.userIds.get('juzhang')!,
        created_at: now,
      })
      .execute();
  }
  const ids = (await db.selectFrom('commissioners').select('id').where('org_id', '=', org.id).execute()).map((r) => r.id);
  await db
    .insertInto('commissioner_supports')
    .values(
      ids.map((id) => ({
        org_id: org.id,
        commissioner_id: id,
        support_date: '2014-04-28',
        kind: 'meeting',
        description: '召开科技特派员座谈会,听取意见并慰问(演示数据)',
        amount: null,
        created_by: org.userIds.get('juzhang')!,
        created_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('commissioner_supports')
    .values(
      ids.map((id) => ({
        org_id: org.id,
        commissioner_id: id,
        support_date: '2014-06-25',
        kind: 'subsidy',
        description: '发放上半年工作补助(演示数据)',
        amount: 1500,
        created_by: org.userIds.get('juzhang')!,
        created_at: now,
      })),
    )
    .execute();
}
