/**
 * The address of a list's export: GET /api<path>/export with everything of the list's query but its
 * paging (the export takes the whole filtered list, in the list's order); empty values left out,
 * a list (stage=approved&stage=ongoing) repeated as the list route reads it.
 */
export function exportUrl(path: string, query: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (key === 'page' || key === 'pageSize') continue;
    for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
    }
  }
  const text = search.toString();
  return `/api${path}/export${text ? `?${text}` : ''}`;
}
