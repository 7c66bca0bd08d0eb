import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { type FactGroup, type FactValue, projectSplitKey } from '../../shared/fact-catalogue.js';
import {
  type Fact,
  NO_GROUP_KEY,
  NO_LEVEL_LABEL,
  NO_PROGRAM_LABEL,
  PROJECT_COUNTS,
  PROJECT_DIMENSIONS,
  PROJECT_LEVELS,
  PROJECT_LEVEL_GROUP_LABELS,
  type ProjectCount,
  type ProjectDimension,
  type ProjectFacts,
  type ProjectGroup,
  type ProjectLeafGroup,
  type ProjectLevel,
  SECTORS,
  SECTOR_LABELS,
  type Sector,
  type Stage,
  type periodQuerySchema,
} from '../../shared/projects.js';
import { assertLedgerReader } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import type { DB } from '../db/types.js';
import { readableOrgIds } from '../orgs/service.js';
import { type FactSource, type FactValues, numberFact } from '../reports/fact-source.js';

/**
 * The figures of the project pipeline for a period, each with the records it counted — what the
 * work summary states about section 一 (科技管理). Rules:
 * - A project counts as applied (申报), approved (立项), rejected, accepted (验收), found as a lead
 *   (线索) or entered into the pool (入库) in the period when it reached that stage on a day from
 *   `from` to `to`, both included, by its stage history (so a project applied in one round, rejected,
 *   and applied again counts in each round's period).
 * - Under way at the end (实施中): its stage on the period's last day was 立项 or 实施.
 * - Each of applied / approved / ongoingAtEnd / accepted / rejected is split by level (国家级→部级→
 *   省级→市级→县级, then 未定级别), by field (工业→农业→社会发展) and by programme (in the order of
 *   the programme dictionary, then programmes no longer in it by name, then 未填计划类别), by the
 *   project's level, field and programme as recorded now; every group is split again by the other two
 *   dimensions (市级5项: 工业3项、农业2项). A programme group carries its dictionary item's measure word.
 * - Amounts approved and received: sums over the projects approved in the period, in 万元, and by their
 *   level. (A project records the amount received, not the day it arrived.)
 * - Milestones (中期检查 …): dated in the period, by kind in the order of the milestone_kind dictionary.
 * - Visits (调研) and follow-ups (跟踪服务): dated in the period; enterprises visited are distinct.
 * - Filters (field, program, level) narrow the projects (and their follow-ups and milestones); visits
 *   are not filtered by them.
 * Leaders of a higher organisation get the sum over the organisations below theirs.
 */
export async function countProjectFacts(ctx: Ctx, query: z.infer<typeof periodQuerySchema>): Promise<ProjectFacts> {
  assertLedgerReader(ctx.actor);
  const orgIds = await readableOrgIds(ctx);
  const { from, to } = query;
  const filter = { orgIds, field: query.field, program: query.program, level: query.level };

  const inPeriod = await projectEvents(ctx.db, filter, from, to);
  const reached = (stage: Stage) => uniqueSorted(inPeriod.filter((e) => e.to_stage === stage).map((e) => e.project_id));
  const counted: Record<ProjectCount, number[]> = {
    applied: reached('applied'),
    approved: reached('approved'),
    ongoingAtEnd: uniqueSorted(await underWayAt(ctx.db, filter, to)),
    accepted: reached('accepted'),
    rejected: reached('rejected'),
  };
  const projects = await projectAttributes(ctx.db, uniqueSorted(Object.values(counted).flat()));
  const programs = await dictionaryOrder(ctx.db, orgIds, 'program');
  const grouping = new ProjectGrouping(projects, programs);

  const sumWan = (ids: number[], column: 'amount_approved' | 'amount_received') =>
    ids.reduce((total, id) => total + Number(projects.get(id)?.[column] ?? 0), 0) / 10000;
  const amountByLevel = (column: 'amount_approved' | 'amount_received'): ProjectLeafGroup[] =>
    grouping.leaves(counted.approved, 'level').map((g) => ({ ...g, fact: { ...g.fact, value: sumWan(g.fact.ids, column) } }));

  // The older split of applications, kept for callers that read it.
  const attr = (id: number) => projects.get(id);
  const groupApplied = <K extends string>(key: (id: number) => K) => {
    const groups = new Map<K, number[]>();
    for (const id of counted.applied) groups.set(key(id), [...(groups.get(key(id)) ?? []), id]);
    return [...groups].map(([k, ids]) => ({ key: k, fact: fact('project', ids) }));
  };
  const programOf = (id: number) => attr(id)?.program ?? NO_PROGRAM_LABEL;
  const levelOf = (id: number) => (attr(id)?.level ?? null) as ProjectLevel | null;

  const visits = await visitsIn(ctx.db, orgIds, from, to);
  const followups = await followupsIn(ctx.db, filter, from, to);
  const milestones = await milestonesIn(ctx.db, filter, from, to);
  const kinds = await dictionaryOrder(ctx.db, orgIds, 'milestone_kind');

  const enterpriseIds = uniqueSorted(visits.map((v) => v.enterprise_id).filter((id): id is number => id !== null));
  return {
    period: { from, to },
    applied: fact('project', counted.applied),
    appliedByProgram: groupApplied(programOf).map(({ key, fact: f }) => ({ program: key, fact: f })),
    appliedByLevel: groupApplied((id) => (levelOf(id) ?? '') as string).map(({ key, fact: f }) => ({ level: (key || null) as ProjectLevel | null, fact: f })),
    appliedByProgramAndLevel: groupApplied((id) => `${programOf(id)}\u0000${levelOf(id) ?? ''}`).map(({ key, fact: f }) => {
      const [program, level] = key.split('\u0000');
      return { program, level: (level || null) as ProjectLevel | null, fact: f };
    }),
    approved: fact('project', counted.approved),
    rejected: fact('project', counted.rejected),
    ongoingAtEnd: fact('project', counted.ongoingAtEnd),
    accepted: fact('project', counted.accepted),
    amountApproved: { value: sumWan(counted.approved, 'amount_approved'), recordType: 'project', ids: counted.approved },
    amountReceived: { value: sumWan(counted.approved, 'amount_received'), recordType: 'project', ids: counted.approved },
    visits: fact('visit', uniqueSorted(visits.map((v) => v.id))),
    enterprisesVisited: { value: enterpriseIds.length, recordType: 'enterprise', ids: enterpriseIds },
    leadsFound: fact('project', reached('lead')),
    enteredPool: fact('project', reached('pool')),
    followups: fact('followup', uniqueSorted(followups.map((f) => f.id))),
    projectsFollowedUp: fact('project', uniqueSorted(followups.map((f) => f.project_id))),
    groups: Object.fromEntries(
      PROJECT_COUNTS.map((count) => [
        count,
        Object.fromEntries(PROJECT_DIMENSIONS.map((dimension) => [dimension, grouping.groups(counted[count], dimension)])),
      ]),
    ) as ProjectFacts['groups'],
    amountApprovedByLevel: amountByLevel('amount_approved'),
    amountReceivedByLevel: amountByLevel('amount_received'),
    milestones: fact(
      'milestone',
      milestones.map((m) => m.id),
    ),
    milestonesByKind: groupByKind(milestones, kinds),
  };
}

function fact(recordType: Fact['recordType'], ids: number[]): Fact {
  const unique = uniqueSorted(ids);
  return { value: unique.length, recordType, ids: unique };
}

function uniqueSorted(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

type ProjectFilter = { orgIds: number[]; field?: string; program?: string; level?: string };
type Attributes = {
  id: number;
  field: string;
  program: string | null;
  level: string | null;
  amount_approved: number | string | null;
  amount_received: number | string | null;
};
/** A dictionary's items in their order, by value: the label and measure word of each. */
type DictionaryOrder = Map<string, { label: string; measure: string | null; rank: number }>;

/** A candidate group before it is counted: its key, label, measure and place in the order. */
interface GroupKey {
  key: string;
  label: string;
  measure: string | null;
  rank: number;
}

/**
 * Splits sets of projects by level, field and programme, in the order the summary names them. Pure:
 * it knows each project's attributes and the programme dictionary's order.
 */
export class ProjectGrouping {
  constructor(
    private readonly projects: Map<number, Attributes>,
    private readonly programs: DictionaryOrder,
  ) {}

  private keyOf(id: number, dimension: ProjectDimension): GroupKey {
    const p = this.projects.get(id);
    if (dimension === 'level') {
      const level = p?.level as ProjectLevel | null | undefined;
      const rank = level ? PROJECT_LEVELS.indexOf(level) : -1;
      return rank >= 0
        ? { key: level!, label: PROJECT_LEVEL_GROUP_LABELS[level!], measure: null, rank }
        : { key: NO_GROUP_KEY, label: NO_LEVEL_LABEL, measure: null, rank: PROJECT_LEVELS.length };
    }
    if (dimension === 'field') {
      const field = (p?.field ?? '') as Sector;
      const rank = SECTORS.indexOf(field);
      return { key: field, label: rank >= 0 ? SECTOR_LABELS[field] : field, measure: null, rank: rank >= 0 ? rank : SECTORS.length };
    }
    const program = p?.program ?? null;
    if (!program) return { key: NO_GROUP_KEY, label: NO_PROGRAM_LABEL, measure: null, rank: Number.MAX_SAFE_INTEGER };
    const item = this.programs.get(program);
    return item
      ? { key: program, label: item.label, measure: item.measure, rank: item.rank }
      : { key: program, label: program, measure: null, rank: this.programs.size };
  }

  /** The projects `ids` split by one dimension, without sub-groups. */
  leaves(ids: number[], dimension: ProjectDimension): ProjectLeafGroup[] {
    const groups = new Map<string, GroupKey & { ids: number[] }>();
    for (const id of ids) {
      const k = this.keyOf(id, dimension);
      const group = groups.get(k.key) ?? { ...k, ids: [] };
      group.ids.push(id);
      groups.set(k.key, group);
    }
    return [...groups.values()]
      .sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label, 'zh-CN'))
      .map((g) => ({ key: g.key, label: g.label, measure: g.measure, fact: fact('project', g.ids) }));
  }

  /** The projects `ids` split by `dimension`, each group split again by the other dimensions. */
  groups(ids: number[], dimension: ProjectDimension): ProjectGroup[] {
    return this.leaves(ids, dimension).map((group) => ({
      ...group,
      sub: Object.fromEntries(PROJECT_DIMENSIONS.filter((d) => d !== dimension).map((d) => [d, this.leaves(group.fact.ids, d)])),
    }));
  }
}

/** Milestones split by kind, in the dictionary's order (kinds no longer in it after, by name). */
function groupByKind(milestones: { id: number; kind: string }[], kinds: DictionaryOrder): ProjectLeafGroup[] {
  const groups = new Map<string, { ids: number[]; label: string; measure: string | null; rank: number }>();
  for (const m of milestones) {
    const item = kinds.get(m.kind);
    const group = groups.get(m.kind) ?? { ids: [], label: item?.label ?? m.kind, measure: item?.measure ?? null, rank: item?.rank ?? kinds.size };
    group.ids.push(m.id);
    groups.set(m.kind, group);
  }
  return [...groups]
    .sort(([, a], [, b]) => a.rank - b.rank || a.label.localeCompare(b.label, 'zh-CN'))
    .map(([key, g]) => ({ key, label: g.label, measure: g.measure, fact: fact('milestone', g.ids) }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query builder with a where() of its own kind
function narrowed<Q extends { where: (...args: any[]) => Q }>(q: Q, filter: ProjectFilter): Q {
  let out = q;
  if (filter.field) out = out.where('p.field', '=', filter.field);
  if (filter.program) out = out.where('p.program', '=', filter.program);
  if (filter.level) out = out.where('p.level', '=', filter.level);
  return out;
}

/** Stage events from `from` to `to` of the projects matching the filter, in the order they happened. */
function projectEvents(db: Kysely<DB>, filter: ProjectFilter, from: string, to: string) {
  const q = db
    .selectFrom('project_stage_events as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .select(['e.id', 'e.project_id', 'e.to_stage', 'e.event_date'])
    .where('p.org_id', 'in', filter.orgIds)
    .where('e.event_date', '>=', from)
    .where('e.event_date', '<=', to);
  return narrowed(q, filter).orderBy('e.event_date').orderBy('e.id').execute();
}

/** Level, field, programme and amounts of the projects counted. */
async function projectAttributes(db: Kysely<DB>, ids: number[]): Promise<Map<number, Attributes>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('projects')
    .select(['id', 'field', 'program', 'level', 'amount_approved', 'amount_received'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The items of a dictionary of the organisations read, in their order: the first organisation's
 * order for a value that several share (a county leader reads one organisation).
 */
async function dictionaryOrder(db: Kysely<DB>, orgIds: number[], code: string): Promise<DictionaryOrder> {
  const rows = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select(['i.value', 'i.label', 'i.measure'])
    .where('d.org_id', 'in', orgIds)
    .where('d.code', '=', code)
    .orderBy('d.org_id')
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
  const order: DictionaryOrder = new Map();
  for (const r of rows) if (!order.has(r.value)) order.set(r.value, { label: r.label, measure: r.measure, rank: order.size });
  return order;
}

/** Projects whose last stage reached on or before `to` was 立项 or 实施 (the database picks each project's last event). */
async function underWayAt(db: Kysely<DB>, filter: ProjectFilter, to: string): Promise<number[]> {
  const rows = await db
    .with('ranked', (w) => {
      const q = w
        .selectFrom('project_stage_events as e')
        .innerJoin('projects as p', 'p.id', 'e.project_id')
        .select(['e.project_id', 'e.to_stage'])
        .select(sql<number>`row_number() over (partition by e.project_id order by e.event_date desc, e.id desc)`.as('rn'))
        .where('p.org_id', 'in', filter.orgIds)
        .where('e.event_date', '<=', to);
      return narrowed(q, filter);
    })
    .selectFrom('ranked')
    .select('project_id')
    .where('rn', '=', 1)
    .where('to_stage', 'in', ['approved', 'ongoing'])
    .execute();
  return rows.map((r) => r.project_id);
}

function visitsIn(db: Kysely<DB>, orgIds: number[], from: string, to: string) {
  return db
    .selectFrom('visits as v')
    .leftJoin('visit_enterprises as ve', 've.visit_id', 'v.id')
    .select(['v.id', 've.enterprise_id'])
    .where('v.org_id', 'in', orgIds)
    .where('v.visit_date', '>=', from)
    .where('v.visit_date', '<=', to)
    .execute();
}

function followupsIn(db: Kysely<DB>, filter: ProjectFilter, from: string, to: string) {
  const q = db
    .selectFrom('project_followups as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .select(['f.id', 'f.project_id'])
    .where('f.org_id', 'in', filter.orgIds)
    .where('f.followup_date', '>=', from)
    .where('f.followup_date', '<=', to);
  return narrowed(q, filter).execute();
}

function milestonesIn(db: Kysely<DB>, filter: ProjectFilter, from: string, to: string) {
  const q = db
    .selectFrom('project_milestones as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['m.id', 'm.kind'])
    .where('m.org_id', 'in', filter.orgIds)
    .where('m.milestone_date', '>=', from)
    .where('m.milestone_date', '<=', to);
  return narrowed(q, filter).orderBy('m.milestone_date').orderBy('m.id').execute();
}

// ---------- the summary's project facts ----------

function leafGroup(g: ProjectLeafGroup): FactGroup {
  return { key: g.key, name: g.label, value: g.fact.value, ids: g.fact.ids, ...(g.measure ? { measure: g.measure } : {}) };
}

function factGroup(g: ProjectGroup): FactGroup {
  return { ...leafGroup(g), sub: Object.fromEntries(Object.entries(g.sub).map(([d, leaves]) => [d, leaves.map(leafGroup)])) };
}

/** The project facts of the catalogue (projects.*) for a period. */
export const projectFactSource: FactSource = {
  ledger: 'projects',
  async gather(ctx, period) {
    const p = await countProjectFacts(ctx, period);
    const facts: FactValues = new Map();
    const groups = (list: ProjectLeafGroup[] | ProjectGroup[]): FactValue => ({
      kind: 'groups',
      groups: list.map((g) => ('sub' in g ? factGroup(g) : leafGroup(g))),
    });
    for (const count of PROJECT_COUNTS) {
      facts.set(count === 'ongoingAtEnd' ? 'projects.ongoingAtEnd' : `projects.${count}`, numberFact(p[count]));
      for (const dimension of PROJECT_DIMENSIONS) facts.set(projectSplitKey(count, dimension), groups(p.groups[count][dimension]));
    }
    facts.set('projects.appliedPrograms', groups(p.groups.applied.program));
    facts.set('projects.appliedLevels', groups(p.groups.applied.level));
    facts.set('projects.amountApproved', numberFact(p.amountApproved));
    facts.set('projects.amountReceived', numberFact(p.amountReceived));
    facts.set('projects.amountApprovedByLevel', groups(p.amountApprovedByLevel));
    facts.set('projects.amountReceivedByLevel', groups(p.amountReceivedByLevel));
    facts.set('projects.milestones', numberFact(p.milestones));
    facts.set('projects.milestonesByKind', groups(p.milestonesByKind));
    facts.set('projects.visits', numberFact(p.visits));
    facts.set('projects.enterprisesVisited', numberFact(p.enterprisesVisited));
    facts.set('projects.leadsFound', numberFact(p.leadsFound));
    facts.set('projects.enteredPool', numberFact(p.enteredPool));
    facts.set('projects.followups', numberFact(p.followups));
    facts.set('projects.followedUp', numberFact(p.projectsFollowedUp));
    return facts;
  },
};
