import dayjs from 'dayjs';

/** An API timestamp (ISO, UTC) or a YYYY-MM-DD date as a local YYYY-MM-DD; '—' when empty. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

/** An API timestamp (ISO, UTC) as local YYYY-MM-DD HH:mm; '—' when empty. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

/** True when an API timestamp lies in the future (e.g. a lock that has not yet expired). */
export function isFuture(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isAfter(dayjs());
}
