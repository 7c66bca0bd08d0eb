import type { z } from 'zod';
import { SEARCH_KIND_LABELS, type SearchKind, type SearchResult, type TextSegment, type searchQuerySchema } from '../../shared/search.js';
import type { Ctx } from '../context.js';
import { readableOrgIds } from '../orgs/scope.js';
import * as repo from './repo.js';

/** How much text a snippet shows before and after its first match. */
const SNIPPET_BEFORE = 20;
const SNIPPET_LENGTH = 80;

const PAGE_OF: Record<SearchKind, (pageId: number) => string> = {
  project: (id) => `/projects/${id}`,
  enterprise: (id) => `/enterprises/${id}`,
  visit: (id) => `/visits/${id}`,
  followup: (id) => `/projects/${id}`,
  event: (id) => `/events/${id}`,
  commissioner: (id) => `/commissioners/${id}`,
  serviceLog: (id) => `/commissioners/${id}`,
  worklistItem: (id) => `/worklist-items/${id}`,
};

/**
 * `text` cut into pieces, the occurrences of `q` (ignoring letter case) marked as hits.
 * 高山茶园水渠建设 with 水渠 → 高山茶园 | 水渠 (hit) | 建设.
 */
export function markHits(text: string, q: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const haystack = text.toLowerCase();
  const needle = q.toLowerCase();
  let from = 0;
  // toLowerCase keeps the length of Chinese and ASCII text, so positions in `haystack` are positions in `text`.
  for (let at = haystack.indexOf(needle); needle && at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    if (at > from) segments.push({ text: text.slice(from, at), hit: false });
    segments.push({ text: text.slice(at, at + needle.length), hit: true });
    from = at + needle.length;
  }
  if (from < text.length) segments.push({ text: text.slice(from), hit: false });
  return segments;
}

/** The passage of `body` around its first match of `q`, marked; empty when the body does not contain it. */
export function snippetOf(body: string, q: string): TextSegment[] {
  const text = body.replace(/\s+/g, ' ').trim();
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return [];
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const end = Math.min(text.length, start + Math.max(SNIPPET_LENGTH, q.length + SNIPPET_BEFORE));
  const segments = markHits(text.slice(start, end), q);
  if (start > 0) segments.unshift({ text: '…', hit: false });
  if (end < text.length) segments.push({ text: '…', hit: false });
  return segments;
}

/**
 * Every ledger's records that contain `q`, grouped by ledger, `limit` per ledger. Reads exactly what
 * the list endpoints let this actor read: their organisation's records (leaders and admins also those
 * below it); a commissioner only their own profile and service logs.
 */
export async function search(ctx: Ctx, query: z.infer<typeof searchQuerySchema>): Promise<SearchResult> {
  const scope: repo.SearchScope = {
    orgIds: await readableOrgIds(ctx),
    commissionerUserId: ctx.actor.role === 'commissioner' ? ctx.actor.userId : undefined,
  };
  // A commissioner's pages are their own logs; the roster pages are the bureau's.
  const linkOf = (kind: SearchKind, pageId: number) => (scope.commissionerUserId === undefined ? PAGE_OF[kind](pageId) : '/my/logs');
  const groups: SearchResult['groups'] = [];
  for (const kind of repo.searchableKinds(scope)) {
    const rows = await repo.searchLedger(ctx.db, ctx.dialect, kind, query.q, scope, query.limit);
    if (rows.length === 0) continue;
    groups.push({
      kind,
      label: SEARCH_KIND_LABELS[kind],
      items: rows.map((r) => ({ id: r.id, title: markHits(r.title, query.q), snippet: snippetOf(r.body, query.q), link: linkOf(kind, r.pageId) })),
    });
  }
  return { q: query.q, groups };
}
