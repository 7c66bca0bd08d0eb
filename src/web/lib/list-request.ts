import type { z } from 'zod';

/**
 * What a list endpoint is asked, typed by the shared schema its route validates the query with
 * (`list*QuerySchema` in src/shared): each value as the server has it after parsing (a number, not
 * the query string's text), page and page size given, every other key optional (the server fills
 * its default). A page's `useListQuery(schema).query` is one.
 */
export type ListRequest<S extends z.ZodType<{ page: number; pageSize: number }>> = Partial<z.output<S>> & Pick<z.output<S>, 'page' | 'pageSize'>;
