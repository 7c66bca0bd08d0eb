import { describe, expect, it } from 'vitest';
import { describePeriod } from './period.js';

describe('describePeriod', () => {
  it('names half-years, years and quarters as officials do, with the next period for the plan', () => {
    expect(describePeriod('2014-01-01', '2014-06-30')).toMatchObject({
      label: '2014年上半年',
      short: '上半年',
      next: { label: '2014年下半年', heading: '下半年工作计划' },
    });
    expect(describePeriod('2014-07-01', '2014-12-31')).toMatchObject({ label: '2014年下半年', next: { label: '2015年上半年' } });
    expect(describePeriod('2014-01-01', '2014-12-31')).toMatchObject({ label: '2014年', short: '全年', next: { label: '2015年', heading: '明年工作计划' } });
    expect(describePeriod('2014-04-01', '2014-06-30')).toMatchObject({ label: '2014年第二季度', next: { label: '2014年第三季度' } });
    expect(describePeriod('2014-10-01', '2014-12-31')).toMatchObject({ label: '2014年第四季度', next: { label: '2015年第一季度' } });
  });

  it('names any other dates plainly and has no plan period', () => {
    expect(describePeriod('2014-01-01', '2014-03-15')).toMatchObject({ label: '2014年1月1日至3月15日', next: null });
    expect(describePeriod('2013-12-01', '2014-01-31').label).toBe('2013年12月1日至2014年1月31日');
  });

  it('gives the same period a year earlier, 29 February included', () => {
    expect(describePeriod('2014-01-01', '2014-06-30').yearEarlier).toEqual({ from: '2013-01-01', to: '2013-06-30' });
    expect(describePeriod('2016-02-01', '2016-02-29').yearEarlier).toEqual({ from: '2015-02-01', to: '2015-02-28' });
  });
});
