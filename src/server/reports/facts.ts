import { EVENT_FIGURE_LABELS } from '../../shared/events.js';
import { PROJECT_LEVEL_LABELS } from '../../shared/projects.js';
import { countCommissionerFacts } from '../commissioners/facts.js';
import type { Ctx } from '../context.js';
import { countEventFacts } from '../events/facts.js';
import { countProjectFacts } from '../projects/facts.js';
import { countWorklistFacts } from '../worklists/facts.js';
import { listWorklists } from '../worklists/service.js';
import { describePeriod } from './period.js';

// One step gathers every fact a summary may state for a period, each with the records it counted,
// under a flat key that template slots name ({outreach.materials}, {list.征收包干.doneAtEnd} …).

/** How a number is written by default: counts exactly, quantities rounded, money in 元, amounts in 万元. */
export type NumberStyle = 'count' | 'quantity' | 'money' | 'wan';

export type Fact =
  | { kind: 'number'; label: string; value: number; unit: string; style: NumberStyle; recordType: string; ids: number[] }
  | { kind: 'groups'; label: string; unit: string; recordType: string; groups: { name: string; value: number; ids: number[] }[] }
  | { kind: 'names'; label: string; names: string[]; recordType: string; ids: number[] }
  | { kind: 'text'; label: string; text: string };

export type FactSet = Map<string, Fact>;

const num = (label: string, value: number, unit: string, style: NumberStyle, recordType: string, ids: number[]): Fact =>
  ({ kind: 'number', label, value, unit, style, recordType, ids });

/** Every fact of the period for the actor's organisation (and, for a city leader, the ones below). */
export async function gatherFacts(ctx: Ctx, from: string, to: string, options: { outreachType: string; orgName: string }): Promise<FactSet> {
  const facts: FactSet = new Map();
  const period = describePeriod(from, to);
  facts.set('org.name', { kind: 'text', label: '单位', text: options.orgName });
  facts.set('period.label', { kind: 'text', label: '期间', text: period.label });
  facts.set('period.short', { kind: 'text', label: '期间简称', text: period.short });

  const p = await countProjectFacts(ctx, { from, to });
  facts.set('projects.applied', num('申报项目', p.applied.value, '项', 'count', 'project', p.applied.ids));
  facts.set('projects.appliedPrograms', {
    kind: 'groups', label: '按计划类别申报', unit: '项', recordType: 'project',
    groups: p.appliedByProgram.map((g) => ({ name: g.program, value: g.fact.value, ids: g.fact.ids })),
  });
  facts.set('projects.appliedLevels', {
    kind: 'groups', label: '按级别申报', unit: '项', recordType: 'project',
    groups: p.appliedByLevel.map((g) => ({ name: g.level ? `${PROJECT_LEVEL_LABELS[g.level]}级` : '未定级别', value: g.fact.value, ids: g.fact.ids })),
  });
  facts.set('projects.approved', num('立项项目', p.approved.value, '项', 'count', 'project', p.approved.ids));
  facts.set('projects.rejected', num('未获批项目', p.rejected.value, '项', 'count', 'project', p.rejected.ids));
  facts.set('projects.ongoing', num('在建项目', p.ongoingAtEnd.value, '项', 'count', 'project', p.ongoingAtEnd.ids));
  facts.set('projects.accepted', num('验收项目', p.accepted.value, '项', 'count', 'project', p.accepted.ids));
  facts.set('projects.amountApproved', num('立项资金', p.amountApproved.value, '万元', 'wan', 'project', p.amountApproved.ids));
  facts.set('projects.amountReceived', num('到位资金', p.amountReceived.value, '万元', 'wan', 'project', p.amountReceived.ids));
  facts.set('projects.visits', num('调研', p.visits.value, '次', 'count', 'visit', p.visits.ids));
  facts.set('projects.enterprisesVisited', num('调研企业', p.enterprisesVisited.value, '家', 'count', 'enterprise', p.enterprisesVisited.ids));
  facts.set('projects.leadsFound', num('项目线索', p.leadsFound.value, '个', 'count', 'project', p.leadsFound.ids));
  facts.set('projects.enteredPool', num('入库项目', p.enteredPool.value, '个', 'count', 'project', p.enteredPool.ids));
  facts.set('projects.followups', num('跟踪服务', p.followups.value, '次', 'count', 'followup', p.followups.ids));
  facts.set('projects.followedUp', num('跟踪项目', p.projectsFollowedUp.value, '个', 'count', 'project', p.projectsFollowedUp.ids));

  const e = await countEventFacts(ctx, { from, to });
  facts.set('events.count', num('活动', e.events.value, '次', 'count', 'event', e.events.ids));
  facts.set('events.sentTrainings', num('组织参加培训', e.trainingsSentTo.value, '次', 'count', 'event', e.trainingsSentTo.ids));
  facts.set('events.peopleSent', num('组织参加人数', e.peopleSent.value, '人', 'count', 'event', e.peopleSent.ids));
  const sent = e.trainingsSentTo.ids.length
    ? await ctx.db.selectFrom('events').select(['id', 'theme']).where('id', 'in', e.trainingsSentTo.ids).orderBy('start_date').execute()
    : [];
  facts.set('events.sentTrainingNames', { kind: 'names', label: '组织参加的培训', names: sent.map((s) => s.theme), recordType: 'event', ids: sent.map((s) => s.id) });

  const o = await countEventFacts(ctx, { from, to, type: options.outreachType, role: 'lead' });
  facts.set('outreach.count', num(`${options.outreachType}活动`, o.events.value, '次', 'count', 'event', o.events.ids));
  const figureUnits = { materials: '份', books: '份', leaflets: '份', boards: '块', consultations: '人次', attendees: '人', expertCount: '名' } as const;
  for (const [figure, unit] of Object.entries(figureUnits) as [keyof typeof figureUnits, string][]) {
    const f = o.totals[figure];
    facts.set(`outreach.${figure === 'expertCount' ? 'experts' : figure}`, num(EVENT_FIGURE_LABELS[figure].label, f.value, unit, figure === 'expertCount' ? 'count' : 'quantity', 'event', f.ids));
  }
  facts.set('outreach.departments', {
    kind: 'names', label: '参与部门', recordType: 'event', ids: o.departments.eventIds,
    names: o.departments.items.map((d) => d.shortName ?? d.name),
  });
  facts.set('outreach.towns', { kind: 'names', label: '到达乡镇', recordType: 'event', ids: o.townsReached.eventIds, names: o.townsReached.items.map((t) => t.name) });

  const c = await countCommissionerFacts(ctx, { from, to });
  facts.set('commissioners.active', num('在岗科技特派员', c.activeCommissioners.value, '名', 'count', 'commissioner', c.activeCommissioners.ids));
  facts.set('commissioners.logged', num('开展服务的特派员', c.commissionersWhoLogged.value, '名', 'count', 'commissioner', c.commissionersWhoLogged.ids));
  facts.set('commissioners.logs', num('服务', c.serviceLogs.value, '次', 'count', 'service_log', c.serviceLogs.ids));
  facts.set('commissioners.peopleServed', num('服务群众', c.peopleServed.value, '人次', 'quantity', 'service_log', c.peopleServed.ids));
  facts.set('commissioners.newTechniques', num('引进新品种新技术', c.newTechniques.value, '项', 'count', 'service_log', c.newTechniques.ids));
  facts.set('commissioners.supports', num('支持特派员', c.supports.value, '次', 'count', 'commissioner_support', c.supports.ids));
  facts.set('commissioners.supportAmount', num('补助资金', c.supportAmount.value, '元', 'money', 'commissioner_support', c.supportAmount.ids));
  const towns = c.logsByTown.filter((t) => t.townId !== null);
  facts.set('commissioners.towns', {
    kind: 'names', label: '服务乡镇', recordType: 'service_log', names: towns.map((t) => t.townName), ids: towns.flatMap((t) => t.fact.ids),
  });

  for (const list of await listWorklists(ctx)) {
    const w = await countWorklistFacts(ctx, list.id, { from, to });
    const base = `list.${list.name}`;
    const item = (label: string, fact: { value: number; ids: number[] }) => num(label, fact.value, '项', 'count', 'worklist_item', fact.ids);
    facts.set(`${base}.itemsAtEnd`, item(`${list.name}条目`, w.itemsAtEnd));
    facts.set(`${base}.registeredInPeriod`, item(`${list.name}期内登记`, w.registeredInPeriod));
    facts.set(`${base}.doneAtEnd`, item(`${list.name}已完成`, w.doneAtEnd));
    facts.set(`${base}.closedInPeriod`, item(`${list.name}期内销号`, w.closedInPeriod));
    facts.set(`${base}.overdueAtEnd`, item(`${list.name}逾期`, w.overdueAtEnd));
    for (const s of w.byStatusAtEnd) facts.set(`${base}.status.${s.label}`, item(`${list.name}${s.label}`, s.fact));
    const done = w.doneAtEnd.ids.length
      ? await ctx.db.selectFrom('worklist_items').select(['id', 'title']).where('id', 'in', w.doneAtEnd.ids).orderBy('registered_date').orderBy('id').execute()
      : [];
    facts.set(`${base}.doneNames`, { kind: 'names', label: `${list.name}已完成事项`, names: done.map((d) => d.title), recordType: 'worklist_item', ids: done.map((d) => d.id) });
    for (const figure of w.figures) {
      const key = `${base}.figure.${figure.key}`;
      if (figure.fact) {
        const style: NumberStyle = figure.kind === 'count' ? 'count' : figure.unit === '元' ? 'money' : 'quantity';
        facts.set(key, num(figure.label, figure.fact.value, figure.unit ?? '项', style, 'worklist_item', figure.fact.ids));
      }
      if (figure.groups) {
        facts.set(key, { kind: 'groups', label: figure.label, unit: '项', recordType: 'worklist_item', groups: figure.groups.map((g) => ({ name: g.label, value: g.fact.value, ids: g.fact.ids })) });
        for (const g of figure.groups) facts.set(`${key}.${g.label}`, item(`${figure.label}${g.label}`, g.fact));
      }
    }
  }
  return facts;
}
