import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { foldEvents, planCreation, planMove, todayInChina } from './pipeline.js';

const TODAY = '2026-11-28';

function error(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('planMove', () => {
  it('moves one step along the pipeline', () => {
    expect(planMove({ stage: 'lead', lastDate: '2014-01-10' }, { to: 'pool', date: '2014-02-01' }, TODAY)).toEqual([
      { fromStage: 'lead', toStage: 'pool', eventDate: '2014-02-01' },
    ]);
  });

  it('moves several steps when every stage passed is dated, recording each', () => {
    const events = planMove(
      { stage: 'lead', lastDate: '2014-01-10' },
      { to: 'approved', date: '2014-06-20', stageDates: { pool: '2014-02-01', applied: '2014-03-15' } },
      TODAY,
    );
    expect(events.map((e) => `${e.fromStage}>${e.toStage}@${e.eventDate}`)).toEqual([
      'lead>pool@2014-02-01',
      'pool>applied@2014-03-15',
      'applied>approved@2014-06-20',
    ]);
  });

  it('refuses a jump over undated stages with a 409 that names them', () => {
    const e = error(() => planMove({ stage: 'lead', lastDate: null }, { to: 'accepted', date: '2014-06-30' }, TODAY));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('从"线索"到"验收"须依次经过储备、申报、立项、实施,请填写储备、申报、立项、实施的日期');
  });

  it('refuses a move the pipeline does not allow, listing the allowed moves', () => {
    const e = error(() => planMove({ stage: 'approved', lastDate: '2014-05-01' }, { to: 'rejected', date: '2014-06-01' }, TODAY));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('项目当前处于"立项"阶段,不能改为"未获批";可以改为:实施、验收、终止');
    const done = error(() => planMove({ stage: 'accepted', lastDate: '2014-05-01' }, { to: 'stopped', date: '2014-06-01' }, TODAY));
    expect(done.message).toContain('已是最终阶段');
  });

  it('allows 未获批 only from 申报, and back into the pool after it', () => {
    expect(planMove({ stage: 'applied', lastDate: '2014-03-01' }, { to: 'rejected', date: '2014-06-01' }, TODAY)).toHaveLength(1);
    expect(planMove({ stage: 'rejected', lastDate: '2014-06-01' }, { to: 'pool', date: '2014-07-01' }, TODAY)).toEqual([
      { fromStage: 'rejected', toStage: 'pool', eventDate: '2014-07-01' },
    ]);
    expect(error(() => planMove({ stage: 'pool', lastDate: null }, { to: 'rejected', date: '2014-06-01' }, TODAY)).code).toBe('CONFLICT');
  });

  it('refuses dates that go backwards or into the future, naming the field', () => {
    const back = error(() => planMove({ stage: 'applied', lastDate: '2014-03-15' }, { to: 'approved', date: '2014-03-14' }, TODAY));
    expect(back.code).toBe('VALIDATION');
    expect(back.details).toEqual([{ path: 'date', message: '不能早于申报日期 2014-03-15' }]);
    const same = planMove({ stage: 'applied', lastDate: '2014-03-15' }, { to: 'approved', date: '2014-03-15' }, TODAY);
    expect(same).toHaveLength(1);
    const future = error(() => planMove({ stage: 'lead', lastDate: null }, { to: 'pool', date: '2026-11-29' }, TODAY));
    expect(future.details).toEqual([{ path: 'date', message: '日期不能晚于今天' }]);
    expect(planMove({ stage: 'lead', lastDate: null }, { to: 'pool', date: TODAY }, TODAY)).toHaveLength(1);
  });
});

describe('planCreation', () => {
  it('records the dated stages up to the starting one', () => {
    expect(planCreation('applied', { applied: '2014-03-01', lead: '2014-01-05' }, TODAY)).toEqual([
      { fromStage: null, toStage: 'lead', eventDate: '2014-01-05' },
      { fromStage: 'lead', toStage: 'applied', eventDate: '2014-03-01' },
    ]);
  });

  it('needs the starting stage dated, and refuses starting as 未获批 or 终止', () => {
    expect(error(() => planCreation('applied', { lead: '2014-01-05' }, TODAY)).details).toEqual([{ path: 'stageDates.applied', message: '请填写日期' }]);
    expect(error(() => planCreation('stopped', { stopped: '2014-01-05' }, TODAY)).code).toBe('VALIDATION');
  });
});

describe('foldEvents', () => {
  it('gives the last stage and the date of each', () => {
    expect(
      foldEvents([
        { fromStage: null, toStage: 'lead', eventDate: '2014-01-05' },
        { fromStage: 'lead', toStage: 'pool', eventDate: '2014-02-01' },
      ]),
    ).toEqual({ stage: 'pool', dates: { lead: '2014-01-05', pool: '2014-02-01' } });
  });

  it('starts a new round when a rejected project goes back into the pool', () => {
    expect(
      foldEvents([
        { fromStage: null, toStage: 'lead', eventDate: '2013-10-01' },
        { fromStage: 'lead', toStage: 'pool', eventDate: '2013-11-01' },
        { fromStage: 'pool', toStage: 'applied', eventDate: '2014-03-01' },
        { fromStage: 'applied', toStage: 'rejected', eventDate: '2014-06-01' },
        { fromStage: 'rejected', toStage: 'pool', eventDate: '2014-07-01' },
      ]),
    ).toEqual({ stage: 'pool', dates: { lead: '2013-10-01', pool: '2014-07-01' } });
  });
});

describe('todayInChina', () => {
  it('is the calendar day in UTC+8', () => {
    expect(todayInChina(new Date('2014-06-30T16:00:00Z'))).toBe('2014-07-01');
    expect(todayInChina(new Date('2014-06-30T15:59:59Z'))).toBe('2014-06-30');
  });
});
