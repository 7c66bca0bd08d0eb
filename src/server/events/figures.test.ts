import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_FIGURE, EVENT_FIGURE_PARTS, EVENT_FIGURES, type EventFigure, eventFigureFactKey } from '../../shared/events.js';
import { CORE_FACTS } from '../../shared/fact-catalogue.js';
import { type TestApp, createTestApp } from '../test/harness.js';

// The event figures are declared once (EVENT_FIGURE_DEFS in shared/events.ts). These check that the
// declaration and the database agree, and that every declared figure reaches the request, the
// record, the list's totals, the period's facts and the summary's catalogue facts.

/** Integer columns of events that are not figures: keys, references and the version. */
const NOT_FIGURES = new Set(['id', 'version', 'org_id', 'section_id', 'created_by']);

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('event figures, declared once', () => {
  it('name exactly the integer columns of events that hold figures, in the migrated schema', async () => {
    const tables = await t.database.db.introspection.getTables();
    // On PostgreSQL each test file has a schema of its own; take the events table of the one in use.
    const events = tables.filter((table) => table.name === 'events');
    expect(events.length).toBeGreaterThan(0);
    const schema = t.database.dialect === 'postgres' ? await currentSchema() : undefined;
    const table = events.find((e) => schema === undefined || e.schema === schema)!;
    const integerColumns = table.columns
      .filter((c) => /^(integer|int|int4)$/i.test(c.dataType) && !NOT_FIGURES.has(c.name))
      .map((c) => ({ name: c.name, nullable: c.isNullable }));
    expect(integerColumns.map((c) => c.name).sort()).toEqual(EVENT_FIGURES.map((f) => EVENT_FIGURE[f].column).sort());
    // Every figure is optional: a null column is a figure not reported.
    expect(integerColumns.filter((c) => !c.nullable)).toEqual([]);
  });

  it('have distinct keys, columns, labels and fact keys, and parts only of declared figures', () => {
    const defs = EVENT_FIGURES.map((f) => EVENT_FIGURE[f]);
    for (const field of ['key', 'column', 'label', 'short'] as const) {
      expect(new Set(defs.map((d) => d[field])).size, field).toBe(defs.length);
    }
    for (const d of defs) if (d.partOf) expect(EVENT_FIGURES).toContain(d.partOf);
    const catalogue = new Map(CORE_FACTS.map((d) => [d.key, d]));
    for (const d of defs) {
      for (const ledger of ['events', 'outreach'] as const) {
        const key = eventFigureFactKey(d, ledger);
        if (key) expect(catalogue.get(key), key).toMatchObject({ kind: 'number', label: d.label, unit: d.unit, style: d.style, recordType: 'event' });
      }
    }
    expect(EVENT_FIGURE_PARTS).toEqual([{ whole: 'materials', parts: ['books', 'leaflets'], message: '图书与宣传单之和不能超过发放资料总数' }]);
  });

  it('each reach the record, the list totals, the period facts and the summary facts', async () => {
    const f = t.factories;
    const org = await f.org({ name: '上犹县科技局' });
    const staff = await t.login((await f.user({ org, section: await f.section(org, '业务股') })).username);
    // One 送科技下乡 event led by the bureau per figure, reporting that figure alone; a second one
    // reports every figure, so each total is the sum of two events.
    const value = (figure: EventFigure) => 100 + EVENT_FIGURES.indexOf(figure);
    const base = { type: '送科技下乡', theme: '科技下乡,为民服务', startDate: '2014-03-05', role: 'lead' };
    const single = new Map<EventFigure, number>();
    for (const figure of EVENT_FIGURES) {
      const res = await staff.post('/api/events', { ...base, [figure]: value(figure) });
      expect(res.status, res.text).toBe(200);
      expect(res.body[figure]).toBe(value(figure));
      for (const other of EVENT_FIGURES) if (other !== figure) expect(res.body[other], `${figure}: ${other}`).toBeNull();
      single.set(figure, res.body.id);
    }
    // Parts of a whole stay within it: the whole is the sum of its parts plus one.
    const all = Object.fromEntries(EVENT_FIGURES.map((figure) => [figure, value(figure)])) as Record<EventFigure, number>;
    for (const { whole, parts } of EVENT_FIGURE_PARTS) all[whole] = parts.reduce((sum, p) => sum + all[p], 1);
    const everything = await staff.post('/api/events', { ...base, ...all });
    expect(everything.status, everything.text).toBe(200);
    const total = (figure: EventFigure) => value(figure) + all[figure];

    const list = await staff.get('/api/events?from=2014-01-01&to=2014-06-30');
    expect(list.status, list.text).toBe(200);
    expect(list.body.totals).toEqual({ count: EVENT_FIGURES.length + 1, ...Object.fromEntries(EVENT_FIGURES.map((figure) => [figure, total(figure)])) });

    const facts = await staff.get('/api/events/facts?from=2014-01-01&to=2014-06-30');
    expect(facts.status, facts.text).toBe(200);
    for (const figure of EVENT_FIGURES) {
      expect(facts.body.totals[figure], figure).toEqual({
        value: total(figure),
        recordType: 'event',
        ids: [single.get(figure), everything.body.id].sort((a, b) => a - b),
      });
    }

    const catalogue = await staff.get('/api/report-templates/facts?from=2014-01-01&to=2014-06-30');
    expect(catalogue.status, catalogue.text).toBe(200);
    const values = new Map(
      (catalogue.body.items as { key: string; value: { number: number | null; text: string | null; records: number } }[]).map((i) => [i.key, i.value]),
    );
    const stated = EVENT_FIGURES.flatMap((figure) =>
      (['events', 'outreach'] as const).flatMap((ledger) => {
        const key = eventFigureFactKey(EVENT_FIGURE[figure], ledger);
        return key ? [{ key, figure }] : [];
      }),
    );
    expect(stated.length).toBeGreaterThan(0);
    for (const { key, figure } of stated) {
      expect(values.get(key), key).toMatchObject({ number: total(figure), records: 2 });
      // Written with the declared unit (300余份, 105人).
      expect(values.get(key)?.text, key).toMatch(new RegExp(`\\d余?${EVENT_FIGURE[figure].unit}$`));
    }
  });

  it('refuse parts above their whole, on the first part', async () => {
    const f = t.factories;
    const org = await f.org({ name: '崇义县科技局' });
    const staff = await t.login((await f.user({ org, section: await f.section(org, '业务股') })).username);
    for (const { whole, parts, message } of EVENT_FIGURE_PARTS) {
      const res = await staff.post('/api/events', {
        type: '送科技下乡',
        theme: '科技下乡,为民服务',
        startDate: '2014-03-05',
        role: 'lead',
        [whole]: parts.length,
        ...Object.fromEntries(parts.map((p) => [p, 1])),
        [parts[0]]: 2,
      });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.details).toEqual([{ path: parts[0], message }]);
    }
  });
});

async function currentSchema(): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.database.db);
  return rows[0]!.schema;
}
