import { Tag } from 'antd';
import { EVENT_FIGURE, EVENT_FIGURES, EVENT_ROLE_LABELS, type Event, type EventFigure, type EventRole } from '../../../../shared/events.js';

/** The figures the list shows as columns (and sums in its totals row), as declared: 资料(份), 咨询(人次) … */
export const TABLE_FIGURES: { figure: EventFigure; title: string; width: number }[] = EVENT_FIGURES.flatMap((figure) => {
  const { short, unit, listWidth } = EVENT_FIGURE[figure];
  return listWidth ? [{ figure, title: `${short}(${unit})`, width: listWidth }] : [];
});

const ROLE_COLORS: Record<EventRole, string> = { lead: 'blue', participate: 'cyan', send: 'purple' };

export function EventRoleTag({ role }: { role: EventRole }) {
  return (
    <Tag color={ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
      {EVENT_ROLE_LABELS[role]}
    </Tag>
  );
}

/** "2014-05-20", or "2014-05-20 至 2014-05-24" for an event of several days. */
export function eventDates(event: Pick<Event, 'startDate' | 'endDate'>): string {
  return event.endDate && event.endDate !== event.startDate ? `${event.startDate} 至 ${event.endDate}` : event.startDate;
}

/** Where it was held: the places, then the enterprises, joined as officials list them. */
export function eventWhere(event: Pick<Event, 'places' | 'enterprises'>): string {
  const names = [...event.places.map((p) => p.name), ...event.enterprises.map((e) => e.name)];
  return names.length ? names.join('、') : '—';
}

/** 林业、农业、气象: the departments by their short names. */
export function eventDepartments(event: Pick<Event, 'departments'>): string {
  return event.departments.length ? event.departments.map((d) => d.shortName ?? d.name).join('、') : '—';
}

/** A figure as the ledger writes it: the whole number, or '—' when not reported. */
export function figureText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(value);
}
