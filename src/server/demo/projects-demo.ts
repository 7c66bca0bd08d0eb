import type { Kysely } from 'kysely';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import type { ProjectLevel, Sector, Stage } from '../../shared/projects.js';
import type { DB } from '../db/types.js';
import { foldEvents } from '../projects/pipeline.js';

// Section 一 of the seed as records: the two applications of 2014 H1 (科技富民强县 and the 部级
// 科技型中小企业创新基金, one each), the national and county projects being tracked with their
// follow-ups, research visits to enterprises and bases, and the leads they produced for the pool.
// Enterprise names are invented for the demo; every record says 演示数据 in its notes.

const DEMO_NOTE = '演示数据';

/** A valid demo credit code (the check digit computed per GB 32100-2015). */
function demoCreditCode(serial: number): string {
  const first17 = `91360724MA35${String(serial).padStart(5, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

type EnterpriseSeed = { key: string; name: string; kind: string; industry: Sector; town: string; code: boolean; contact: string };
const ENTERPRISES: EnterpriseSeed[] = [
  { key: 'glassfiber', name: '上犹县华犹玻纤制品有限公司', kind: '高新技术企业', industry: 'industry', town: '东山镇', code: true, contact: '刘经理' },
  { key: 'optoelectronic', name: '江西犹江光电科技有限公司', kind: '高新技术企业', industry: 'industry', town: '东山镇', code: true, contact: '钟总' },
  { key: 'materials', name: '江西犹江新材料科技有限公司', kind: '科技型中小企业', industry: 'industry', town: '东山镇', code: true, contact: '黄工' },
  { key: 'electronics', name: '上犹县恒丰电子科技有限公司', kind: '科技型中小企业', industry: 'industry', town: '黄埠镇', code: true, contact: '陈经理' },
  { key: 'tea', name: '上犹县梅岭茶业有限公司', kind: '科技型中小企业', industry: 'agriculture', town: '梅水乡', code: true, contact: '廖总' },
  { key: 'machinery', name: '上犹县鑫源机械制造有限公司', kind: '民营科技企业', industry: 'industry', town: '社溪镇', code: true, contact: '邱经理' },
  { key: 'camellia', name: '江西上犹绿野生物科技有限公司', kind: '民营科技企业', industry: 'agriculture', town: '营前镇', code: true, contact: '蔡总' },
  { key: 'teabase', name: '营前镇高山茶叶示范基地', kind: '农业示范基地', industry: 'agriculture', town: '营前镇', code: false, contact: '朱场长' },
  { key: 'camelliabase', name: '紫阳乡油茶高产示范基地', kind: '农业示范基地', industry: 'agriculture', town: '紫阳乡', code: false, contact: '曾站长' },
  { key: 'fishbase', name: '陡水镇生态水产养殖示范基地', kind: '农业示范基地', industry: 'agriculture', town: '陡水镇', code: false, contact: '罗场长' },
  { key: 'vegcoop', name: '上犹县元鱼村蔬菜专业合作社', kind: '合作社', industry: 'agriculture', town: '东山镇', code: false, contact: '何社长' },
  { key: 'herbcoop', name: '上犹县平富乡中药材种植专业合作社', kind: '合作社', industry: 'agriculture', town: '平富乡', code: false, contact: '温社长' },
];

type VisitSeed = { key: string; date: string; staff: string[]; enterprises: string[]; purpose: string; findings: string };
const VISITS: VisitSeed[] = [
  {
    key: 'v1',
    date: '2014-02-26',
    staff: ['yewu', 'fenguan'],
    enterprises: ['materials', 'glassfiber'],
    purpose: '了解工业园区企业技术需求,挖掘科技项目',
    findings: '犹江新材料有稀土永磁电机控制器研发意向;华犹玻纤创新基金项目进展正常',
  },
  {
    key: 'v2',
    date: '2014-03-12',
    staff: ['yewu'],
    enterprises: ['teabase', 'tea'],
    purpose: '调研茶叶产业技术状况',
    findings: '高山茶加工设备落后,清洁化生产线需求迫切;梅岭茶业可牵头申报科技富民强县项目',
  },
  {
    key: 'v3',
    date: '2014-04-16',
    staff: ['yewu', 'bangong'],
    enterprises: ['machinery', 'electronics'],
    purpose: '走访民营科技企业,做好民营科技企业统计',
    findings: '鑫源机械铸件加工精度不足;恒丰电子拟申报创新基金',
  },
  {
    key: 'v4',
    date: '2014-05-20',
    staff: ['yewu'],
    enterprises: ['herbcoop', 'camelliabase'],
    purpose: '调研中药材和油茶示范基地',
    findings: '中药材缺少规范化种植技术;油茶低改效果明显',
  },
  {
    key: 'v5',
    date: '2014-06-11',
    staff: ['fenguan', 'yewu'],
    enterprises: ['optoelectronic'],
    purpose: '了解高新技术企业研发项目储备',
    findings: 'LED 封装工艺改进项目已有基础',
  },
  {
    key: 'v6',
    date: '2014-06-18',
    staff: ['yewu'],
    enterprises: ['vegcoop'],
    purpose: '结合“三送”工作调研元鱼村蔬菜产业',
    findings: '设施蔬菜栽培技术薄弱,可作为项目线索培育',
  },
];

type ProjectSeed = {
  title: string;
  enterprise: string;
  field: Sector;
  program: string | null;
  level: ProjectLevel | null;
  stages: [Stage, string][];
  visit?: string;
  amounts?: { applied?: number; approved?: number; received?: number; selfRaised?: number };
  followups?: { date: string; kind: 'visit' | 'phone' | 'meeting'; found: string; solved: string; open?: string }[];
};
const PROJECTS: ProjectSeed[] = [
  // The two applications the seed reports for 2014 H1: "各1项".
  {
    title: '上犹县茶叶产业科技富民强县专项行动',
    enterprise: 'tea',
    field: 'agriculture',
    program: '科技富民强县专项行动计划',
    level: 'ministry',
    stages: [
      ['lead', '2013-10-15'],
      ['pool', '2013-12-20'],
      ['applied', '2014-03-20'],
    ],
    visit: 'v2',
    amounts: { applied: 100, selfRaised: 150 },
  },
  {
    title: '电子元器件精密检测设备研发',
    enterprise: 'electronics',
    field: 'industry',
    program: '科技型中小企业技术创新基金',
    level: 'ministry',
    stages: [
      ['lead', '2014-01-09'],
      ['pool', '2014-02-18'],
      ['applied', '2014-04-25'],
    ],
    visit: 'v3',
    amounts: { applied: 70, selfRaised: 120 },
  },
  // Projects being tracked: the national innovation fund project and county-level projects.
  {
    title: '低介电玻璃纤维制备技术产业化',
    enterprise: 'glassfiber',
    field: 'industry',
    program: '科技型中小企业技术创新基金',
    level: 'national',
    stages: [
      ['applied', '2013-04-10'],
      ['approved', '2013-08-10'],
      ['ongoing', '2013-09-01'],
    ],
    amounts: { applied: 80, approved: 70, received: 42, selfRaised: 200 },
    followups: [
      { date: '2014-02-26', kind: 'visit', found: '中试线已建成,资金使用规范', solved: '指导完善项目台账' },
      { date: '2014-05-22', kind: 'phone', found: '第二笔资金尚未到位', solved: '协助对接省科技厅了解拨付进度', open: '第二笔资金待拨付' },
    ],
  },
  {
    title: '油茶低产林改造技术示范',
    enterprise: 'camellia',
    field: 'agriculture',
    program: '县科技计划',
    level: 'county',
    stages: [
      ['applied', '2013-10-08'],
      ['approved', '2013-12-10'],
      ['ongoing', '2014-01-15'],
    ],
    amounts: { applied: 8, approved: 5, received: 5 },
    followups: [{ date: '2014-04-09', kind: 'visit', found: '示范林抚育按计划推进', solved: '邀请林业局专家现场指导修剪' }],
  },
  {
    title: '生态水产健康养殖技术推广',
    enterprise: 'fishbase',
    field: 'agriculture',
    program: '县科技计划',
    level: 'county',
    stages: [
      ['applied', '2013-09-16'],
      ['approved', '2013-11-20'],
      ['ongoing', '2013-12-01'],
    ],
    amounts: { applied: 5, approved: 3, received: 3 },
    followups: [{ date: '2014-05-14', kind: 'meeting', found: '鱼病防治技术需要加强', solved: '组织畜牧水产专家开展培训' }],
  },
  // Leads found in visits and cultivated in the pool.
  {
    title: '稀土永磁电机控制器研发',
    enterprise: 'materials',
    field: 'industry',
    program: null,
    level: null,
    stages: [
      ['lead', '2014-02-26'],
      ['pool', '2014-04-10'],
    ],
    visit: 'v1',
  },
  {
    title: '高山茶清洁化加工生产线建设',
    enterprise: 'teabase',
    field: 'agriculture',
    program: null,
    level: null,
    stages: [
      ['lead', '2014-03-12'],
      ['pool', '2014-05-08'],
    ],
    visit: 'v2',
  },
  { title: '精密铸件数控加工工艺改进', enterprise: 'machinery', field: 'industry', program: null, level: null, stages: [['lead', '2014-04-16']], visit: 'v3' },
  {
    title: '中药材规范化种植技术示范',
    enterprise: 'herbcoop',
    field: 'agriculture',
    program: null,
    level: null,
    stages: [['lead', '2014-05-20']],
    visit: 'v4',
  },
  {
    title: 'LED 光电器件封装工艺改进',
    enterprise: 'optoelectronic',
    field: 'industry',
    program: null,
    level: null,
    stages: [
      ['lead', '2014-06-11'],
      ['pool', '2014-06-25'],
    ],
    visit: 'v5',
  },
  {
    title: '设施蔬菜标准化栽培技术示范',
    enterprise: 'vegcoop',
    field: 'agriculture',
    program: null,
    level: null,
    stages: [['lead', '2014-06-18']],
    visit: 'v6',
  },
];

/** Adds the project pipeline's demo records to the demo county, inside the caller's transaction. */
export async function loadProjectsDemo(db: Kysely<DB>, org: { id: number; businessSectionId: number; userIds: Map<string, number> }): Promise<void> {
  const now = new Date().toISOString();
  const towns = new Map(
    (await db.selectFrom('places').select(['id', 'name']).where('org_id', '=', org.id).where('level', '=', 'town').execute()).map((t) => [t.name, t.id]),
  );
  const user = (username: string) => org.userIds.get(username)!;

  const enterpriseIds = new Map<string, number>();
  for (const [i, e] of ENTERPRISES.entries()) {
    const row = await db
      .insertInto('enterprises')
      .values({
        org_id: org.id,
        section_id: org.businessSectionId,
        name: e.name,
        credit_code: e.code ? demoCreditCode(i + 1) : null,
        kind: e.kind,
        industry: e.industry,
        town_id: towns.get(e.town) ?? null,
        address: `上犹县${e.town}`,
        contact_person: e.contact,
        contact_phone: null,
        notes: DEMO_NOTE,
        created_by: user('yewu'),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    enterpriseIds.set(e.key, row.id);
  }

  const visitIds = new Map<string, number>();
  for (const v of VISITS) {
    const row = await db
      .insertInto('visits')
      .values({
        org_id: org.id,
        section_id: org.businessSectionId,
        visit_date: v.date,
        purpose: v.purpose,
        findings: v.findings,
        created_by: user('yewu'),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    visitIds.set(v.key, row.id);
    await db
      .insertInto('visit_staff')
      .values(v.staff.map((u) => ({ visit_id: row.id, user_id: user(u) })))
      .execute();
    await db
      .insertInto('visit_enterprises')
      .values(v.enterprises.map((e) => ({ visit_id: row.id, enterprise_id: enterpriseIds.get(e)! })))
      .execute();
  }

  const yuan = (wan: number | undefined) => (wan === undefined ? null : Math.round(wan * 10000));
  for (const p of PROJECTS) {
    const events = p.stages.map(([stage, date], i) => ({ fromStage: i ? p.stages[i - 1][0] : null, toStage: stage, eventDate: date }));
    const { stage, dates } = foldEvents(events);
    const row = await db
      .insertInto('projects')
      .values({
        org_id: org.id,
        section_id: org.businessSectionId,
        title: p.title,
        enterprise_id: enterpriseIds.get(p.enterprise)!,
        field: p.field,
        program: p.program,
        level: p.level,
        manager_id: user('yewu'),
        amount_applied: yuan(p.amounts?.applied),
        amount_approved: yuan(p.amounts?.approved),
        amount_received: yuan(p.amounts?.received),
        amount_self_raised: yuan(p.amounts?.selfRaised),
        stage,
        lead_date: dates.lead ?? null,
        pool_date: dates.pool ?? null,
        applied_date: dates.applied ?? null,
        approved_date: dates.approved ?? null,
        ongoing_date: dates.ongoing ?? null,
        accepted_date: dates.accepted ?? null,
        rejected_date: null,
        stopped_date: null,
        source_visit_id: p.visit ? visitIds.get(p.visit)! : null,
        description: DEMO_NOTE,
        created_by: user('yewu'),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('project_stage_events')
      .values(
        events.map((e) => ({
          org_id: org.id,
          project_id: row.id,
          from_stage: e.fromStage,
          to_stage: e.toStage,
          event_date: e.eventDate,
          user_id: user('yewu'),
          remark: null,
          created_at: now,
        })),
      )
      .execute();
    for (const f of p.followups ?? []) {
      await db
        .insertInto('project_followups')
        .values({
          org_id: org.id,
          project_id: row.id,
          followup_date: f.date,
          staff_id: user('yewu'),
          kind: f.kind,
          found: f.found,
          solved: f.solved,
          open_problems: f.open ?? null,
          created_by: user('yewu'),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
}
