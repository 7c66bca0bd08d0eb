import type { z } from 'zod';
import { FACT_LEDGERS, FACT_LEDGER_LABELS, type FactDef, factCatalogue, indexCatalogue } from '../../shared/fact-catalogue.js';
import type {
  DraftDoc,
  FactInfo,
  FigureRef,
  KeptSentence,
  Report,
  Version,
  VersionCompare,
  createReportBodySchema,
  factsQuerySchema,
  previewBodySchema,
  saveVersionBodySchema,
} from '../../shared/reports.js';
import { type TemplateDefinition, templateDefinitionSchema } from '../../shared/reports.js';
import { ORG_LEVELS } from '../../shared/roles.js';
import { type Actor, assertLedgerReader, assertLedgerWriter, readsSubtree } from '../auth/actor.js';
import { assertAllowed, editsTemplates, mayDraftReport, reportListPolicies, reportPolicies, templatePolicies } from '../auth/policies.js';
import { recordChange } from '../audit/service.js';
import { type Ctx, inTransaction } from '../context.js';
import { bumpVersion, claimVersion, type ExpectedVersion } from '../db/versioned.js';
import { type AppError, conflict, notFound, validation } from '../http/errors.js';
import { findOrg, listChildren } from '../orgs/repo.js';
import { readableOrgIds } from '../orgs/service.js';
import { catalogueLists, ownWorklists, planItems } from '../worklists/facts.js';
import { type DraftFacts, buildDraft, renderPattern, renderSlot } from './draft.js';
import type { FactOptions, FactValues } from './fact-source.js';
import { gatherFacts } from './facts.js';
import { describePeriod } from './period.js';
import { compareDocs } from './compare.js';
import * as repo from './repo.js';
import { rollupAppendix, rollupFor } from './rollup.js';
import { mergeParagraph } from './sentences.js';
import { DEFAULT_OUTREACH_TYPE, buildDefaultTemplate, checkPattern, checkTemplate, parseSlots } from './template.js';

// ---------- templates ----------

function presentTemplate(
  row: {
    id: number;
    version: number;
    name: string;
    is_default: number;
    definition_json: string;
    created_at: string;
    updated_at: string;
  },
  actor: Actor,
) {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    isDefault: row.is_default === 1,
    definition: JSON.parse(row.definition_json) as TemplateDefinition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    policies: templatePolicies(actor),
  };
}

/** The default template as the bureau's work lists give it now, in the words of its level (a city speaks for its counties too). */
async function currentDefaultTemplate(ctx: Ctx): Promise<TemplateDefinition> {
  const { org } = await factOptions(ctx, DEFAULT_OUTREACH_TYPE);
  return buildDefaultTemplate(
    (await ownWorklists(ctx)).map(({ list }) => list),
    org.level,
  );
}

/**
 * The organisation's templates. The default one is built on first use from the core sections and
 * the bureau's work lists, and rebuilt as the lists change until a person saves it (auto).
 */
export async function listTemplates(ctx: Ctx) {
  assertLedgerReader(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    let rows = await repo.listTemplates(tx.db, ctx.actor.orgId);
    const now = new Date().toISOString();
    if (!rows.length) {
      const def = await currentDefaultTemplate(tx);
      await repo.insertTemplate(tx.db, {
        org_id: ctx.actor.orgId,
        name: def.name,
        definition_json: JSON.stringify(def),
        is_default: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      rows = await repo.listTemplates(tx.db, ctx.actor.orgId);
    } else {
      for (const row of rows) {
        if (!row.is_default || !(JSON.parse(row.definition_json) as Partial<TemplateDefinition>).auto) continue;
        // Rebuilt under the name it has, so it never clashes with a template of the bureau's own.
        const json = JSON.stringify({ ...(await currentDefaultTemplate(tx)), name: row.name });
        if (json === row.definition_json) continue;
        await repo.updateTemplate(tx.db, row.id, { definition_json: json, updated_at: now });
        row.definition_json = json;
        row.updated_at = now;
      }
    }
    return rows.map((r) => presentTemplate(r, ctx.actor));
  });
}

async function factOptions(ctx: Ctx, outreachType: string): Promise<FactOptions> {
  const org = await findOrg(ctx.db, ctx.actor.orgId);
  const level = ORG_LEVELS.find((l) => l === org?.level) ?? 'county';
  return { outreachType, org: { name: org?.name ?? '', level } };
}

/** Every fact templates may name for this organisation: the core facts and those of its own work lists. */
async function catalogueFor(ctx: Ctx): Promise<FactDef[]> {
  return factCatalogue(await catalogueLists(ctx));
}

/** Problems of a template: each slot that names no fact of the catalogue; an unknown plan list or field. */
export async function checkTemplateDefinition(ctx: Ctx, def: TemplateDefinition) {
  assertLedgerReader(ctx.actor);
  const problems = checkTemplate(def, indexCatalogue(await catalogueFor(ctx)));
  if (def.plan) {
    const list = (await ownWorklists(ctx)).find(({ list: l }) => l.key === def.plan!.listKey)?.list;
    if (!list) problems.push({ path: 'plan.listKey', slot: def.plan.listKey, message: `没有标识为“${def.plan.listKey}”的台账` });
    else {
      for (const field of ['periodField', 'titleField', 'contentField'] as const) {
        if (!list.fields.some((f) => f.key === def.plan![field])) {
          problems.push({ path: `plan.${field}`, slot: def.plan[field], message: `台账“${list.name}”没有字段“${def.plan[field]}”` });
        }
      }
    }
  }
  return { ok: problems.length === 0, problems };
}

function assertAuthor(actor: Actor): void {
  assertAllowed(editsTemplates(actor));
}

async function validTemplate(ctx: Ctx, def: TemplateDefinition): Promise<void> {
  const { problems } = await checkTemplateDefinition(ctx, def);
  if (problems.length) {
    throw validation(
      `模板有${problems.length}处错误:${problems[0].slot} ${problems[0].message}`,
      problems.map((p) => ({ path: p.path, message: `${p.slot}:${p.message}` })),
    );
  }
}

/** A template a person saves is theirs: never rebuilt from the work lists. */
function ownedBySomeone(def: TemplateDefinition): TemplateDefinition {
  return { ...def, auto: false };
}

export async function createTemplate(ctx: Ctx, input: TemplateDefinition) {
  assertAuthor(ctx.actor);
  const def = ownedBySomeone(input);
  return inTransaction(ctx, async (tx) => {
    await validTemplate(tx, def);
    if (await repo.findTemplateByName(tx.db, ctx.actor.orgId, def.name)) throw conflict(`模板“${def.name}”已存在`);
    const now = new Date().toISOString();
    const id = await repo.insertTemplate(tx.db, {
      org_id: ctx.actor.orgId,
      name: def.name,
      definition_json: JSON.stringify(def),
      is_default: 0,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    const after = presentTemplate((await repo.findTemplate(tx.db, ctx.actor.orgId, id))!, ctx.actor);
    await recordChange(tx, { action: 'create', entityType: 'report_template', entityId: id, orgId: ctx.actor.orgId, after });
    return after;
  });
}

export async function updateTemplate(ctx: Ctx, id: number, input: TemplateDefinition, expected?: ExpectedVersion) {
  assertAuthor(ctx.actor);
  const def = ownedBySomeone(input);
  return inTransaction(ctx, async (tx) => {
    const row = await repo.findTemplate(tx.db, ctx.actor.orgId, id);
    if (!row) throw notFound('模板不存在');
    await claimVersion(tx, 'report_templates', row, expected, async () => {
      const now = await repo.findTemplate(tx.db, ctx.actor.orgId, id);
      return now ? presentTemplate(now, ctx.actor) : null;
    });
    await validTemplate(tx, def);
    const clash = await repo.findTemplateByName(tx.db, ctx.actor.orgId, def.name);
    if (clash && clash.id !== id) throw conflict(`模板“${def.name}”已存在`);
    await repo.updateTemplate(tx.db, id, { name: def.name, definition_json: JSON.stringify(def), updated_at: new Date().toISOString() });
    const after = presentTemplate((await repo.findTemplate(tx.db, ctx.actor.orgId, id))!, ctx.actor);
    await recordChange(tx, {
      action: 'update',
      entityType: 'report_template',
      entityId: id,
      orgId: ctx.actor.orgId,
      before: presentTemplate(row, ctx.actor),
      after,
    });
    return after;
  });
}

export async function deleteTemplate(ctx: Ctx, id: number, expected?: ExpectedVersion): Promise<void> {
  assertAuthor(ctx.actor);
  await inTransaction(ctx, async (tx) => {
    const row = await repo.findTemplate(tx.db, ctx.actor.orgId, id);
    if (!row) throw notFound('模板不存在');
    await claimVersion(tx, 'report_templates', row, expected, async () => {
      const now = await repo.findTemplate(tx.db, ctx.actor.orgId, id);
      return now ? presentTemplate(now, ctx.actor) : null;
    });
    if (row.is_default) throw conflict('默认模板不能删除,可以修改');
    await repo.deleteTemplate(tx.db, id);
    await recordChange(tx, { action: 'delete', entityType: 'report_template', entityId: id, orgId: ctx.actor.orgId, before: presentTemplate(row, ctx.actor) });
  });
}

// ---------- drafting ----------

/** A template as stored (with a report, or saved before a field was added), read with today's defaults. */
function storedTemplate(json: string): TemplateDefinition {
  const raw: unknown = JSON.parse(json);
  const parsed = templateDefinitionSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as TemplateDefinition);
}

/** The period's facts, the catalogue they are declared in, and the same facts a year earlier (同比). */
async function draftFacts(ctx: Ctx, from: string, to: string, outreachType: string, withPrevious = true): Promise<DraftFacts> {
  const period = describePeriod(from, to);
  const options = await factOptions(ctx, outreachType);
  return {
    facts: await gatherFacts(ctx, { from, to }, options),
    previous: withPrevious ? await gatherFacts(ctx, period.yearEarlier, options) : null,
    catalogue: indexCatalogue(await catalogueFor(ctx)),
  };
}

/**
 * Facts of the period and of the same period a year earlier, and the draft they give. A draft
 * rolled up from the organisations below (a city's or a province's, drafted by a leader or an admin)
 * appends their figures side by side (附件), its total being the facts the draft states.
 */
export async function draftFor(ctx: Ctx, from: string, to: string, template: TemplateDefinition): Promise<{ doc: DraftDoc; facts: FactValues }> {
  // A city's (or province's) summary states the figures of all its organisations (全市…): only who reads
  // them all may draft it; staff, who read their own bureau's records, would state those as the city's.
  assertAllowed(mayDraftReport(ctx.actor, await hasSubordinates(ctx)), '本单位有下级单位，工作总结汇总全部下级单位的数据，请由局领导或管理员起草');
  const period = describePeriod(from, to);
  const input = await draftFacts(ctx, from, to, template.outreachType);
  const plan = template.plan && period.next ? await planItems(ctx, template.plan, period.next.label) : [];
  const doc = buildDraft(template, input, period, plan);
  const appendix = readsSubtree(ctx.actor) ? rollupAppendix(await rollupFor(ctx, { from, to }, input.facts)) : null;
  return { doc: appendix ? { ...doc, appendix } : doc, facts: input.facts };
}

/** Whether the actor's organisation has organisations below it (whose figures its summary states). */
async function hasSubordinates(ctx: Ctx): Promise<boolean> {
  return (await listChildren(ctx.db, ctx.actor.orgId)).length > 0;
}

function presentReport(row: repo.ReportView, actor: Actor): Report {
  return {
    policies: reportPolicies(actor, { orgId: row.org_id }),
    id: row.id,
    version: row.version,
    title: row.title,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    periodLabel: row.period_label,
    templateId: row.template_id,
    templateName: storedTemplate(row.template_json).name,
    latestVersion: Number(row.latest_version ?? 0),
    createdByName: row.created_by_name ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function presentVersion(row: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>): Version {
  return {
    id: row.id,
    versionNo: row.version_no,
    note: row.note,
    createdByName: row.created_by_name ?? null,
    createdAt: row.created_at,
    doc: JSON.parse(row.content_json) as DraftDoc,
  };
}

/** The summaries the user reads, and whether they may draft one. */
export async function listReports(ctx: Ctx): Promise<{ items: Report[]; policies: { create: boolean } }> {
  assertLedgerReader(ctx.actor);
  return {
    items: (await repo.listReports(ctx.db, await readableOrgIds(ctx))).map((r) => presentReport(r, ctx.actor)),
    policies: reportListPolicies(ctx.actor, await hasSubordinates(ctx)),
  };
}

async function getReportRow(ctx: Ctx, id: number): Promise<repo.ReportView> {
  assertLedgerReader(ctx.actor);
  const row = await repo.findReport(ctx.db, await readableOrgIds(ctx), id);
  if (!row) throw notFound('工作总结不存在');
  return row;
}

async function getEditableReportRow(ctx: Ctx, id: number): Promise<repo.ReportView> {
  assertLedgerWriter(ctx.actor);
  const row = await getReportRow(ctx, id);
  assertAllowed(reportPolicies(ctx.actor, { orgId: row.org_id }).update, '只能修改本单位的工作总结');
  return row;
}

export async function getReport(ctx: Ctx, id: number): Promise<Report & { latest: Version }> {
  const row = await getReportRow(ctx, id);
  const latest = await repo.findVersion(ctx.db, id, Number(row.latest_version));
  return { ...presentReport(row, ctx.actor), latest: presentVersion(latest!) };
}

/** Drafts a summary for a period with a template and keeps it as version 1. */
export async function createReport(ctx: Ctx, input: z.infer<typeof createReportBodySchema>): Promise<Report & { latest: Version }> {
  assertLedgerWriter(ctx.actor);
  const templates = await listTemplates(ctx);
  const template = input.templateId ? templates.find((t) => t.id === input.templateId) : (templates.find((t) => t.isDefault) ?? templates[0]);
  if (!template) throw validation('模板不存在', [{ path: 'templateId', message: '模板不存在' }]);
  const definition = templateDefinitionSchema.parse(template.definition);
  return inTransaction(ctx, async (tx) => {
    const { doc } = await draftFor(tx, input.from, input.to, definition);
    const now = new Date().toISOString();
    const id = await repo.insertReport(tx.db, {
      org_id: ctx.actor.orgId,
      title: doc.title,
      period_from: input.from,
      period_to: input.to,
      period_label: describePeriod(input.from, input.to).label,
      template_id: template.id,
      template_json: JSON.stringify(definition),
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    const json = JSON.stringify(doc);
    await repo.insertVersion(tx.db, {
      org_id: ctx.actor.orgId,
      report_id: id,
      version_no: 1,
      content_json: json,
      generated_json: json,
      note: '自动起草',
      created_by: ctx.actor.userId,
      created_at: now,
    });
    const report = await getReport(tx, id);
    await recordChange(tx, {
      action: 'create',
      entityType: 'report',
      entityId: id,
      orgId: ctx.actor.orgId,
      after: { title: report.title, period: report.periodLabel, template: report.templateName },
    });
    return report;
  });
}

export async function listVersions(ctx: Ctx, id: number): Promise<Omit<Version, 'doc'>[]> {
  await getReportRow(ctx, id);
  return (await repo.listVersions(ctx.db, id)).map((v) => ({
    id: v.id,
    versionNo: v.version_no,
    note: v.note,
    createdByName: v.created_by_name ?? null,
    createdAt: v.created_at,
  }));
}

export async function getVersion(ctx: Ctx, id: number, versionNo: number): Promise<Version> {
  await getReportRow(ctx, id);
  const row = await repo.findVersion(ctx.db, id, versionNo);
  if (!row) throw notFound('版本不存在');
  return presentVersion(row);
}

/** An ISO time as people read it in China: 12月2日 08:30. */
function chinaTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}

/**
 * The 409 of a save based on an older version: it names the version that blocks it, who saved it
 * and when, and says so plainly when that was the same user (in another tab or on another PC).
 */
async function versionConflict(ctx: Ctx, id: number): Promise<AppError> {
  const current = await getReport(ctx, id);
  const latest = (await repo.findVersion(ctx.db, id, current.latestVersion))!;
  const self = latest.created_by !== null && latest.created_by === ctx.actor.userId;
  const when = chinaTime(latest.created_at);
  const message = self
    ? `您在另一处保存了第${current.latestVersion}版（${when}），请先查看最新版本再保存`
    : `这份总结已由${latest.created_by_name ?? '他人'}于${when}保存了第${current.latestVersion}版，请先查看最新版本再保存`;
  return conflict(message, {
    latestVersion: current.latestVersion,
    savedBy: { name: latest.created_by_name ?? null, at: latest.created_at, self },
    current,
  });
}

/** Saves edited text as the next version; refused when someone saved a newer version meanwhile. */
export async function saveVersion(ctx: Ctx, id: number, input: z.infer<typeof saveVersionBodySchema>, generated?: DraftDoc): Promise<Version> {
  return inTransaction(ctx, async (tx) => {
    const row = await getEditableReportRow(tx, id);
    if (input.fromRedraft && !generated) {
      // A saved redraft is the new baseline: its paragraphs count as drafted, not as edited by hand,
      // so the next redraft keeps updating them; with the current template the report adopts it.
      const template = input.fromRedraft === 'current' ? await currentTemplateOf(tx, row.template_id) : storedTemplate(row.template_json);
      if (!template) throw notFound(TEMPLATE_DELETED);
      generated = (await draftFor(tx, row.period_from, row.period_to, template)).doc;
      if (input.fromRedraft === 'current') await repo.setReportTemplate(tx.db, id, JSON.stringify(template));
    }
    const latestNo = Number(row.latest_version);
    if (input.baseVersion !== latestNo) throw await versionConflict(tx, id);
    // The report's version is its latest version number: taking the next one atomically means two
    // saves based on the same version cannot both go through.
    if (!(await bumpVersion(tx.db, 'reports', id, latestNo))) throw await versionConflict(tx, id);
    const latest = (await repo.findVersion(tx.db, id, latestNo))!;
    const now = new Date().toISOString();
    await repo.insertVersion(tx.db, {
      org_id: row.org_id,
      report_id: id,
      version_no: latestNo + 1,
      content_json: JSON.stringify(input.doc),
      generated_json: generated ? JSON.stringify(generated) : latest.generated_json,
      note: input.note,
      created_by: ctx.actor.userId,
      created_at: now,
    });
    await repo.touchReport(tx.db, id, input.doc.title, now);
    await recordChange(tx, {
      action: 'update',
      entityType: 'report',
      entityId: id,
      orgId: row.org_id,
      before: { version: latestNo },
      after: { version: latestNo + 1, note: input.note },
    });
    return getVersion(tx, id, latestNo + 1);
  });
}

/** Restores an earlier version by saving a copy of it as the newest. */
export async function restoreVersion(ctx: Ctx, id: number, versionNo: number, expected?: ExpectedVersion): Promise<Version> {
  const row = await getEditableReportRow(ctx, id);
  const old = await getVersion(ctx, id, versionNo);
  const baseVersion = typeof expected === 'number' ? expected : Number(row.latest_version);
  return saveVersion(ctx, id, { doc: old.doc, note: `恢复第${versionNo}版`, baseVersion });
}

function figuresByKey(doc: DraftDoc): Map<string, { text: string; section: string; paragraph: string }> {
  const map = new Map<string, { text: string; section: string; paragraph: string }>();
  for (const f of doc.opening.figures) map.set(f.factKey, { text: f.text, section: 'opening', paragraph: 'opening' });
  for (const s of doc.sections) for (const p of s.paragraphs) for (const f of p.figures) map.set(f.factKey, { text: f.text, section: s.key, paragraph: p.key });
  return map;
}

/**
 * Drafts again from today's ledgers without saving: says which figures changed since the latest
 * version, and keeps every paragraph people edited by hand (its text differs from what was drafted).
 */
const TEMPLATE_DELETED = '这份总结所用的模板已删除,只能按起草时的模板重新起草';

/** The current definition of a report's template, or null when it was deleted. */
async function currentTemplateOf(ctx: Ctx, templateId: number | null): Promise<TemplateDefinition | null> {
  const template = templateId ? (await listTemplates(ctx)).find((t) => t.id === templateId) : undefined;
  return template ? storedTemplate(JSON.stringify(template.definition)) : null;
}

export async function redraft(ctx: Ctx, id: number, which: 'report' | 'current' = 'report') {
  const row = await getEditableReportRow(ctx, id);
  const latest = (await repo.findVersion(ctx.db, id, Number(row.latest_version)))!;
  const current = JSON.parse(latest.content_json) as DraftDoc;
  const generatedBefore = JSON.parse(latest.generated_json) as DraftDoc;
  const reportTemplate = storedTemplate(row.template_json);
  const currentTemplate = await currentTemplateOf(ctx, row.template_id);
  if (which === 'current' && !currentTemplate) throw notFound(TEMPLATE_DELETED);
  const comparable = (def: TemplateDefinition) => JSON.stringify({ ...storedTemplate(JSON.stringify(def)), auto: false });
  const templateChanged = !!currentTemplate && comparable(currentTemplate) !== comparable(reportTemplate);
  const { doc: sameTemplate } = await draftFor(ctx, row.period_from, row.period_to, reportTemplate);
  const figureTexts = (doc: DraftDoc) => JSON.stringify([...figuresByKey(doc)].map(([key, f]) => [key, f.text]).sort());
  const dataChanged = figureTexts(sameTemplate) !== figureTexts(generatedBefore);
  const fresh = which === 'current' && templateChanged ? (await draftFor(ctx, row.period_from, row.period_to, currentTemplate!)).doc : sameTemplate;

  // Each paragraph edited by hand since it was drafted is merged with the fresh draft sentence by
  // sentence (sentences.ts): a sentence still as drafted is updated, one a person edited is kept
  // (shown with the fresh draft's text); a paragraph whose sentences cannot be paired is kept whole.
  type P = DraftDoc['sections'][number]['paragraphs'][number];
  const located = (doc: DraftDoc) => {
    const map = new Map<string, { section: string; p: P }>([['opening', { section: 'opening', p: doc.opening }]]);
    for (const s of doc.sections) for (const p of s.paragraphs) map.set(p.key, { section: s.key, p });
    return map;
  };
  const baseline = located(generatedBefore);
  const freshParagraphs = located(fresh);
  const replaced = new Map<string, P>();
  const keptWhole = new Set<string>();
  const keptSentences: KeptSentence[] = [];
  const keptFacts = new Set<string>();
  for (const [key, { section, p }] of located(current)) {
    const drafted = baseline.get(key)?.p;
    if (drafted?.text === p.text) continue;
    const now = freshParagraphs.get(key)?.p;
    const merged = drafted && now ? mergeParagraph(p, drafted, now) : null;
    if (!merged) {
      replaced.set(key, p);
      keptWhole.add(key);
      for (const f of p.figures) keptFacts.add(f.factKey);
      continue;
    }
    replaced.set(key, merged.paragraph);
    for (const k of merged.kept) {
      keptSentences.push({ sectionKey: section, paragraphKey: key, index: k.index, text: k.text, draft: k.draft });
      for (const f of k.factKeys) keptFacts.add(f);
    }
  }

  const merged: DraftDoc = {
    title: current.title !== generatedBefore.title ? current.title : fresh.title,
    opening: replaced.get('opening') ?? fresh.opening,
    sections: fresh.sections.map((s) => ({ ...s, paragraphs: s.paragraphs.map((p) => replaced.get(p.key) ?? p) })),
    warnings: fresh.warnings,
    // The appendix is the ledgers' table, never edited by hand: the redraft's is today's.
    ...(fresh.appendix ? { appendix: fresh.appendix } : {}),
  };

  // A change is applied when the redraft states the figure as drafted now (or, gone from the fresh
  // draft, no longer states it); a figure in a kept sentence or paragraph keeps its old text.
  const before = figuresByKey(current);
  const after = figuresByKey(fresh);
  const result = figuresByKey(merged);
  const changes = [...new Set([...before.keys(), ...after.keys()])]
    .filter((key) => before.get(key)?.text !== after.get(key)?.text)
    .map((key) => {
      const where = (after.get(key) ?? before.get(key))!;
      const now = after.get(key)?.text ?? null;
      return {
        factKey: key,
        sectionKey: where.section,
        before: before.get(key)?.text ?? null,
        after: now,
        applied: !keptFacts.has(key) && (result.get(key)?.text ?? null) === now,
      };
    });
  return { template: which, templateChanged, dataChanged, doc: merged, generated: fresh, changes, keptParagraphs: [...keptWhole], keptSentences };
}

/**
 * Figures of a version that would read differently if drafted now: the period is drafted again with
 * the report's template and each figure compared with what it shows today (its text as drafted,
 * its exact text, its value and the records it counted). So a renamed department makes the figure
 * naming the departments stale though nothing was counted differently. A figure is matched by its
 * id when the fresh draft has the same fact under that id, otherwise by its fact. A figure written
 * exactly by hand (text = exactText) is compared by its exact text only.
 */
export async function staleFigures(ctx: Ctx, id: number, versionNo: number) {
  const row = await getReportRow(ctx, id);
  const version = await getVersion(ctx, id, versionNo);
  const { doc: fresh } = await draftFor(ctx, row.period_from, row.period_to, storedTemplate(row.template_json));
  const all = (doc: DraftDoc) => [...doc.opening.figures, ...doc.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.figures))];
  const byId = new Map<string, FigureRef>();
  const byFact = new Map<string, FigureRef>();
  for (const f of all(fresh)) {
    byId.set(f.id, f);
    if (!byFact.has(f.factKey)) byFact.set(f.factKey, f);
  }
  const nowOf = (f: FigureRef) => {
    const same = byId.get(f.id);
    return same?.factKey === f.factKey ? same : byFact.get(f.factKey);
  };
  const shows = (stored: FigureRef, now: FigureRef) =>
    stored.exactText === now.exactText &&
    stored.value === now.value &&
    stored.ids.join(',') === now.ids.join(',') &&
    (stored.text === stored.exactText || stored.text === now.text);
  return all(version.doc)
    .filter((f) => {
      const now = nowOf(f);
      return !now || !shows(f, now);
    })
    .map((f) => {
      const now = nowOf(f);
      return { figureId: f.id, factKey: f.factKey, text: f.text, now: now ? (f.text === f.exactText ? now.exactText : now.text) : '(已无数据)' };
    });
}

/** What differs between two versions of a report, paragraph by paragraph (see compare.ts). */
export async function compareVersions(ctx: Ctx, id: number, a: number, b: number): Promise<VersionCompare> {
  await getReportRow(ctx, id);
  const [va, vb] = await Promise.all([repo.findVersion(ctx.db, id, a), repo.findVersion(ctx.db, id, b)]);
  if (!va || !vb) throw notFound(`版本不存在：第${!va ? a : b}版`);
  const meta = (v: Version) => ({ versionNo: v.versionNo, note: v.note, createdByName: v.createdByName, createdAt: v.createdAt });
  const [pa, pb] = [presentVersion(va), presentVersion(vb)];
  return { a: meta(pa), b: meta(pb), ...compareDocs(pa.doc, pb.doc) };
}

// ---------- tracing a figure to its records ----------

/** The records behind a figure, each with a label and the page that shows it. */
export async function traceRecords(ctx: Ctx, recordType: string, ids: number[]) {
  assertLedgerReader(ctx.actor);
  const orgIds = await readableOrgIds(ctx);
  if (!ids.length) return [];
  const rows = await repo.traceRows(ctx.db, orgIds, recordType, ids);
  if (!rows) throw validation('未知的记录类型', [{ path: 'recordType', message: '未知的记录类型' }]);
  return rows;
}

/**
 * The fact catalogue of this organisation grouped by ledger, each fact with its value for the period
 * when one is given (the template editor's reference).
 */
export async function listFactInfo(ctx: Ctx, query: z.infer<typeof factsQuerySchema> = {}) {
  assertLedgerReader(ctx.actor);
  const catalogue = await catalogueFor(ctx);
  let input: DraftFacts | null = null;
  if (query.from && query.to) {
    input = {
      facts: await gatherFacts(ctx, { from: query.from, to: query.to }, await factOptions(ctx, query.outreachType ?? DEFAULT_OUTREACH_TYPE)),
      catalogue: indexCatalogue(catalogue),
      previous: null,
    };
  }
  const items = catalogue.map((def): FactInfo => {
    const { countUnit: _c, ...info } = def;
    let value: FactInfo['value'] = null;
    if (input) {
      const slot = parseSlots(`{${def.key}}`)[0];
      const rendered = renderSlot(slot, input, () => 'f');
      const fact = input.facts.get(def.key);
      const number =
        fact?.kind === 'number'
          ? fact.value
          : fact?.kind === 'groups'
            ? fact.groups.reduce((s, g) => s + g.value, 0)
            : fact?.kind === 'names'
              ? fact.names.length
              : null;
      const records =
        fact?.kind === 'number' || fact?.kind === 'names' ? fact.ids.length : fact?.kind === 'groups' ? new Set(fact.groups.flatMap((g) => g.ids)).size : 0;
      value = { number, text: rendered && rendered !== 'unknown' ? rendered.text : null, records };
    }
    return { ...info, value };
  });
  return {
    period: query.from && query.to ? { from: query.from, to: query.to, label: describePeriod(query.from, query.to).label } : null,
    items,
    ledgers: FACT_LEDGERS.map((ledger) => ({ ledger, label: FACT_LEDGER_LABELS[ledger], items: items.filter((i) => i.ledger === ledger) })).filter(
      (l) => l.items.length,
    ),
  };
}

/** One sentence pattern as a draft of the period would write it, with its problems (the editor's live preview). */
export async function previewPattern(ctx: Ctx, input: z.infer<typeof previewBodySchema>) {
  assertLedgerReader(ctx.actor);
  const facts = await draftFacts(ctx, input.from, input.to, input.outreachType, false);
  let counter = 0;
  const rendered = renderPattern(input.pattern, facts, () => `f${++counter}`);
  return { text: rendered.text, figures: rendered.figures, problems: checkPattern(input.pattern, 'pattern', facts.catalogue) };
}
