import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

// A list page keeps its filters, sort and page in the URL, so a filtered view can be reloaded,
// shared or gone back to. The URL is read through the same zod schema the server validates the
// list's query with (src/shared/*: list*QuerySchema), so the page and the API cannot drift apart:
// - each parameter is parsed by its field; a value the field rejects is dropped (the field's
//   default, if any, stands in), so a hand-edited URL never breaks the page;
// - a repeated parameter (`stage=lead&stage=pool`) is offered as an array to fields that take one;
// - defaults are left out of the URL (`page=1`, `pageSize=20`, `order=desc` never appear);
// - keys the schema does not name are kept only when it has a catch-all (work-list `f.<field>`).

/** A zod object schema of a list's query string (`paginationQuerySchema.extend({...})` and kin). */
export type ListQuerySchema = z.ZodObject;

/** Keys that arrange a list rather than narrow it: not filters, kept by "清除筛选". */
const ARRANGE_ORDER = ['sort', 'order', 'page', 'pageSize'];
const ARRANGING_KEYS = new Set(ARRANGE_ORDER);

export interface ListQueryOptions {
  /** A page size other than the schema's default (20). */
  pageSize?: number;
}

interface FieldDef {
  type?: string;
  innerType?: z.ZodType;
  catchall?: z.ZodType;
}

const defOf = (schema: z.ZodType): FieldDef => (schema as unknown as { def: FieldDef }).def;

function catchallOf(schema: ListQuerySchema): z.ZodType | undefined {
  const catchall = defOf(schema).catchall;
  return catchall && !['never', 'unknown', 'any'].includes(defOf(catchall).type ?? '') ? catchall : undefined;
}

/** The values of an enum field, under any `.optional()`/`.default()` wrappers; empty for other fields. */
export function enumValues(field: z.ZodType | undefined): readonly string[] {
  let current = field;
  for (let depth = 0; current && depth < 5; depth++) {
    const def = defOf(current);
    if (def.type === 'enum') return (current as unknown as { options: readonly string[] }).options;
    current = def.innerType;
  }
  return [];
}

/** What each key of the schema is when the URL does not name it (the field's default, or undefined). */
export function listQueryDefaults<S extends ListQuerySchema>(schema: S, options: ListQueryOptions = {}): z.output<S> {
  const defaults: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(undefined);
    defaults[key] = parsed.success ? parsed.data : undefined;
  }
  if (options.pageSize !== undefined && 'pageSize' in defaults) defaults.pageSize = options.pageSize;
  return defaults as z.output<S>;
}

/** One key's value from its URL values, or the default when none is acceptable. */
function parseValues(field: z.ZodType, values: string[], fallback: unknown): unknown {
  const accepted = values.filter((v) => v !== '' && field.safeParse(v).success);
  if (accepted.length === 0) return fallback;
  if (accepted.length > 1) {
    const many = field.safeParse(accepted);
    if (many.success) return many.data;
  }
  return field.parse(accepted[0]);
}

/** The list's query from a URL's search parameters, every value parsed by its field in the schema. */
export function parseListQuery<S extends ListQuerySchema>(schema: S, params: URLSearchParams, options: ListQueryOptions = {}): z.output<S> {
  const defaults = listQueryDefaults(schema, options) as Record<string, unknown>;
  const shape = schema.shape as Record<string, z.ZodType>;
  const query: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) query[key] = parseValues(field, params.getAll(key), defaults[key]);
  const catchall = catchallOf(schema);
  if (catchall) {
    for (const key of new Set(params.keys())) {
      if (key in shape) continue;
      const value = parseValues(catchall, params.getAll(key), undefined);
      if (value !== undefined) query[key] = value;
    }
  }
  return query as z.output<S>;
}

const same = (a: unknown, b: unknown) => a === b || (Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b));
const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** The URL's search parameters for a query: empty values and defaults left out, arrays repeated. */
export function serializeListQuery<S extends ListQuerySchema>(schema: S, query: Partial<z.output<S>>, options: ListQueryOptions = {}): URLSearchParams {
  const defaults = listQueryDefaults(schema, options) as Record<string, unknown>;
  const search = new URLSearchParams();
  // Filters first, then how the list is arranged, so a URL reads like the view it shows.
  const entries = Object.entries(query as Record<string, unknown>);
  const ordered = [...entries.filter(([key]) => !ARRANGING_KEYS.has(key)), ...ARRANGE_ORDER.flatMap((key) => entries.filter(([k]) => k === key))];
  for (const [key, value] of ordered) {
    if (isEmpty(value) || same(value, defaults[key])) continue;
    if (Array.isArray(value)) for (const v of value as unknown[]) search.append(key, String(v));
    else search.set(key, String(value));
  }
  return search;
}

/** Whether any filter (anything but page, page size and sort) differs from its default. */
export function isFilteredListQuery<S extends ListQuerySchema>(schema: S, query: z.output<S>, options: ListQueryOptions = {}): boolean {
  const defaults = listQueryDefaults(schema, options) as Record<string, unknown>;
  return Object.entries(query as Record<string, unknown>).some(([key, value]) => !ARRANGING_KEYS.has(key) && !isEmpty(value) && !same(value, defaults[key]));
}

/**
 * The query after a change: a change of anything but the page starts again at page 1 (a new
 * filter, sort or page size makes the old page number meaningless).
 */
export function patchListQuery<Q extends object>(query: Q, patch: Partial<Q>): Q {
  const next = { ...query, ...patch };
  if (!('page' in patch) && 'page' in query) (next as Record<string, unknown>).page = 1;
  return next;
}

/** The query with every filter back at its default; sort and page size stay, the page goes to 1. */
export function clearedListQuery<S extends ListQuerySchema>(schema: S, query: z.output<S>, options: ListQueryOptions = {}): z.output<S> {
  const defaults = listQueryDefaults(schema, options) as Record<string, unknown>;
  const cleared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (ARRANGING_KEYS.has(key)) cleared[key] = value;
    else if (key in defaults) cleared[key] = defaults[key];
  }
  if ('page' in cleared) cleared.page = 1;
  return cleared as z.output<S>;
}

/** A list page's URL state, as `useListQuery` gives it to the filter bar and the table. */
export interface ListQueryState<Q> {
  /** The query as the schema parses it: pass it to the list's fetch hook. */
  query: Q;
  /** Changes some keys (page back to 1 unless `page` is among them); replaces the history entry. */
  setQuery: (patch: Partial<Q>) => void;
  /** Whether any filter is set (empty texts then say "没有符合条件的…", and "清除筛选" shows). */
  filtered: boolean;
  /** Every filter back to its default. */
  clear: () => void;
  /** The values of the schema's `sort` enum (the sortable columns' keys); empty when it has only `order`. */
  sorts: readonly string[];
  /** Whether the schema takes `order` (asc/desc). */
  ordered: boolean;
  /** The defaults (of `sort` and `order` among others), to tell the table which way it sorts now. */
  defaults: Q;
}

/** Filters, sort and page of a list page, read from and written to the URL through the list's shared schema. */
export function useListQuery<S extends ListQuerySchema>(schema: S, options: ListQueryOptions = {}): ListQueryState<z.output<S>> {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const { pageSize } = options;
  const query = useMemo(() => parseListQuery(schema, new URLSearchParams(search), { pageSize }), [schema, search, pageSize]);
  const defaults = useMemo(() => listQueryDefaults(schema, { pageSize }), [schema, pageSize]);
  const write = useCallback(
    (next: z.output<S>) =>
      setParams(
        (current) => {
          const search = serializeListQuery(schema, next, { pageSize });
          // Parameters the list does not own (visits' `newFor`) stay as they are.
          if (!catchallOf(schema)) for (const [key, value] of current) if (!(key in schema.shape)) search.append(key, value);
          return search;
        },
        { replace: true },
      ),
    [schema, setParams, pageSize],
  );
  return {
    query,
    setQuery: (patch) => write(patchListQuery(query, patch)),
    filtered: isFilteredListQuery(schema, query, { pageSize }),
    clear: () => write(clearedListQuery(schema, query, { pageSize })),
    sorts: enumValues((schema.shape as Record<string, z.ZodType>).sort),
    ordered: 'order' in schema.shape,
    defaults,
  };
}
