// How officials name a reporting period, and which period the plan section looks ahead to.

export interface PeriodInfo {
  from: string;
  to: string;
  /** 2014年上半年, 2014年, 2014年第一季度, or 2014年1月1日至3月15日 */
  label: string;
  /** 上半年, 全年, 一季度, or the label again: what the text says inside the year. */
  short: string;
  /** The next period's label and name for the plan section (2014年下半年 / 下半年工作计划). */
  next: { label: string; heading: string } | null;
  /** The same period a year earlier, for the 同比 comparison. */
  yearEarlier: { from: string; to: string };
}

const QUARTERS = ['一', '二', '三', '四'];

function lastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function shiftYear(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  // 29 February a year earlier becomes the 28th.
  if (md === '02-29') return `${y}-02-28`;
  return `${y}-${md}`;
}

function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Names the period from `from` to `to` the way a work summary does. */
export function describePeriod(from: string, to: string): PeriodInfo {
  const year = Number(from.slice(0, 4));
  const sameYear = to.slice(0, 4) === from.slice(0, 4);
  const yearEarlier = { from: shiftYear(from, -1), to: shiftYear(to, -1) };
  if (sameYear && from === `${year}-01-01` && to === `${year}-06-30`) {
    return { from, to, label: `${year}年上半年`, short: '上半年', next: { label: `${year}年下半年`, heading: '下半年工作计划' }, yearEarlier };
  }
  if (sameYear && from === `${year}-07-01` && to === `${year}-12-31`) {
    return { from, to, label: `${year}年下半年`, short: '下半年', next: { label: `${year + 1}年上半年`, heading: '明年上半年工作计划' }, yearEarlier };
  }
  if (sameYear && from === `${year}-01-01` && to === `${year}-12-31`) {
    return { from, to, label: `${year}年`, short: '全年', next: { label: `${year + 1}年`, heading: '明年工作计划' }, yearEarlier };
  }
  for (let q = 0; q < 4; q++) {
    const qFrom = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    if (sameYear && from === qFrom && to === lastDay(year, q * 3 + 3)) {
      const next =
        q < 3
          ? { label: `${year}年第${QUARTERS[q + 1]}季度`, heading: `第${QUARTERS[q + 1]}季度工作计划` }
          : { label: `${year + 1}年第一季度`, heading: '下季度工作计划' };
      return { from, to, label: `${year}年第${QUARTERS[q]}季度`, short: `${QUARTERS[q]}季度`, next, yearEarlier };
    }
  }
  const label = sameYear ? `${chineseDate(from)}至${Number(to.slice(5, 7))}月${Number(to.slice(8, 10))}日` : `${chineseDate(from)}至${chineseDate(to)}`;
  return { from, to, label, short: label, next: null, yearEarlier };
}
