// The reporting periods a bureau writes summaries for: half-years, the year, quarters, or any dates.

export const PERIOD_CHOICES = ['h1', 'h2', 'year', 'q1', 'q2', 'q3', 'q4', 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export const PERIOD_LABELS: Record<PeriodChoice, string> = {
  h1: '上半年',
  h2: '下半年',
  year: '全年',
  q1: '第一季度',
  q2: '第二季度',
  q3: '第三季度',
  q4: '第四季度',
  custom: '自定义',
};

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First and last day of a quick choice in `year` (custom has none). */
export function periodDates(choice: Exclude<PeriodChoice, 'custom'>, year: number): { from: string; to: string } {
  const span = (m1: number, m2: number) => ({ from: `${year}-${pad(m1)}-01`, to: `${year}-${pad(m2)}-${pad(lastDay(year, m2))}` });
  switch (choice) {
    case 'h1':
      return span(1, 6);
    case 'h2':
      return span(7, 12);
    case 'year':
      return span(1, 12);
    case 'q1':
      return span(1, 3);
    case 'q2':
      return span(4, 6);
    case 'q3':
      return span(7, 9);
    case 'q4':
      return span(10, 12);
  }
}

/** How the title will name the period (2014年上半年, 2014年第一季度); custom dates as a range. */
export function periodName(choice: PeriodChoice, year: number, from?: string, to?: string): string {
  if (choice === 'custom') return from && to ? customName(from, to) : '';
  if (choice === 'year') return `${year}年`;
  return `${year}年${PERIOD_LABELS[choice]}`;
}

const cn = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** Any dates as the title names them: 2014年3月1日至5月31日 (the server names whole halves and quarters as such). */
function customName(from: string, to: string): string {
  return from.slice(0, 4) === to.slice(0, 4) ? `${cn(from)}至${cn(to).slice(5)}` : `${cn(from)}至${cn(to)}`;
}

/** The half-year that ended last: what a bureau is most likely summarising today. */
export function defaultPeriod(today = new Date()): { choice: PeriodChoice; year: number } {
  const year = today.getFullYear();
  return today.getMonth() >= 6 ? { choice: 'h1', year } : { choice: 'h2', year: year - 1 };
}
