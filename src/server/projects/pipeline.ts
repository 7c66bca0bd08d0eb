import { NEXT_STAGES, PIPELINE, STAGE_LABELS, type Stage, type StageDates, stagesBetween } from '../../shared/projects.js';
import { AppError } from '../http/errors.js';

// The project pipeline as pure functions: which moves are allowed, which stage events a move
// records, and the stage and stage dates that follow from a project's events.

export interface PlannedEvent {
  fromStage: Stage | null;
  toStage: Stage;
  eventDate: string;
}

export interface EventLike {
  toStage: Stage;
  fromStage: Stage | null;
  eventDate: string;
}

const label = (s: Stage) => STAGE_LABELS[s];

function allowedList(from: Stage): string {
  const next = NEXT_STAGES[from];
  return next.length ? next.map(label).join('、') : '(已是最终阶段,不能再变更)';
}

function assertNotFuture(date: string, today: string, path: string): void {
  if (date > today) throw new AppError('VALIDATION', `日期 ${date} 晚于今天`, [{ path, message: '日期不能晚于今天' }]);
}

/**
 * The events a move from `current` records. Several pipeline steps may be taken at once only when
 * every stage passed on the way is dated; dates may not go backwards or into the future.
 * A move the pipeline does not allow is a CONFLICT that names the allowed moves.
 */
export function planMove(
  current: { stage: Stage; lastDate: string | null },
  move: { to: Stage; date: string; stageDates?: StageDates },
  today: string,
): PlannedEvent[] {
  const { to } = move;
  if (!NEXT_STAGES[current.stage].includes(to)) {
    throw new AppError('CONFLICT', `项目当前处于"${label(current.stage)}"阶段,不能改为"${label(to)}";可以改为:${allowedList(current.stage)}`, {
      from: current.stage,
      to,
      allowed: NEXT_STAGES[current.stage],
    });
  }
  const path = stagesBetween(current.stage, to);
  const passed = path.slice(0, -1);
  const undated = passed.filter((s) => !move.stageDates?.[s]);
  if (undated.length) {
    throw new AppError(
      'CONFLICT',
      `从"${label(current.stage)}"到"${label(to)}"须依次经过${passed.map(label).join('、')},请填写${undated.map(label).join('、')}的日期`,
      { from: current.stage, to, missingDates: undated },
    );
  }
  const events: PlannedEvent[] = [];
  let previousStage: Stage = current.stage;
  let previousDate = current.lastDate;
  for (const stage of path) {
    const date = stage === to ? move.date : move.stageDates![stage]!;
    const field = stage === to ? 'date' : `stageDates.${stage}`;
    assertNotFuture(date, today, field);
    if (previousDate && date < previousDate) {
      throw new AppError('VALIDATION', `"${label(stage)}"的日期 ${date} 不能早于"${label(previousStage)}"的日期 ${previousDate}`, [
        { path: field, message: `不能早于${label(previousStage)}日期 ${previousDate}` },
      ]);
    }
    events.push({ fromStage: previousStage, toStage: stage, eventDate: date });
    previousStage = stage;
    previousDate = date;
  }
  return events;
}

/**
 * The events of a new project entered at `stage`: that stage must be dated; earlier pipeline stages
 * are recorded where a date is given (an old ledger may not know when a lead was first found).
 */
export function planCreation(stage: Stage, stageDates: StageDates, today: string): PlannedEvent[] {
  if (stage === 'rejected' || stage === 'stopped') {
    throw new AppError('VALIDATION', '新项目不能直接处于"未获批"或"终止"阶段', [{ path: 'stage', message: '请选择线索至验收之间的阶段' }]);
  }
  if (!stageDates[stage]) {
    throw new AppError('VALIDATION', `请填写"${label(stage)}"的日期`, [{ path: `stageDates.${stage}`, message: '请填写日期' }]);
  }
  const reached = PIPELINE.slice(0, PIPELINE.indexOf(stage as (typeof PIPELINE)[number]) + 1);
  const events: PlannedEvent[] = [];
  let previous = null as PlannedEvent | null;
  for (const s of reached) {
    const date = stageDates[s];
    if (!date) continue;
    assertNotFuture(date, today, `stageDates.${s}`);
    if (previous && date < previous.eventDate) {
      throw new AppError('VALIDATION', `"${label(s)}"的日期 ${date} 不能早于"${label(previous.toStage)}"的日期 ${previous.eventDate}`, [
        { path: `stageDates.${s}`, message: `不能早于${label(previous.toStage)}日期` },
      ]);
    }
    previous = { fromStage: previous?.toStage ?? null, toStage: s, eventDate: date };
    events.push(previous);
  }
  return events;
}

/**
 * The stage and the date of each stage that a project's events (in the order they happened) add up
 * to. Going back into the pool after 未获批 starts a new round: the later stages' dates are cleared
 * (the events keep the earlier round for the record and for period counts).
 */
export function foldEvents(events: EventLike[]): { stage: Stage; dates: StageDates } {
  let stage: Stage = 'lead';
  let dates: StageDates = {};
  for (const e of events) {
    if (e.toStage === 'pool' && e.fromStage === 'rejected') dates = { lead: dates.lead };
    dates[e.toStage] = e.eventDate;
    stage = e.toStage;
  }
  return { stage, dates };
}

/** The latest date among a project's stage dates, which the next move may not precede. */
export function lastStageDate(dates: StageDates): string | null {
  const all = Object.values(dates).filter((d): d is string => !!d);
  return all.length ? all.sort().at(-1)! : null;
}

/** Today in China (UTC+8), as YYYY-MM-DD: the one definition is shared with the date schemas. */
export { chinaToday as todayInChina } from '../../shared/common.js';
