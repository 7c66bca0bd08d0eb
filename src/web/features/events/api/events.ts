import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../shared/common.js';
import type { Event, EventFigure, EventRole, EventTotals } from '../../../../shared/events.js';
import { api } from '../../../lib/api-client';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

/** The list's filters; the totals row sums every event under them, not only the page. */
export interface EventsFilter {
  q?: string;
  type?: string;
  role?: EventRole;
  from?: string;
  to?: string;
  townId?: number;
  departmentId?: number;
}

export interface EventsQuery extends EventsFilter {
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface EventPage extends Page<Event> {
  totals: EventTotals;
}

export const eventsQueryKey = ['events'] as const;

export const getEvents = (query: EventsQuery) => api.get<EventPage>('/events', { params: { ...query } });

export const eventsQueryOptions = (query: EventsQuery) =>
  queryOptions({
    queryKey: [...eventsQueryKey, 'list', query],
    queryFn: () => getEvents(query),
    placeholderData: keepPreviousData,
  });

export const useEvents = (query: EventsQuery) => useQuery(eventsQueryOptions(query));

export const getEvent = (id: number) => api.get<Event>(`/events/${id}`);

export const eventQueryOptions = (id: number) => queryOptions({ queryKey: [...eventsQueryKey, 'detail', id], queryFn: () => getEvent(id) });

export const useEvent = (id: number) => useQuery({ ...eventQueryOptions(id), enabled: id > 0 });

/** The event form as the API takes it (PUT replaces every field). */
export type EventInput = {
  type: string;
  theme: string;
  startDate: string;
  endDate: string | null;
  role: EventRole;
  organiser: string | null;
  placeIds: number[];
  enterpriseIds: number[];
  departmentIds: number[];
  notes: string | null;
} & Record<EventFigure, number | null>;

export const createEvent = ({ idempotencyKey, ...input }: EventInput & Submission) =>
  api.post<Event>('/events', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateEvent = ({ id, version, ...input }: EventInput & Versioned) => api.put<Event>(`/events/${id}`, input, { headers: ifMatch(version) });
export const deleteEvent = (id: number) => api.delete<{ ok: true }>(`/events/${id}`);

function useEventMutation<TInput, TResult>(fn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventsQueryKey }),
  });
}

export const useCreateEvent = () => useEventMutation(createEvent);
export const useUpdateEvent = () => useEventMutation(updateEvent);

/** The deleted event's own page is left before it would be read again (and answer 404). */
export function useDeleteEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEvent,
    onSuccess: async (_result, id) => {
      const isDeleted = (key: readonly unknown[]) => key[1] === 'detail' && key[2] === id;
      await queryClient.invalidateQueries({ queryKey: eventsQueryKey, refetchType: 'none', predicate: (q) => isDeleted(q.queryKey) });
      await queryClient.invalidateQueries({ queryKey: eventsQueryKey, predicate: (q) => !isDeleted(q.queryKey) });
    },
  });
}
