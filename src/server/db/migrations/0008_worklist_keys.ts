// Frozen in time: this file never imports app code.
// Work lists get a stable key (unique in their organisation; existing lists list_<id>), so summary
// templates name a list's facts by key, not by its editable name. Stored templates, and the copies
// reports keep, are rewritten to the new fact keys: {list.<name>.x} → {list.list_<id>.x}, with the
// period rules of the new catalogue (registeredInPeriod → registered, closedInPeriod → closed,
// status.<label> → status.<statusKey>AtEnd, figure.<key> → figure.<key>AtEnd: the old figures were
// states at the period's end), plan.listName → plan.listKey. A default template nobody edited is
// marked to be rebuilt from the bureau's lists.
import { type Kysely, sql } from 'kysely';

type Db = Kysely<any>;

interface ListInfo {
  key: string;
  statuses: { key: string; label: string }[];
}

function rewriteFactKey(key: string, lists: Map<string, ListInfo>): string {
  if (!key.startsWith('list.')) return key;
  // A list name may hold dots; the longest name that matches wins.
  const names = [...lists.keys()].filter((n) => key.startsWith(`list.${n}.`)).sort((a, b) => b.length - a.length);
  if (!names.length) return key;
  const list = lists.get(names[0])!;
  const rest = key.slice(`list.${names[0]}.`.length);
  const renamed: Record<string, string> = { registeredInPeriod: 'registered', closedInPeriod: 'closed' };
  let fact = renamed[rest] ?? rest;
  if (rest.startsWith('status.')) {
    const status = list.statuses.find((s) => s.label === rest.slice('status.'.length));
    if (status) fact = `status.${status.key}AtEnd`;
  } else if (rest.startsWith('figure.')) {
    const [figure, ...member] = rest.slice('figure.'.length).split('.');
    fact = `figure.${figure}AtEnd${member.length ? `.${member.join('.')}` : ''}`;
  }
  return `list.${list.key}.${fact}`;
}

function rewritePattern(pattern: string, lists: Map<string, ListInfo>): string {
  return pattern.replace(/\{([^{}]+)\}/g, (_whole, inner: string) => {
    const [key, ...formats] = inner.split('|');
    const rewritten = [
      rewriteFactKey(key.trim(), lists),
      ...formats.map((f) => {
        const t = f.trim();
        return t.startsWith('share:') ? `share:${rewriteFactKey(t.slice('share:'.length), lists)}` : f;
      }),
    ];
    return `{${rewritten.join('|')}}`;
  });
}

function rewriteDefinition(json: string, lists: Map<string, ListInfo>, markAuto: boolean): string {
  let def: any;
  try {
    def = JSON.parse(json);
  } catch {
    return json;
  }
  if (!def || typeof def !== 'object') return json;
  if (typeof def.title === 'string') def.title = rewritePattern(def.title, lists);
  if (typeof def.opening === 'string') def.opening = rewritePattern(def.opening, lists);
  if (Array.isArray(def.sections)) {
    for (const section of def.sections) {
      if (Array.isArray(section?.sentences)) section.sentences = section.sentences.map((s: unknown) => (typeof s === 'string' ? rewritePattern(s, lists) : s));
    }
  }
  if (def.plan && typeof def.plan === 'object' && 'listName' in def.plan) {
    const list = lists.get(def.plan.listName);
    const { listName: _name, ...rest } = def.plan;
    def.plan = list ? { listKey: list.key, ...rest } : null;
  }
  if (markAuto) def.auto = true;
  return JSON.stringify(def);
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('worklists')
    .addColumn('key', 'varchar(40)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('worklists')
    .set({ key: sql`'list_' || cast(id as varchar(20))` })
    .execute();
  await db.schema.createIndex('worklists_org_key_uq').on('worklists').columns(['org_id', 'key']).unique().execute();

  const rows = await db.selectFrom('worklists').select(['id', 'org_id', 'name', 'key', 'definition_json']).execute();
  const byOrg = new Map<number, Map<string, ListInfo>>();
  for (const r of rows) {
    let statuses: ListInfo['statuses'] = [];
    try {
      statuses = (JSON.parse(r.definition_json).statuses ?? []).map((s: { key: string; label: string }) => ({ key: s.key, label: s.label }));
    } catch {
      // An unreadable definition keeps its slots as they are.
    }
    const lists = byOrg.get(r.org_id) ?? new Map<string, ListInfo>();
    lists.set(r.name, { key: r.key, statuses });
    byOrg.set(r.org_id, lists);
  }

  const templates = await db.selectFrom('report_templates').select(['id', 'org_id', 'definition_json', 'is_default', 'created_at', 'updated_at']).execute();
  for (const t of templates) {
    const untouchedDefault = Number(t.is_default) === 1 && t.created_at === t.updated_at;
    const json = rewriteDefinition(t.definition_json, byOrg.get(t.org_id) ?? new Map(), untouchedDefault);
    if (json !== t.definition_json) await db.updateTable('report_templates').set({ definition_json: json }).where('id', '=', t.id).execute();
  }
  const reports = await db.selectFrom('reports').select(['id', 'org_id', 'template_json']).execute();
  for (const r of reports) {
    const json = rewriteDefinition(r.template_json, byOrg.get(r.org_id) ?? new Map(), false);
    if (json !== r.template_json) await db.updateTable('reports').set({ template_json: json }).where('id', '=', r.id).execute();
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('worklists_org_key_uq').execute();
  await db.schema.alterTable('worklists').dropColumn('key').execute();
}
