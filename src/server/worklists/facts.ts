import { type CatalogueList, NAMED_FIELD_TYPES, sumUnit } from '../../shared/fact-catalogue.js';
import type { WorklistFact, WorklistFacts, WorklistMeasure } from '../../shared/worklists.js';
import { assertLedgerReader } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import type { WorklistItemRow } from '../db/types.js';
import { todayInChina } from '../projects/pipeline.js';
import { type FactSource, type FactValues, numberFact } from '../reports/fact-source.js';
import { type StoredDefinition, type Values, parseDefinition } from './definition.js';
import * as repo from './repo.js';
import { getWorklistRow, presentWorklist } from './service.js';

/**
 * The figures of one work list for a period. Rules:
 * - In the period (from its first to its last day, both included): registered = registration date
 *   in it; progressed = a progress entry dated in it (a status change or a note; the registration
 *   entry itself is not progress); handled = registered or progressed; done (= closed, 销号) =
 *   reached a done status on a day in it and still done on its last day.
 * - At the end: items on the ledger = registered on or before the last day; an item's status then =
 *   the last status change in its log dated on or before that day (registration sets the first);
 *   done / open at the end by that status; overdue = a deadline before the last day and not done.
 * - The list's figures and fields are counted twice: over the items handled in the period (what a
 *   summary of the period states) and over the items at the end (…AtEnd).
 * - Fields: number and money fields are summed, choice fields counted by option, names (text,
 *   household, place, enterprise, person, linked item) listed once each in registration order; a
 *   village is named with its town (东山镇元鱼村).
 * So a period with no records on a list states nothing of it, whatever earlier periods hold.
 */
export async function countWorklistFacts(ctx: Ctx, listId: number, period: { from: string; to: string }): Promise<WorklistFacts> {
  assertLedgerReader(ctx.actor);
  const list = await getWorklistRow(ctx, listId);
  return countListFacts(ctx, list, period);
}

async function countListFacts(ctx: Ctx, list: { id: number; key: string; name: string; definition_json: string }, period: { from: string; to: string }) {
  const def = parseDefinition(list.definition_json);
  const { items, entries } = await repo.itemsForFacts(ctx.db, list.id, period);
  const names = await referenceLookup(ctx, def, items);
  return tallyWorklistFacts(def, list, period, items, entries, names);
}

/** Display names of the people, places, enterprises and items the items' values refer to, by `type:id`. */
async function referenceLookup(ctx: Ctx, def: StoredDefinition, items: Pick<WorklistItemRow, 'values_json'>[]): Promise<Map<string, string>> {
  const ids = { person: [] as number[], place: [] as number[], enterprise: [] as number[], item: [] as number[] };
  const refFields = def.fields.filter((f) => f.type in ids);
  if (!refFields.length) return new Map();
  for (const item of items) {
    const values = JSON.parse(item.values_json) as Values;
    for (const field of refFields) {
      const v = values[field.key];
      if (typeof v === 'number') ids[field.type as keyof typeof ids].push(v);
    }
  }
  const found = await repo.referenceNames(ctx.db, ids);
  const lookup = new Map<string, string>();
  for (const p of found.people) lookup.set(`person:${p.id}`, p.name);
  for (const e of found.enterprises) lookup.set(`enterprise:${e.id}`, e.name);
  for (const i of found.items) lookup.set(`item:${i.id}`, i.name);
  for (const p of found.places) lookup.set(`place:${p.id}`, p.level === 'village' && p.parent_name ? `${p.parent_name}${p.name}` : p.name);
  return lookup;
}

type TallyItem = Pick<WorklistItemRow, 'id' | 'title' | 'registered_date' | 'deadline' | 'values_json'>;
type TallyEntry = { item_id: number; entry_date: string; from_status: string | null; to_status: string | null };

/**
 * The pure part of countWorklistFacts, over the items registered by the end and their log entries up
 * to it (every status change, and at least the other entries of the period), in date order.
 * `names` gives the display text of reference values by `type:id`.
 */
export function tallyWorklistFacts(
  def: StoredDefinition,
  list: { id: number; key: string; name: string },
  period: { from: string; to: string },
  items: TallyItem[],
  entries: TallyEntry[],
  names: Map<string, string> = new Map(),
): WorklistFacts {
  const inPeriod = (date: string) => date >= period.from && date <= period.to;
  const doneKeys = new Set(def.statuses.filter((s) => s.done).map((s) => s.key));
  const statusAtEnd = new Map<number, string>();
  const reachedDone = new Set<number>();
  const progressed = new Set<number>();
  for (const e of entries) {
    if (e.entry_date > period.to) continue;
    // The registration entry sets the first status (from nothing); every other entry is progress.
    const registration = e.from_status === null && e.to_status !== null;
    if (!registration && inPeriod(e.entry_date)) progressed.add(e.item_id);
    if (!e.to_status) continue;
    statusAtEnd.set(e.item_id, e.to_status);
    if (doneKeys.has(e.to_status) && inPeriod(e.entry_date)) reachedDone.add(e.item_id);
  }
  const ordered = items.filter((i) => i.registered_date <= period.to).sort((a, b) => a.registered_date.localeCompare(b.registered_date) || a.id - b.id);
  const byId = new Map(ordered.map((i) => [i.id, i]));
  const values = new Map(ordered.map((i) => [i.id, JSON.parse(i.values_json) as Values]));
  const isDone = (id: number) => doneKeys.has(statusAtEnd.get(id) ?? '');
  const fact = (ids: number[], value = ids.length): WorklistFact => ({ value, recordType: 'worklist_item', ids: [...ids].sort((a, b) => a - b) });
  const where = (pred: (item: TallyItem) => boolean) => ordered.filter(pred).map((i) => i.id);

  const all = where(() => true);
  const registered = where((i) => i.registered_date >= period.from);
  const handled = where((i) => i.registered_date >= period.from || progressed.has(i.id));
  const done = where((i) => reachedDone.has(i.id) && isDone(i.id));
  const doneAtEnd = where((i) => isDone(i.id));
  const titles = (ids: number[]) => ids.map((id) => byId.get(id)!.title);

  const field = (key: string | null) => def.fields.find((f) => f.key === key);
  const countGroups = (scope: number[], groups: { key: string; label: string; match: (id: number) => boolean }[]) =>
    groups.map((g) => ({ key: g.key, label: g.label, fact: fact(scope.filter(g.match)) }));
  const sumOver = (scope: number[], keys: string[]) => {
    const counted = scope.filter((id) => keys.some((k) => typeof values.get(id)?.[k] === 'number'));
    const sum = counted.reduce((s, id) => s + keys.reduce((t, k) => t + (Number(values.get(id)?.[k]) || 0), 0), 0);
    return fact(counted, Math.round(sum * 100) / 100);
  };
  const empty: WorklistMeasure = { fact: null, groups: null, names: null };

  const figureMeasure = (figure: StoredDefinition['figures'][number], items: number[]): WorklistMeasure => {
    // A figure may count only the items whose choice field has one value (类型 = 观影).
    const scope = items.filter((id) => !figure.filterFieldKey || values.get(id)?.[figure.filterFieldKey] === figure.filterValue);
    switch (figure.kind) {
      case 'count':
        return { ...empty, fact: fact(scope) };
      case 'countByStatus':
        return {
          ...empty,
          groups: countGroups(
            scope,
            def.statuses.map((s) => ({ key: s.key, label: s.label, match: (id) => statusAtEnd.get(id) === s.key })),
          ),
        };
      case 'countByChoice': {
        const f = field(figure.fieldKey);
        return {
          ...empty,
          groups: countGroups(
            scope,
            (f?.options ?? []).map((o) => ({ key: o, label: o, match: (id) => values.get(id)?.[f!.key] === o })),
          ),
        };
      }
      case 'sum':
        return { ...empty, fact: sumOver(scope, figure.fieldKeys) };
    }
  };

  const fieldMeasure = (f: StoredDefinition['fields'][number], scope: number[]): WorklistMeasure => {
    if (f.type === 'number' || f.type === 'money') return { ...empty, fact: sumOver(scope, [f.key]) };
    if (f.type === 'choice')
      return {
        ...empty,
        groups: countGroups(
          scope,
          f.options.map((o) => ({ key: o, label: o, match: (id) => values.get(id)?.[f.key] === o })),
        ),
      };
    const seen = new Map<string, number[]>();
    for (const id of scope) {
      const v = values.get(id)?.[f.key];
      if (v === null || v === undefined || v === '') continue;
      const name = typeof v === 'number' && f.type !== 'text' && f.type !== 'household' ? names.get(`${f.type}:${v}`) : String(v).trim();
      if (!name) continue;
      seen.set(name, [...(seen.get(name) ?? []), id]);
    }
    return { ...empty, names: { names: [...seen.keys()], ids: [...new Set([...seen.values()].flat())].sort((a, b) => a - b) } };
  };

  const summable = (keys: string[]) => keys.map((k) => field(k)).filter((f) => f !== undefined);
  return {
    listId: list.id,
    listKey: list.key,
    listName: list.name,
    period,
    registered: fact(registered),
    progressed: fact(where((i) => progressed.has(i.id))),
    handled: fact(handled),
    done: fact(done),
    itemsAtEnd: fact(all),
    doneAtEnd: fact(doneAtEnd),
    openAtEnd: fact(where((i) => !isDone(i.id))),
    overdueAtEnd: fact(where((i) => !isDone(i.id) && i.deadline !== null && i.deadline < period.to)),
    byStatusAtEnd: def.statuses.map((s) => ({ status: s.key, label: s.label, fact: fact(where((i) => statusAtEnd.get(i.id) === s.key)) })),
    doneNames: titles(done),
    handledNames: titles(handled),
    figures: def.figures.map((figure) => ({
      key: figure.key,
      label: figure.label,
      kind: figure.kind,
      unit: figure.kind === 'sum' ? sumUnit(summable(figure.fieldKeys)) : null,
      inPeriod: figureMeasure(figure, handled),
      atEnd: figureMeasure(figure, all),
    })),
    fields: def.fields
      .filter((f) => !f.hidden && (f.type === 'number' || f.type === 'money' || f.type === 'choice' || NAMED_FIELD_TYPES.has(f.type)))
      .map((f) => ({
        key: f.key,
        label: f.label,
        type: f.type,
        unit: f.type === 'money' ? '元' : (f.unit ?? null),
        inPeriod: fieldMeasure(f, handled),
        atEnd: fieldMeasure(f, all),
      })),
  };
}

/** A list's figures as catalogue facts (list.<key>.…; see worklistFactDefs for the keys). */
export function worklistFactValues(f: WorklistFacts): FactValues {
  const out: FactValues = new Map();
  const base = `list.${f.listKey}`;
  const set = (key: string, fact: WorklistFact) => out.set(`${base}.${key}`, numberFact(fact));
  set('registered', f.registered);
  set('progressed', f.progressed);
  set('handled', f.handled);
  set('done', f.done);
  set('closed', f.done);
  set('itemsAtEnd', f.itemsAtEnd);
  set('doneAtEnd', f.doneAtEnd);
  set('openAtEnd', f.openAtEnd);
  set('overdueAtEnd', f.overdueAtEnd);
  for (const s of f.byStatusAtEnd) set(`status.${s.status}AtEnd`, s.fact);
  out.set(`${base}.doneNames`, { kind: 'names', names: f.doneNames, ids: f.done.ids });
  out.set(`${base}.handledNames`, { kind: 'names', names: f.handledNames, ids: f.handled.ids });
  const measure = (key: string, m: WorklistMeasure) => {
    if (m.fact) out.set(key, numberFact(m.fact));
    if (m.groups) out.set(key, { kind: 'groups', groups: m.groups.map((g) => ({ key: g.key, name: g.label, value: g.fact.value, ids: g.fact.ids })) });
    if (m.names) out.set(key, { kind: 'names', names: m.names.names, ids: m.names.ids });
  };
  for (const figure of f.figures) {
    measure(`${base}.figure.${figure.key}`, figure.inPeriod);
    measure(`${base}.figure.${figure.key}AtEnd`, figure.atEnd);
  }
  for (const field of f.fields) {
    measure(`${base}.field.${field.key}`, field.inPeriod);
    measure(`${base}.field.${field.key}AtEnd`, field.atEnd);
  }
  return out;
}

/** The organisation's own work lists (archived ones included, their records still count), with keys and definitions. */
export async function ownWorklists(ctx: Ctx) {
  assertLedgerReader(ctx.actor);
  const rows = await repo.listWorklists(ctx.db, [ctx.actor.orgId], true, todayInChina());
  return rows.map((row) => ({ row, list: presentWorklist(row, ctx.actor) }));
}

/** The lists as the fact catalogue reads them. */
export async function catalogueLists(ctx: Ctx): Promise<CatalogueList[]> {
  return (await ownWorklists(ctx)).map(({ list }) => list);
}

/**
 * The plan items for a period: the items of the plan list (by key) whose period field names it
 * (2014年下半年), with their title and content fields.
 */
export async function planItems(
  ctx: Ctx,
  plan: { listKey: string; periodField: string; titleField: string; contentField: string },
  periodLabel: string,
): Promise<{ id: number; title: string; content: string }[]> {
  const list = (await ownWorklists(ctx)).find(({ row }) => row.key === plan.listKey);
  if (!list) return [];
  return (await repo.itemValuesOfList(ctx.db, list.row.id))
    .map((r) => ({ id: r.id, values: JSON.parse(r.values_json) as Values }))
    .filter((r) => r.values[plan.periodField] === periodLabel)
    .map((r) => ({ id: r.id, title: String(r.values[plan.titleField] ?? ''), content: String(r.values[plan.contentField] ?? '') }));
}

/** The work-list ledger's facts: every list of the organisation's own, by its stable key. */
export const worklistFactSource: FactSource = {
  ledger: 'lists',
  async gather(ctx, period) {
    const out: FactValues = new Map();
    for (const { row } of await ownWorklists(ctx)) {
      for (const [key, value] of worklistFactValues(await countListFacts(ctx, row, period))) out.set(key, value);
    }
    return out;
  },
};
