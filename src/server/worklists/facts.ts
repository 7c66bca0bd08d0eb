import type { WorklistFact, WorklistFacts } from '../../shared/worklists.js';
import { assertLedgerReader } from '../auth/actor.js';
import type { Ctx } from '../context.js';
import type { WorklistItemRow } from '../db/types.js';
import { type StoredDefinition, type Values, parseDefinition } from './definition.js';
import * as repo from './repo.js';
import { getWorklistRow } from './service.js';

/**
 * The figures of one work list for a period, as the state was on the period's last day — so a
 * summary written months later still reports what was done by then. Rules:
 * - Items on the ledger at the end: registered on or before the last day.
 * - An item's status on the last day: the last status change in its progress log dated on or before
 *   that day (its registration sets the first status).
 * - Done at the end: in a done status then; closed in the period: reached a done status on a day in it.
 * - Overdue at the end: a deadline before the last day and not done then.
 * - The list's own figures (count, by status, by choice, sums) are over the items at the end.
 */
export async function countWorklistFacts(ctx: Ctx, listId: number, period: { from: string; to: string }): Promise<WorklistFacts> {
  assertLedgerReader(ctx.actor);
  const list = await getWorklistRow(ctx, listId);
  const def = parseDefinition(list.definition_json);
  const { items, progress } = await repo.itemsForFacts(ctx.db, listId, period.to);
  return tallyWorklistFacts(def, { id: list.id, name: list.name }, period, items, progress);
}

/** The pure part of countWorklistFacts, over items registered by the end and their status changes up to it. */
export function tallyWorklistFacts(
  def: StoredDefinition,
  list: { id: number; name: string },
  period: { from: string; to: string },
  items: Pick<WorklistItemRow, 'id' | 'registered_date' | 'deadline' | 'values_json'>[],
  statusChanges: { item_id: number; entry_date: string; to_status: string | null }[],
): WorklistFacts {
  const doneKeys = new Set(def.statuses.filter((s) => s.done).map((s) => s.key));
  const statusAtEnd = new Map<number, string>();
  const closedInPeriod = new Set<number>();
  for (const change of statusChanges) {
    if (!change.to_status) continue;
    statusAtEnd.set(change.item_id, change.to_status);
    if (doneKeys.has(change.to_status) && change.entry_date >= period.from) closedInPeriod.add(change.item_id);
  }
  const ids = (pred: (item: (typeof items)[number]) => boolean) => items.filter(pred).map((i) => i.id).sort((a, b) => a - b);
  const fact = (list: number[], value = list.length): WorklistFact => ({ value, recordType: 'worklist_item', ids: list });
  const isDone = (id: number) => doneKeys.has(statusAtEnd.get(id) ?? '');
  const values = new Map(items.map((i) => [i.id, JSON.parse(i.values_json) as Values]));
  const all = ids(() => true);

  const byStatusAtEnd = def.statuses.map((s) => ({ status: s.key, label: s.label, fact: fact(ids((i) => statusAtEnd.get(i.id) === s.key)) }));
  return {
    listId: list.id,
    listName: list.name,
    period,
    itemsAtEnd: fact(all),
    registeredInPeriod: fact(ids((i) => i.registered_date >= period.from)),
    doneAtEnd: fact(ids((i) => isDone(i.id))),
    closedInPeriod: fact(ids((i) => closedInPeriod.has(i.id) && isDone(i.id))),
    overdueAtEnd: fact(ids((i) => !isDone(i.id) && i.deadline !== null && i.deadline < period.to)),
    byStatusAtEnd,
    figures: def.figures.map((figure) => {
      const field = def.fields.find((f) => f.key === figure.fieldKey);
      // A figure may count only the items whose choice field has one value (类型 = 观影).
      const scope = (id: number) => !figure.filterFieldKey || values.get(id)?.[figure.filterFieldKey] === figure.filterValue;
      const inScope = all.filter(scope);
      const base = { key: figure.key, label: figure.label, kind: figure.kind };
      switch (figure.kind) {
        case 'count':
          return { ...base, fact: fact(inScope), groups: null, unit: null };
        case 'countByStatus':
          return {
            ...base, fact: null, unit: null,
            groups: def.statuses.map((s) => ({ key: s.key, label: s.label, fact: fact(inScope.filter((id) => statusAtEnd.get(id) === s.key)) })),
          };
        case 'countByChoice':
          return {
            ...base, fact: null, unit: null,
            groups: (field?.options ?? []).map((option) => ({
              key: option, label: option, fact: fact(inScope.filter((id) => values.get(id)?.[field!.key] === option)),
            })),
          };
        case 'sum': {
          const summed = figure.fieldKeys.map((k) => def.fields.find((f) => f.key === k)).filter((f) => f !== undefined);
          const counted = inScope.filter((id) => summed.some((f) => typeof values.get(id)?.[f.key] === 'number'));
          const sum = counted.reduce((s, id) => s + summed.reduce((t, f) => t + (Number(values.get(id)?.[f.key]) || 0), 0), 0);
          const first = summed[0];
          return { ...base, groups: null, fact: fact(counted, Math.round(sum * 100) / 100), unit: first?.type === 'money' ? '元' : (first?.unit ?? null) };
        }
      }
    }),
  };
}
