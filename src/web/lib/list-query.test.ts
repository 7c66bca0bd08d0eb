import { describe, expect, it } from 'vitest';
import { listEventsQuerySchema } from '../../shared/events.js';
import { listProjectsQuerySchema } from '../../shared/projects.js';
import { listItemsQuerySchema } from '../../shared/worklists.js';
import { clearedListQuery, enumValues, isFilteredListQuery, listQueryDefaults, parseListQuery, patchListQuery, serializeListQuery } from './list-query';

const url = (search: string) => new URLSearchParams(search);

describe('a list page’s query in the URL', () => {
  it('reads every parameter through its field of the shared schema, numbers as numbers', () => {
    const query = parseListQuery(listProjectsQuerySchema, url('q=茶&townId=7&level=city&from=2014-01-01&page=3&sort=title&order=asc'));
    expect(query).toMatchObject({ q: '茶', townId: 7, level: 'city', from: '2014-01-01', page: 3, pageSize: 20, sort: 'title', order: 'asc' });
  });

  it('drops a value its field refuses and takes the default instead', () => {
    const query = parseListQuery(listProjectsQuerySchema, url('townId=abc&level=galaxy&from=2014-13-45&page=0&pageSize=5000&sort=colour&dateField=x'));
    expect(query.townId).toBeUndefined();
    expect(query.level).toBeUndefined();
    expect(query.from).toBeUndefined();
    expect(query).toMatchObject({ page: 1, pageSize: 20, sort: 'updatedAt', order: 'desc', dateField: 'applied' });
  });

  it('gives repeated parameters to a field that takes a list, leaving out the values it refuses', () => {
    expect(parseListQuery(listProjectsQuerySchema, url('stage=lead&stage=bogus&stage=pool')).stage).toEqual(['lead', 'pool']);
    expect(parseListQuery(listProjectsQuerySchema, url('stage=lead')).stage).toEqual(['lead']);
    expect(parseListQuery(listProjectsQuerySchema, url('')).stage).toBeUndefined();
  });

  it('writes only what differs from the defaults, lists as repeated parameters', () => {
    const query = { ...listQueryDefaults(listProjectsQuerySchema), q: '茶', stage: ['lead', 'pool'] as const, page: 2 };
    expect(serializeListQuery(listProjectsQuerySchema, { ...query, stage: [...query.stage] }).toString()).toBe(
      `q=${encodeURIComponent('茶')}&stage=lead&stage=pool&page=2`,
    );
    expect(serializeListQuery(listProjectsQuerySchema, listQueryDefaults(listProjectsQuerySchema)).toString()).toBe('');
  });

  it('reads back what it wrote', () => {
    const written = serializeListQuery(listEventsQuerySchema, {
      ...listQueryDefaults(listEventsQuerySchema),
      type: 'training',
      townId: 4,
      order: 'asc',
      pageSize: 50,
    });
    expect(parseListQuery(listEventsQuerySchema, written)).toMatchObject({ type: 'training', townId: 4, order: 'asc', pageSize: 50, page: 1 });
  });

  it('takes a page size other than the schema’s as the default when told', () => {
    expect(parseListQuery(listEventsQuerySchema, url(''), { pageSize: 50 }).pageSize).toBe(50);
    const query = { ...listQueryDefaults(listEventsQuerySchema, { pageSize: 50 }) };
    expect(serializeListQuery(listEventsQuerySchema, query, { pageSize: 50 }).toString()).toBe('');
  });

  it('counts filters but not page, page size or sort as filtering', () => {
    const plain = parseListQuery(listProjectsQuerySchema, url('page=4&pageSize=50&sort=title&order=asc'));
    expect(isFilteredListQuery(listProjectsQuerySchema, plain)).toBe(false);
    expect(isFilteredListQuery(listProjectsQuerySchema, parseListQuery(listProjectsQuerySchema, url('townId=3')))).toBe(true);
    expect(isFilteredListQuery(listProjectsQuerySchema, parseListQuery(listProjectsQuerySchema, url('dateField=approved')))).toBe(true);
  });

  it('clears the filters and keeps the sort and page size, back on page 1', () => {
    const query = parseListQuery(listProjectsQuerySchema, url('q=茶&stage=lead&dateField=approved&sort=title&pageSize=50&page=3'));
    const cleared = clearedListQuery(listProjectsQuerySchema, query);
    expect(serializeListQuery(listProjectsQuerySchema, cleared).toString()).toBe('sort=title&pageSize=50');
  });

  it('goes back to page 1 on any change but a change of page', () => {
    const query = parseListQuery(listEventsQuerySchema, url('page=5'));
    expect(patchListQuery(query, { townId: 2 }).page).toBe(1);
    expect(patchListQuery(query, { pageSize: 50 }).page).toBe(1);
    expect(patchListQuery(query, { page: 6 }).page).toBe(6);
  });

  it('keeps the parameters a schema takes through its catch-all (work-list field filters)', () => {
    const query = parseListQuery(listItemsQuerySchema, url('f.town=元鱼村&status=open&overdue=maybe'));
    expect(query['f.town']).toBe('元鱼村');
    expect(query.status).toEqual(['open']);
    expect(query.overdue).toBeUndefined();
    expect(serializeListQuery(listItemsQuerySchema, query).get('f.town')).toBe('元鱼村');
  });

  it('finds the sort keys a schema offers', () => {
    expect(enumValues(listProjectsQuerySchema.shape.sort)).toContain('appliedDate');
    expect(enumValues(listEventsQuerySchema.shape.order)).toEqual(['asc', 'desc']);
    expect(enumValues(listEventsQuerySchema.shape.townId)).toEqual([]);
  });
});
