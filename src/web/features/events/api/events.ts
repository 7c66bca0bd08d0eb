import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { okSchema } from '../../../../shared/common.js';
import type { Event, EventBody, eventPageSchema, listEventsQuerySchema } from '../../../../shared/events.js';
import { api } from '../../../lib/api-client';
import type { ListRequest } from '../../../lib/list-request';
import { useDeleteMutation, useInvalidatingMutation } from '../../../lib/mutation';
import { type Submission, type Versioned, idempotencyHeader, ifMatch } from '../../../lib/versions';

/** The list's query; the totals row sums every event under its filters, not only the page. */
export type EventsQuery = ListRequest<typeof listEventsQuerySchema>;

export type EventPage = z.output<typeof eventPageSchema>;

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
export type EventInput = EventBody;

export const createEvent = ({ idempotencyKey, ...input }: EventInput & Submission) =>
  api.post<Event>('/events', input, { headers: idempotencyHeader(idempotencyKey) });
export const updateEvent = ({ id, version, ...input }: EventInput & Versioned) => api.put<Event>(`/events/${id}`, input, { headers: ifMatch(version) });
export const deleteEvent = (id: number) => api.delete<z.output<typeof okSchema>>(`/events/${id}`);

export const useCreateEvent = () => useInvalidatingMutation(createEvent, [eventsQueryKey]);
export const useUpdateEvent = () => useInvalidatingMutation(updateEvent, [eventsQueryKey]);
/** The deleted event's own page is left before it would be read again (and answer 404). */
export const useDeleteEvent = () => useDeleteMutation(deleteEvent, eventsQueryKey);
