import { describe, expect, it } from 'vitest';
import { PERIOD_CHOICES, PERIOD_LABELS, defaultPeriod, periodDates, periodName } from './period';

// The periods a summary is drafted for: the dates sent to the server and the name the title gives them.

describe('periodDates', () => {
  it('gives the first and last day of each half-year, quarter and the year', () => {
    expect(periodDates('h1', 2014)).toEqual({ from: '2014-01-01', to: '2014-06-30' });
    expect(periodDates('h2', 2014)).toEqual({ from: '2014-07-01', to: '2014-12-31' });
    expect(periodDates('year', 2014)).toEqual({ from: '2014-01-01', to: '2014-12-31' });
    expect(periodDates('q1', 2014)).toEqual({ from: '2014-01-01', to: '2014-03-31' });
    expect(periodDates('q2', 2014)).toEqual({ from: '2014-04-01', to: '2014-06-30' });
    expect(periodDates('q3', 2014)).toEqual({ from: '2014-07-01', to: '2014-09-30' });
    expect(periodDates('q4', 2014)).toEqual({ from: '2014-10-01', to: '2014-12-31' });
  });

  it('ends a quarter on its true last day, whatever the month', () => {
    // Each quarter's last month: March 31, June 30, September 30, December 31.
    const ends = (['q1', 'q2', 'q3', 'q4'] as const).map((q) => periodDates(q, 2016).to);
    expect(ends).toEqual(['2016-03-31', '2016-06-30', '2016-09-30', '2016-12-31']);
  });

  it('covers the year without gaps or overlaps: the halves meet, the quarters meet', () => {
    const next = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(next(periodDates('h1', 2015).to)).toBe(periodDates('h2', 2015).from);
    expect(next(periodDates('q1', 2015).to)).toBe(periodDates('q2', 2015).from);
    expect(next(periodDates('q2', 2015).to)).toBe(periodDates('q3', 2015).from);
    expect(next(periodDates('q3', 2015).to)).toBe(periodDates('q4', 2015).from);
  });
});

describe('periodName', () => {
  it('names halves and quarters as the title says them, and the year by itself', () => {
    expect(periodName('h1', 2014)).toBe('2014年上半年');
    expect(periodName('h2', 2014)).toBe('2014年下半年');
    expect(periodName('q1', 2014)).toBe('2014年第一季度');
    expect(periodName('q4', 2014)).toBe('2014年第四季度');
    expect(periodName('year', 2014)).toBe('2014年');
  });

  it('names custom dates as a range, without leading zeros, the year once when it is the same', () => {
    expect(periodName('custom', 2014, '2014-03-01', '2014-05-31')).toBe('2014年3月1日至5月31日');
    expect(periodName('custom', 2014, '2013-11-05', '2014-02-09')).toBe('2013年11月5日至2014年2月9日');
  });

  it('names nothing for custom dates not yet both chosen', () => {
    expect(periodName('custom', 2014)).toBe('');
    expect(periodName('custom', 2014, '2014-03-01')).toBe('');
    expect(periodName('custom', 2014, undefined, '2014-05-31')).toBe('');
  });

  it('has a label for every choice', () => {
    for (const choice of PERIOD_CHOICES) expect(PERIOD_LABELS[choice]).toMatch(/\S/);
  });
});

describe('defaultPeriod', () => {
  it('is the first half of this year from July on', () => {
    expect(defaultPeriod(new Date(2014, 6, 1))).toEqual({ choice: 'h1', year: 2014 });
    expect(defaultPeriod(new Date(2014, 11, 31))).toEqual({ choice: 'h1', year: 2014 });
  });

  it('is the second half of last year until the end of June', () => {
    expect(defaultPeriod(new Date(2015, 0, 1))).toEqual({ choice: 'h2', year: 2014 });
    expect(defaultPeriod(new Date(2015, 5, 30))).toEqual({ choice: 'h2', year: 2014 });
  });
});
