import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { factCatalogue, indexCatalogue } from '../../shared/fact-catalogue.js';
import type { Page } from '../../shared/common.js';
import type {
  Item,
  ItemDetail,
  ProgressEntry,
  Worklist,
  itemBodySchema,
  listItemsQuerySchema,
  progressBodySchema,
  worklistDefinitionSchema,
} from '../../shared/worklists.js';
import { DEADLINE_BEFORE_REGISTRATION } from '../../shared/worklists.js';
import { type Actor, assertLedgerReader, assertLedgerWriter, sectionForNewRecord } from '../auth/actor.js';
import { assertAllowed, designsWorklists, worklistItemPolicies, worklistItemRefusal, worklistPolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import type { WorklistItemRow, WorklistRow } from '../db/types.js';
import { claimVersion, type ExpectedVersion } from '../db/versioned.js';
import { conflict, notFound, validation } from '../http/errors.js';
import { idsInOrg } from '../orgs/repo.js';
import { readableOrgIds } from '../orgs/service.js';
import { todayInChina } from '../projects/pipeline.js';
import { type StoredDefinition, type Values, itemTitle, mergeDefinition, normalizeValues, parseDefinition, statusOf } from './definition.js';
import { checkPattern } from '../reports/template.js';
import * as repo from './repo.js';

type DefinitionInput = z.infer<typeof worklistDefinitionSchema>;

function storedOf(input: DefinitionInput): StoredDefinition {
  return {
    titleFieldKey: input.titleFieldKey,
    fields: input.fields,
    statuses: input.statuses,
    hasDeadline: input.hasDeadline,
    hasResponsible: input.hasResponsible,
    figures: input.figures,
    summary: input.summary,
  };
}

export function presentWorklist(row: WorklistRow & { item_count?: unknown; overdue_count?: unknown }, actor: Actor): Worklist {
  const def = parseDefinition(row.definition_json);
  return {
    id: row.id,
    version: row.version,
    key: row.key,
    name: row.name,
    topic: row.topic,
    description: row.description,
    titleFieldKey: def.titleFieldKey ?? null,
    fields: def.fields,
    statuses: def.statuses,
    hasDeadline: def.hasDeadline,
    hasResponsible: def.hasResponsible,
    figures: def.figures,
    sortOrder: row.sort_order,
    summary: def.summary ?? null,
    archived: row.archived === 1,
    itemCount: Number(row.item_count ?? 0),
    overdueCount: Number(row.overdue_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    policies: worklistPolicies(actor, { orgId: row.org_id }),
  };
}

/** Defining work lists is for admins and leaders. */
function assertDesigner(actor: Actor): void {
  assertAllowed(designsWorklists(actor));
}

export async function listWorklists(ctx: Ctx, includeArchived = false): Promise<Worklist[]> {
  assertLedgerReader(ctx.actor);
  return (await repo.listWorklists(ctx.db, await readableOrgIds(ctx), includeArchived, todayInChina())).map((r) => presentWorklist(r, ctx.actor));
}

export async function getWorklistRow(ctx: Ctx, id: number): Promise<WorklistRow> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findWorklist(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('台账不存在');
  return row;
}

export async function getWorklist(ctx: Ctx, id: number): Promise<Worklist> {
  const row = await getWorklistRow(ctx, id);
  const [withCounts] = await repo.listWorklists(ctx.db, [row.org_id], true, todayInChina(), row.id);
  return presentWorklist(withCounts, ctx.actor);
}

/**
 * The list's summary sentences may name the core facts and those of the bureau's lists, this one
 * included under its key: a slot naming no fact is refused here, as in a template.
 */
async function checkSummary(ctx: Ctx, list: { id: number | null; key: string; name: string }, def: StoredDefinition): Promise<void> {
  const opening = def.summary?.opening;
  const patterns = [
    ...(opening ? [{ path: 'summary.opening', pattern: opening }] : []),
    ...(def.summary?.sentences ?? []).map((pattern, i) => ({ path: `summary.sentences.${i}`, pattern })),
  ];
  if (!patterns.length) return;
  const others = (await repo.listWorklists(ctx.db, [ctx.actor.orgId], true, todayInChina()))
    .filter((r) => r.id !== list.id)
    .map((r) => presentWorklist(r, ctx.actor));
  const catalogue = indexCatalogue(
    factCatalogue([
      ...others,
      { key: list.key, name: list.name, fields: def.fields.map((f) => ({ ...f, unit: f.unit ?? null })), statuses: def.statuses, figures: def.figures },
    ]),
  );
  const problems = patterns.flatMap(({ path, pattern }) => checkPattern(pattern, path, catalogue));
  if (problems.length) {
    throw validation(
      `总结句式有${problems.length}处错误:${problems[0].slot} ${problems[0].message}`,
      problems.map((p) => ({ path: p.path, message: `${p.slot}:${p.message}` })),
    );
  }
}

async function checkTargets(ctx: Ctx, def: StoredDefinition): Promise<void> {
  for (const field of def.fields) {
    if (field.type !== 'item' || field.hidden) continue;
    const target = await repo.findWorklist(ctx.db, [ctx.actor.orgId], field.targetListId!);
    if (!target) throw validation(`字段"${field.label}"关联的台账不存在`, [{ path: `fields.${field.key}.targetListId`, message: '台账不存在' }]);
  }
}

export async function createWorklist(ctx: Ctx, input: DefinitionInput): Promise<Worklist> {
  assertDesigner(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    if (await repo.findWorklistByName(tx.db, ctx.actor.orgId, input.name)) throw conflict(`台账"${input.name}"已存在`);
    if (input.key && (await repo.findWorklistByKey(tx.db, ctx.actor.orgId, input.key))) throw conflict(`台账标识“${input.key}”已被使用`);
    const def = storedOf(input);
    await checkTargets(tx, def);
    await checkSummary(tx, { id: null, key: input.key ?? '', name: input.name }, def);
    const now = new Date().toISOString();
    const id = await repo.insertWorklist(tx.db, {
      org_id: ctx.actor.orgId,
      key: input.key ?? `new_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      name: input.name,
      topic: input.topic,
      description: input.description,
      definition_json: JSON.stringify(def),
      sort_order: input.sortOrder,
      archived: 0,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    // A list created without a key gets list_<id> (templates name its facts by it from now on).
    if (!input.key) await repo.updateWorklist(tx.db, id, { key: await repo.freeWorklistKey(tx.db, ctx.actor.orgId, `list_${id}`) });
    const after = await getWorklist(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'worklist', entityId: id, orgId: ctx.actor.orgId, after });
    return after;
  });
}

/** Changes a definition without losing entered data (see mergeDefinition). */
export async function updateWorklist(ctx: Ctx, id: number, input: DefinitionInput, expected?: ExpectedVersion): Promise<Worklist> {
  assertDesigner(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const row = await getWorklistRow(tx, id);
    assertAllowed(worklistPolicies(ctx.actor, { orgId: row.org_id }).update, '只能修改本单位的台账');
    await claimVersion(tx, 'worklists', row, expected, () => getWorklist(tx, id));
    const clash = await repo.findWorklistByName(tx.db, ctx.actor.orgId, input.name);
    if (clash && clash.id !== id) throw conflict(`台账"${input.name}"已存在`);
    if (input.key && input.key !== row.key) {
      throw validation(`台账标识不能修改(仍为“${row.key}”):总结模板按标识引用台账的数据`, [{ path: 'key', message: '台账标识不能修改' }]);
    }
    const before = presentWorklist(row, ctx.actor);
    const items = (await repo.itemsWithStatusHistory(tx.db, id)).map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      values: JSON.parse(i.values_json) as Values,
      statusHistory: i.statusHistory,
    }));
    const merged = mergeDefinition(parseDefinition(row.definition_json), storedOf(input), items);
    await checkTargets(tx, merged);
    await checkSummary(tx, { id, key: row.key, name: input.name }, merged);
    await repo.updateWorklist(tx.db, id, {
      name: input.name,
      topic: input.topic,
      description: input.description,
      definition_json: JSON.stringify(merged),
      sort_order: input.sortOrder,
      updated_at: new Date().toISOString(),
    });
    const after = await getWorklist(tx, id);
    await recordChange(tx, { action: 'update', entityType: 'worklist', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

export async function setArchived(ctx: Ctx, id: number, archived: boolean, expected?: ExpectedVersion): Promise<Worklist> {
  assertDesigner(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const row = await getWorklistRow(tx, id);
    assertAllowed(worklistPolicies(ctx.actor, { orgId: row.org_id }).update, '只能修改本单位的台账');
    await claimVersion(tx, 'worklists', row, expected, () => getWorklist(tx, id));
    await repo.updateWorklist(tx.db, id, { archived: archived ? 1 : 0, updated_at: new Date().toISOString() });
    const after = await getWorklist(tx, id);
    await recordChange(tx, {
      action: 'update',
      entityType: 'worklist',
      entityId: id,
      orgId: row.org_id,
      before: { archived: row.archived === 1 },
      after: { archived },
    });
    return after;
  });
}

export async function deleteWorklist(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertDesigner(ctx.actor);
  await inTransaction(ctx, async (tx) => {
    const row = await getWorklistRow(tx, id);
    assertAllowed(worklistPolicies(ctx.actor, { orgId: row.org_id }).delete, '只能修改本单位的台账');
    await claimVersion(tx, 'worklists', row, expected, () => getWorklist(tx, id));
    const itemCount = await repo.countItems(tx.db, id);
    if (itemCount > 0) throw conflict(`台账"${row.name}"中还有${itemCount}条记录,不能删除;不再使用可以归档`);
    await repo.deleteWorklist(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'worklist', entityId: id, orgId: row.org_id, before: presentWorklist(row, ctx.actor) });
  });
}

// ---------- items ----------

/** Checks that the people, places, enterprises and linked items a value names exist in the organisation. */
async function checkReferences(ctx: Ctx, def: StoredDefinition, values: Values): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  for (const field of def.fields) {
    const value = values[field.key];
    if (field.hidden || typeof value !== 'number') continue;
    let ok = true;
    if (field.type === 'person') ok = (await idsInOrg(ctx.db, 'users', ctx.actor.orgId, [value])).has(value);
    if (field.type === 'place') ok = (await idsInOrg(ctx.db, 'places', ctx.actor.orgId, [value])).has(value);
    if (field.type === 'enterprise') ok = (await idsInOrg(ctx.db, 'enterprises', ctx.actor.orgId, [value])).has(value);
    if (field.type === 'item') ok = (await repo.itemsOfList(ctx.db, field.targetListId!, [value])).has(value);
    if (!ok) issues.push({ path: `values.${field.key}`, message: `所选${field.label}不存在` });
  }
  if (issues.length) throw validation(issues[0].message, issues);
}

/** Display text of reference values (and numbers with their unit), one record per row. */
async function displayOf(ctx: Ctx, def: StoredDefinition, rows: { values: Values }[]): Promise<Record<string, string>[]> {
  const ids = { person: [] as number[], place: [] as number[], enterprise: [] as number[], item: [] as number[] };
  for (const row of rows) {
    for (const field of def.fields) {
      const v = row.values[field.key];
      if (typeof v === 'number' && field.type in ids) ids[field.type as keyof typeof ids].push(v);
    }
  }
  const names = await repo.referenceNames(ctx.db, ids);
  const lookup = {
    person: new Map(names.people.map((r) => [r.id, r.name])),
    place: new Map(names.places.map((r) => [r.id, r.name])),
    enterprise: new Map(names.enterprises.map((r) => [r.id, r.name])),
    item: new Map(names.items.map((r) => [r.id, r.name])),
  };
  return rows.map((row) => lookupRow(def, row.values, lookup));
}

function lookupRow(def: StoredDefinition, values: Values, lookup: Record<'person' | 'place' | 'enterprise' | 'item', Map<number, string>>) {
  const display: Record<string, string> = {};
  for (const field of def.fields) {
    const v = values[field.key];
    if (typeof v === 'number' && field.type in lookup) {
      display[field.key] = lookup[field.type as keyof typeof lookup].get(v) ?? `(已删除 #${v})`;
    } else if (typeof v === 'number' && field.type === 'number' && field.unit) {
      display[field.key] = `${v}${field.unit}`;
    }
  }
  return display;
}

async function present(ctx: Ctx, def: StoredDefinition, rows: (WorklistItemRow & { responsible_name?: string | null })[]): Promise<Item[]> {
  const parsed = rows.map((r) => ({ ...r, values: JSON.parse(r.values_json) as Values }));
  const displays = await displayOf(ctx, def, parsed);
  const people = await repo.referenceNames(ctx.db, {
    person: rows.map((r) => r.responsible_id).filter((v): v is number => v !== null),
    place: [],
    enterprise: [],
    item: [],
  });
  const names = new Map(people.people.map((p) => [p.id, p.name]));
  const today = todayInChina();
  return parsed.map((r, i) => {
    const status = statusOf(def, r.status);
    const done = r.closed_date !== null;
    return {
      id: r.id,
      version: r.version,
      listId: r.list_id,
      title: r.title,
      values: r.values,
      display: displays[i],
      status: r.status,
      statusLabel: status?.label ?? r.status,
      done,
      overdue: !done && r.deadline !== null && r.deadline < today,
      responsibleId: r.responsible_id,
      responsibleName: r.responsible_id ? (names.get(r.responsible_id) ?? null) : null,
      deadline: r.deadline,
      registeredDate: r.registered_date,
      closedDate: r.closed_date,
      closingNote: r.closing_note,
      sectionId: r.section_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      policies: itemPoliciesOf(ctx.actor, r),
    };
  });
}

function searchTextOf(title: string, def: StoredDefinition, values: Values, display: Record<string, string>): string {
  const parts = [title];
  for (const field of def.fields) {
    const v = values[field.key];
    if (v === null || v === undefined) continue;
    parts.push(display[field.key] ?? String(v));
  }
  return parts.join(' ').slice(0, 20_000);
}

async function getItemRow(ctx: Ctx, id: number): Promise<{ item: WorklistItemRow; list: WorklistRow; def: StoredDefinition }> {
  assertLedgerReader(ctx.actor);
  const orgIds = await readableOrgIds(ctx);
  const item = await repo.findItem(ctx.db, orgIds, id);
  if (!item) throw notFound('台账条目不存在');
  const list = (await repo.findWorklist(ctx.db, orgIds, item.list_id))!;
  return { item, list, def: parseDefinition(list.definition_json) };
}

/** Who may change an item: its section's staff, leaders and admins of the bureau, and the person responsible for it. */
function assertCanEditItem(actor: Actor, item: WorklistItemRow, action: 'update' | 'delete'): void {
  assertLedgerWriter(actor);
  assertAllowed(itemPoliciesOf(actor, item)[action], worklistItemRefusal(actor));
}

const itemPoliciesOf = (actor: Actor, item: WorklistItemRow) =>
  worklistItemPolicies(actor, { orgId: item.org_id, sectionId: item.section_id, responsibleId: item.responsible_id });

type ItemQuery = z.infer<typeof listItemsQuerySchema>;

export async function listItems(ctx: Ctx, listId: number, query: ItemQuery): Promise<Page<Item>> {
  const list = await getWorklistRow(ctx, listId);
  const def = parseDefinition(list.definition_json);
  const fields: { key: string; value: string; contains: boolean }[] = [];
  for (const [param, value] of Object.entries(query)) {
    if (!param.startsWith('f.') || typeof value !== 'string' || !value) continue;
    const field = def.fields.find((f) => f.key === param.slice(2));
    if (!field) throw validation(`没有字段 ${param.slice(2)}`, [{ path: param, message: '台账没有这个字段' }]);
    fields.push({ key: field.key, value, contains: field.type === 'text' || field.type === 'longtext' || field.type === 'household' });
  }
  const { rows, total } = await repo.listItems(
    ctx.db,
    ctx.dialect,
    {
      listId,
      orgIds: await readableOrgIds(ctx),
      q: query.q,
      statuses: query.status,
      responsibleId: query.responsibleId,
      overdue: query.overdue,
      today: todayInChina(),
      deadlineFrom: query.deadlineFrom,
      deadlineTo: query.deadlineTo,
      fields,
    },
    query.sort,
    query.order,
    query.page,
    query.pageSize,
  );
  return {
    items: await present(ctx, def, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
    policies: { create: worklistPolicies(ctx.actor, { orgId: list.org_id }).createItem },
  };
}

export async function getItem(ctx: Ctx, id: number): Promise<ItemDetail> {
  const { item, def } = await getItemRow(ctx, id);
  const [presented] = await present(ctx, def, [item]);
  const progress = await repo.progressOf(ctx.db, [id]);
  return {
    ...presented,
    progress: progress.map((p): ProgressEntry => ({
      id: p.id,
      entryDate: p.entry_date,
      content: p.content,
      fromStatus: p.from_status,
      toStatus: p.to_status,
      userId: p.user_id,
      userDisplayName: p.display_name ?? null,
      createdAt: p.created_at,
    })),
  };
}

type ItemInput = z.infer<typeof itemBodySchema>;

async function checkItemInput(ctx: Ctx, def: StoredDefinition, input: ItemInput, previous: Values = {}): Promise<Values> {
  const values = normalizeValues(def, input.values, previous);
  await checkReferences(ctx, def, values);
  if (input.responsibleId && !(await idsInOrg(ctx.db, 'users', ctx.actor.orgId, [input.responsibleId])).has(input.responsibleId)) {
    throw validation('责任人不属于本单位', [{ path: 'responsibleId', message: '人员不存在' }]);
  }
  return values;
}

function assertDeadlineAfter(deadline: string | null, registered: string): void {
  if (deadline && deadline < registered) {
    throw validation(`${DEADLINE_BEFORE_REGISTRATION}(${registered})`, [{ path: 'deadline', message: `${DEADLINE_BEFORE_REGISTRATION}(${registered})` }]);
  }
}

async function writeTitle(ctx: Ctx, def: StoredDefinition, id: number, values: Values): Promise<void> {
  const [display] = await displayOf(ctx, def, [{ values }]);
  const title = itemTitle(def, id, values, display).slice(0, 400);
  await repo.updateItem(ctx.db, id, { title, search_text: searchTextOf(title, def, values, display) });
}

export async function createItem(ctx: Ctx, listId: number, input: ItemInput): Promise<ItemDetail> {
  assertLedgerWriter(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const list = await getWorklistRow(tx, listId);
    assertAllowed(worklistPolicies(ctx.actor, { orgId: list.org_id }).createItem, '只能在本单位的台账中登记');
    if (list.archived) throw conflict(`台账"${list.name}"已归档,不能新增条目`);
    const def = parseDefinition(list.definition_json);
    const values = await checkItemInput(tx, def, input);
    const today = todayInChina();
    const registered = input.registeredDate ?? today;
    if (registered > today) throw validation('登记日期不能晚于今天', [{ path: 'registeredDate', message: '不能晚于今天' }]);
    assertDeadlineAfter(def.hasDeadline ? input.deadline : null, registered);
    const initial = def.statuses[0];
    const now = new Date().toISOString();
    const id = await repo.insertItem(tx.db, {
      org_id: ctx.actor.orgId,
      list_id: listId,
      section_id: sectionForNewRecord(ctx.actor, null),
      title: '',
      values_json: JSON.stringify(values),
      search_text: '',
      status: initial.key,
      responsible_id: def.hasResponsible ? input.responsibleId : null,
      deadline: def.hasDeadline ? input.deadline : null,
      registered_date: registered,
      closed_date: null,
      closing_note: null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await writeTitle(tx, def, id, values);
    await repo.insertProgress(tx.db, {
      org_id: ctx.actor.orgId,
      item_id: id,
      entry_date: registered,
      content: '登记',
      from_status: null,
      to_status: initial.key,
      user_id: ctx.actor.userId,
      created_at: now,
    });
    const after = await getItem(tx, id);
    await recordChange(tx, { action: 'create', entityType: 'worklist_item', entityId: id, orgId: ctx.actor.orgId, after: withoutProgress(after) });
    return after;
  });
}

function withoutProgress(item: ItemDetail): Item {
  const { progress: _p, ...rest } = item;
  return rest;
}

export async function updateItem(ctx: Ctx, id: number, input: ItemInput, expected?: ExpectedVersion): Promise<ItemDetail> {
  return inTransaction(ctx, async (tx) => {
    const { item, def } = await getItemRow(tx, id);
    assertCanEditItem(ctx.actor, item, 'update');
    await claimVersion(tx, 'worklist_items', item, expected, () => getItem(tx, id));
    const before = await getItem(tx, id);
    const values = await checkItemInput(tx, def, input, JSON.parse(item.values_json) as Values);
    if (input.registeredDate && input.registeredDate !== item.registered_date) {
      throw validation('登记日期不能修改', [{ path: 'registeredDate', message: '登记日期不能修改' }]);
    }
    assertDeadlineAfter(def.hasDeadline ? input.deadline : null, item.registered_date);
    await repo.updateItem(tx.db, id, {
      values_json: JSON.stringify(values),
      responsible_id: def.hasResponsible ? input.responsibleId : null,
      deadline: def.hasDeadline ? input.deadline : null,
      updated_at: new Date().toISOString(),
    });
    await writeTitle(tx, def, id, values);
    const after = await getItem(tx, id);
    await recordChange(tx, {
      action: 'update',
      entityType: 'worklist_item',
      entityId: id,
      orgId: item.org_id,
      before: withoutProgress(before),
      after: withoutProgress(after),
    });
    return after;
  });
}

export async function deleteItem(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { item } = await getItemRow(tx, id);
    assertCanEditItem(ctx.actor, item, 'delete');
    await claimVersion(tx, 'worklist_items', item, expected, () => getItem(tx, id));
    const before = await getItem(tx, id);
    await repo.deleteItem(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'worklist_item', entityId: id, orgId: item.org_id, before });
  });
}

/**
 * Adds a dated progress entry; with `toStatus` it moves the item. Reaching a done status closes the
 * item (销号) and the entry's text is the closing note; leaving a done status reopens it. Status
 * changes are dated in order, so the state on any past day can be read back from the log.
 */
export async function addProgress(ctx: Ctx, id: number, input: z.infer<typeof progressBodySchema>, expected?: ExpectedVersion): Promise<ItemDetail> {
  return inTransaction(ctx, async (tx) => {
    const { item, def } = await getItemRow(tx, id);
    assertCanEditItem(ctx.actor, item, 'update');
    // Of two entries made from the same state (two people closing one item), one wins.
    await claimVersion(tx, 'worklist_items', item, expected, () => getItem(tx, id));
    const today = todayInChina();
    if (input.entryDate > today) throw validation('日期不能晚于今天', [{ path: 'entryDate', message: '日期不能晚于今天' }]);
    if (input.entryDate < item.registered_date) {
      throw validation(`日期不能早于登记日期 ${item.registered_date}`, [{ path: 'entryDate', message: `不能早于登记日期 ${item.registered_date}` }]);
    }
    const now = new Date().toISOString();
    const patch: Parameters<typeof repo.updateItem>[2] = { updated_at: now };
    if (input.toStatus) {
      const target = statusOf(def, input.toStatus);
      if (!target) throw validation('状态不存在', [{ path: 'toStatus', message: '台账没有这个状态' }]);
      if (input.toStatus === item.status) throw conflict(`条目已经是"${target.label}"状态`);
      const history = (await repo.progressOf(tx.db, [id])).filter((p) => p.to_status);
      const lastChange = history.at(-1)?.entry_date;
      if (lastChange && input.entryDate < lastChange) {
        throw validation(`状态变更日期不能早于上一次变更(${lastChange})`, [{ path: 'entryDate', message: `不能早于 ${lastChange}` }]);
      }
      patch.status = target.key;
      patch.closed_date = target.done ? input.entryDate : null;
      patch.closing_note = target.done ? input.content : null;
    }
    await repo.insertProgress(tx.db, {
      org_id: item.org_id,
      item_id: id,
      entry_date: input.entryDate,
      content: input.content,
      from_status: input.toStatus ? item.status : null,
      to_status: input.toStatus,
      user_id: ctx.actor.userId,
      created_at: now,
    });
    await repo.updateItem(tx.db, id, patch);
    const after = await getItem(tx, id);
    await recordChange(tx, {
      action: 'update',
      entityType: 'worklist_item',
      entityId: id,
      orgId: item.org_id,
      before: { status: item.status, closedDate: item.closed_date },
      after: { status: after.status, closedDate: after.closedDate, progress: input.content },
    });
    return after;
  });
}

/** Overdue items for the home page: the user's own, and the bureau's for leaders and admins. */
export async function overdueSummary(ctx: Ctx) {
  assertLedgerReader(ctx.actor);
  const rows = await repo.overdueCounts(ctx.db, ctx.actor.orgId, todayInChina());
  const seesAll = ctx.actor.role === 'leader' || ctx.actor.role === 'admin';
  const byList = new Map<number, { listId: number; name: string; mine: number; all: number | null }>();
  for (const r of rows) {
    const entry = byList.get(r.list_id) ?? { listId: r.list_id, name: r.name, mine: 0, all: seesAll ? 0 : null };
    const count = Number(r.count);
    if (r.responsible_id === ctx.actor.userId) entry.mine += count;
    if (entry.all !== null) entry.all += count;
    byList.set(r.list_id, entry);
  }
  const lists = [...byList.values()].filter((l) => l.mine > 0 || (l.all ?? 0) > 0);
  return {
    mine: lists.reduce((s, l) => s + l.mine, 0),
    all: seesAll ? lists.reduce((s, l) => s + (l.all ?? 0), 0) : null,
    byList: lists,
  };
}
