import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Fact, ProjectFacts, ProjectLevel, Stage, periodQuerySchema } from '../../shared/projects.js';
import { assertLedgerReader } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import type { DB } from '../db/types.js';
import { readableOrgIds } from '../orgs/service.js';

/**
 * The figures of the project pipeline for a period, each with the records it counted — what the
 * work summary states about section 一 (科技管理). Rules:
 * - A project counts as applied (申报), approved (立项), rejected, accepted (验收), found as a lead
 *   (线索) or entered into the pool (入库) in the period when it reached that stage on a day from
 *   `from` to `to`, both included, by its stage history (so a project applied in one round, rejected,
 *   and applied again counts in each round's period).
 * - Under way at the end (实施中): its stage on the period's last day was 立项 or 实施.
 * - Amounts approved and received: sums over the projects approved in the period, in 万元.
 * - Visits (调研) and follow-ups (跟踪服务): dated in the period; enterprises visited are distinct.
 * - Filters (field, program, level) narrow the projects; visits are not filtered by them.
 * Leaders of a higher organisation get the sum over the organisations below theirs.
 */
export async function countProjectFacts(ctx: Ctx, query: z.infer<typeof periodQuerySchema>): Promise<ProjectFacts> {
  assertLedgerReader(ctx.actor);
  const orgIds = await readableOrgIds(ctx);
  const { from, to } = query;
  const filter = { orgIds, field: query.field, program: query.program, level: query.level };

  const inPeriod = await projectEvents(ctx.db, filter, from, to);
  const reached = (stage: Stage) => uniqueSorted(inPeriod.filter((e) => e.to_stage === stage).map((e) => e.project_id));
  const projects = new Map(inPeriod.map((e) => [e.project_id, e]));

  const applied = reached('applied');
  const approved = reached('approved');
  const ongoingAtEnd = uniqueSorted(await underWayAt(ctx.db, filter, to));

  const sum = (ids: number[], column: 'amount_approved' | 'amount_received') =>
    ids.reduce((total, id) => total + Number(projects.get(id)?.[column] ?? 0), 0) / 10000;

  const groupApplied = <K extends string>(key: (id: number) => K) => {
    const groups = new Map<K, number[]>();
    for (const id of applied) groups.set(key(id), [...(groups.get(key(id)) ?? []), id]);
    return [...groups].map(([k, ids]) => ({ key: k, fact: fact('project', ids) }));
  };
  const programOf = (id: number) => projects.get(id)?.program ?? '未填计划类别';
  const levelOf = (id: number) => (projects.get(id)?.level ?? null) as ProjectLevel | null;

  const visits = await ctx.db
    .selectFrom('visits as v')
    .leftJoin('visit_enterprises as ve', 've.visit_id', 'v.id')
    .select(['v.id', 've.enterprise_id'])
    .where('v.org_id', 'in', orgIds)
    .where('v.visit_date', '>=', from)
    .where('v.visit_date', '<=', to)
    .execute();

  let followupQuery = ctx.db
    .selectFrom('project_followups as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .select(['f.id', 'f.project_id'])
    .where('f.org_id', 'in', orgIds)
    .where('f.followup_date', '>=', from)
    .where('f.followup_date', '<=', to);
  if (filter.field) followupQuery = followupQuery.where('p.field', '=', filter.field);
  if (filter.program) followupQuery = followupQuery.where('p.program', '=', filter.program);
  if (filter.level) followupQuery = followupQuery.where('p.level', '=', filter.level);
  const followups = await followupQuery.execute();

  const enterpriseIds = uniqueSorted(visits.map((v) => v.enterprise_id).filter((id): id is number => id !== null));
  return {
    period: { from, to },
    applied: fact('project', applied),
    appliedByProgram: groupApplied(programOf).map(({ key, fact: f }) => ({ program: key, fact: f })),
    appliedByLevel: groupApplied((id) => (levelOf(id) ?? '') as string).map(({ key, fact: f }) => ({ level: (key || null) as ProjectLevel | null, fact: f })),
    appliedByProgramAndLevel: groupApplied((id) => `${programOf(id)}\u0000${levelOf(id) ?? ''}`).map(({ key, fact: f }) => {
      const [program, level] = key.split('\u0000');
      return { program, level: (level || null) as ProjectLevel | null, fact: f };
    }),
    approved: fact('project', approved),
    rejected: fact('project', reached('rejected')),
    ongoingAtEnd: fact('project', ongoingAtEnd),
    accepted: fact('project', reached('accepted')),
    amountApproved: { value: sum(approved, 'amount_approved'), recordType: 'project', ids: approved },
    amountReceived: { value: sum(approved, 'amount_received'), recordType: 'project', ids: approved },
    visits: fact('visit', uniqueSorted(visits.map((v) => v.id))),
    enterprisesVisited: { value: enterpriseIds.length, recordType: 'enterprise', ids: enterpriseIds },
    leadsFound: fact('project', reached('lead')),
    enteredPool: fact('project', reached('pool')),
    followups: fact('followup', uniqueSorted(followups.map((f) => f.id))),
    projectsFollowedUp: fact('project', uniqueSorted(followups.map((f) => f.project_id))),
  };
}

function fact(recordType: Fact['recordType'], ids: number[]): Fact {
  return { value: ids.length, recordType, ids };
}

function uniqueSorted(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

type ProjectFilter = { orgIds: number[]; field?: string; program?: string; level?: string };

/** Stage events from `from` to `to` of the projects matching the filter, in the order they happened. */
function projectEvents(db: Kysely<DB>, filter: ProjectFilter, from: string, to: string) {
  let q = db
    .selectFrom('project_stage_events as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .select(['e.id', 'e.project_id', 'e.to_stage', 'e.event_date', 'p.program', 'p.level', 'p.amount_approved', 'p.amount_received'])
    .where('p.org_id', 'in', filter.orgIds)
    .where('e.event_date', '>=', from)
    .where('e.event_date', '<=', to);
  if (filter.field) q = q.where('p.field', '=', filter.field);
  if (filter.program) q = q.where('p.program', '=', filter.program);
  if (filter.level) q = q.where('p.level', '=', filter.level);
  return q.orderBy('e.event_date').orderBy('e.id').execute();
}

/** Projects whose last stage reached on or before `to` was 立项 or 实施 (the database picks each project's last event). */
async function underWayAt(db: Kysely<DB>, filter: ProjectFilter, to: string): Promise<number[]> {
  const rows = await db
    .with('ranked', (w) => {
      let q = w
        .selectFrom('project_stage_events as e')
        .innerJoin('projects as p', 'p.id', 'e.project_id')
        .select(['e.project_id', 'e.to_stage'])
        .select(sql<number>`row_number() over (partition by e.project_id order by e.event_date desc, e.id desc)`.as('rn'))
        .where('p.org_id', 'in', filter.orgIds)
        .where('e.event_date', '<=', to);
      if (filter.field) q = q.where('p.field', '=', filter.field);
      if (filter.program) q = q.where('p.program', '=', filter.program);
      if (filter.level) q = q.where('p.level', '=', filter.level);
      return q;
    })
    .selectFrom('ranked')
    .select('project_id')
    .where('rn', '=', 1)
    .where('to_stage', 'in', ['approved', 'ongoing'])
    .execute();
  return rows.map((r) => r.project_id);
}
