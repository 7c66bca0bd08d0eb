// npm run bench: how the ledger lists hold up with tens of thousands of records. Builds a temp
// database (SQLite, or PostgreSQL when DATABASE_URL is set) with N projects and their stage history,
// then times the list endpoints through the real app. Prints the median of repeated requests.
import { performance } from 'node:perf_hooks';
import { createTestApp } from '../src/server/test/harness.js';

const N = Number(process.env.BENCH_PROJECTS ?? 50_000);
const REPEAT = 15;

const t = await createTestApp();
try {
  const org = await t.factories.org({ name: '基准测试县科技局' });
  const section = await t.factories.section(org, '业务股');
  await t.factories.user({ org, section, username: 'bench' });
  const enterprises: number[] = [];
  for (let i = 0; i < 200; i++) enterprises.push((await t.factories.enterprise(org, { name: `企业${i}` })).id);

  const started = performance.now();
  const stages = ['lead', 'pool', 'applied', 'approved', 'ongoing', 'accepted'] as const;
  const now = new Date().toISOString();
  for (let offset = 0; offset < N; offset += 500) {
    await t.database.db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(500, N - offset) }, (_, k) => {
        const i = offset + k;
        const stage = stages[i % stages.length];
        const year = 2010 + (i % 10);
        const reached = stages.slice(0, stages.indexOf(stage) + 1);
        const dates = Object.fromEntries(reached.map((s, j) => [`${s}_date`, `${year}-${String(j + 1).padStart(2, '0')}-15`]));
        return {
          org_id: org.id,
          section_id: section.id,
          title: `基准项目${i}号 ${i % 7 === 0 ? '茶叶' : '机械'}`,
          enterprise_id: enterprises[i % enterprises.length],
          field: i % 2 ? 'industry' : 'agriculture',
          program: i % 3 ? '县科技计划' : '星火计划',
          level: i % 3 ? 'county' : 'province',
          manager_id: null,
          amount_applied: 100000,
          amount_approved: null,
          amount_received: null,
          amount_self_raised: null,
          stage,
          lead_date: null,
          pool_date: null,
          applied_date: null,
          approved_date: null,
          ongoing_date: null,
          accepted_date: null,
          rejected_date: null,
          stopped_date: null,
          ...dates,
          source_visit_id: null,
          description: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        };
      });
      const ids = await trx
        .insertInto('projects')
        .values(rows)
        .returning(['id', 'stage', 'lead_date', 'pool_date', 'applied_date', 'approved_date', 'ongoing_date', 'accepted_date'])
        .execute();
      const events = ids.flatMap((p) =>
        stages.slice(0, stages.indexOf(p.stage as (typeof stages)[number]) + 1).map((s, j, arr) => ({
          org_id: org.id,
          project_id: p.id,
          from_stage: j ? arr[j - 1] : null,
          to_stage: s,
          event_date: (p as unknown as Record<string, string>)[`${s}_date`],
          user_id: null,
          remark: null,
          created_at: now,
        })),
      );
      for (let j = 0; j < events.length; j += 1000)
        await trx
          .insertInto('project_stage_events')
          .values(events.slice(j, j + 1000))
          .execute();
    });
  }
  const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const client = await t.login('bench');

  async function time(label: string, url: string): Promise<void> {
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < REPEAT; i++) {
      const s = performance.now();
      const res = await client.get(url);
      samples.push(performance.now() - s);
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text}`);
      total = res.body.total ?? res.body.applied?.value ?? 0;
    }
    samples.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(34)} median ${samples[Math.floor(REPEAT / 2)].toFixed(1).padStart(7)} ms   p90 ${samples[Math.floor(REPEAT * 0.9)].toFixed(1).padStart(7)} ms   (${total})`,
    );
  }

  console.log(`\nkeguan bench on ${t.database.dialect}: ${N} projects, ${loadSeconds} s to load\n`);
  await time('projects, first page', '/api/projects?page=1&pageSize=20');
  await time('projects, page 1000', '/api/projects?page=1000&pageSize=20');
  await time('projects, filtered by stage+level', '/api/projects?stage=approved&level=province');
  await time('projects, text search', `/api/projects?q=${encodeURIComponent('茶叶')}`);
  await time('projects, applied in a year', '/api/projects?dateField=applied&from=2014-01-01&to=2014-12-31&sort=appliedDate');
  await time('stage summary', '/api/projects/stage-summary');
  await time('facts for a half-year', '/api/projects/facts?from=2014-01-01&to=2014-06-30');
} finally {
  await t.close();
}
