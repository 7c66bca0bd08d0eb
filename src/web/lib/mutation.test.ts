import { QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidateAfterDelete, invalidateAll } from './mutation';

// Each query counts its reads; an observer keeps it active (on screen), as a mounted page would.
function world() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const reads = new Map<string, number>();
  const unsubscribes: (() => void)[] = [];
  const show = async (queryKey: QueryKey) => {
    const name = JSON.stringify(queryKey);
    const observer = new QueryObserver(queryClient, {
      queryKey,
      queryFn: () => {
        reads.set(name, (reads.get(name) ?? 0) + 1);
        return name;
      },
    });
    unsubscribes.push(observer.subscribe(() => {}));
    await queryClient.fetchQuery({ queryKey, queryFn: () => name }).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    reads.set(name, 0);
  };
  const readsOf = (queryKey: QueryKey) => reads.get(JSON.stringify(queryKey)) ?? 0;
  const isStale = (queryKey: QueryKey) => queryClient.getQueryState(queryKey)?.isInvalidated ?? false;
  return { queryClient, show, readsOf, isStale, close: () => unsubscribes.forEach((u) => u()) };
}

let current: ReturnType<typeof world> | null = null;
afterEach(() => current?.close());

describe('invalidateAll', () => {
  it('reads again every shown query under each key, and no other', async () => {
    const w = (current = world());
    await w.show(['places']);
    await w.show(['users', 'list', { page: 1 }]);
    await w.show(['events', 'list', { page: 1 }]);
    await invalidateAll(w.queryClient, [['places'], ['users']]);
    expect(w.readsOf(['places'])).toBe(1);
    expect(w.readsOf(['users', 'list', { page: 1 }])).toBe(1);
    expect(w.readsOf(['events', 'list', { page: 1 }])).toBe(0);
  });
});

describe('invalidateAfterDelete', () => {
  it("marks the deleted record's own page stale without reading it, and reads the rest again", async () => {
    const w = (current = world());
    await w.show(['enterprises', 'detail', 7]);
    await w.show(['enterprises', 'detail', 8]);
    await w.show(['enterprises', 'list', { page: 1 }]);
    await w.show(['visits', 'list', { page: 1 }]);
    await w.show(['projects', 'list', { page: 1 }]);
    await invalidateAfterDelete(w.queryClient, ['enterprises'], 7, { alsoInvalidate: [['visits']] });
    expect(w.readsOf(['enterprises', 'detail', 7])).toBe(0);
    expect(w.isStale(['enterprises', 'detail', 7])).toBe(true);
    expect(w.readsOf(['enterprises', 'detail', 8])).toBe(1);
    expect(w.readsOf(['enterprises', 'list', { page: 1 }])).toBe(1);
    expect(w.readsOf(['visits', 'list', { page: 1 }])).toBe(1);
    expect(w.readsOf(['projects', 'list', { page: 1 }])).toBe(0);
  });

  it('takes other kinds of own query (a work list: its definition and its items)', async () => {
    const w = (current = world());
    await w.show(['worklists', 'detail', 3]);
    await w.show(['worklists', 'items', 3, { page: 1 }]);
    await w.show(['worklists', 'items', 4, { page: 1 }]);
    await w.show(['worklists', 'overdue-summary']);
    await invalidateAfterDelete(w.queryClient, ['worklists'], 3, { ownKinds: ['detail', 'items'] });
    expect(w.readsOf(['worklists', 'detail', 3])).toBe(0);
    expect(w.readsOf(['worklists', 'items', 3, { page: 1 }])).toBe(0);
    expect(w.readsOf(['worklists', 'items', 4, { page: 1 }])).toBe(1);
    expect(w.readsOf(['worklists', 'overdue-summary'])).toBe(1);
  });
});
