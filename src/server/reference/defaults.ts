/**
 * The code lists every new bureau starts with; admins edit them afterwards.
 * Later ledgers read these by dictionary code.
 */
export const DEFAULT_DICTIONARIES: { code: string; name: string; description: string; items: string[] }[] = [
  {
    code: 'program',
    name: '计划类别',
    description: '科技项目申报的计划类别',
    items: ['科技富民强县专项行动计划', '科技型中小企业技术创新基金', '星火计划', '火炬计划', '省科技支撑计划', '市科技计划', '县科技计划'],
  },
  {
    code: 'enterprise_kind',
    name: '企业类型',
    description: '企业、基地、合作社的类型',
    items: ['科技型中小企业', '民营科技企业', '高新技术企业', '农业示范基地', '合作社', '其他'],
  },
  {
    code: 'event_type',
    name: '活动类型',
    description: '科技宣传、科普与培训活动的类型',
    items: ['科技三下乡', '科技活动周', '科普日', '送科技下乡', '培训班', '讲座', '现场会', '其他'],
  },
  {
    code: 'service_kind',
    name: '特派员服务类型',
    description: '科技特派员服务日志的类型',
    items: ['技术指导', '培训', '咨询', '引进新品种/新技术', '其他'],
  },
  {
    code: 'milestone_kind',
    name: '项目节点',
    description: '项目实施中的检查、评价等节点',
    items: ['中期检查', '验收检查', '绩效评价'],
  },
];
