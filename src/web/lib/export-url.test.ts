import { describe, expect, it } from 'vitest';
import { exportUrl } from './export-url';

describe('exportUrl', () => {
  it('keeps the filters and the order, drops paging and empty values, repeats lists', () => {
    const query = { page: 3, pageSize: 50, q: '茶', stage: ['approved', 'ongoing'], townId: undefined, program: null, kind: '', sort: 'title', order: 'asc' };
    expect(exportUrl('/projects', query)).toBe(`/api/projects/export?q=${encodeURIComponent('茶')}&stage=approved&stage=ongoing&sort=title&order=asc`);
  });

  it('is the bare export address for an unfiltered first page', () => {
    expect(exportUrl('/service-logs', { page: 1, pageSize: 20 })).toBe('/api/service-logs/export');
  });
});
