// The postmortem's "we said 85% by X; it shipped Y": the Monte Carlo
// forecast as it stood at the baseline (the plan then, the commits reachable
// from the baseline commit, `today` = its day) beside the actual finish.
// The baseline is the point the postmortem already holds the plan to (the
// first committed plan with the milestone, or --baseline REF), so the
// promise is the one made when the milestone was committed to, from the
// history the team had then. Rules: docs/postmortem.md.
import { WorkCalendar, toDayNumber } from '../calendar';
import type { EarnedValueRule, IsoDate, Plan } from '../model';
import type { HistoryScan } from '../git/history';
import type { MilestoneHistory } from '../git/planHistory';
import { analyzePlan, type PlanAnalysis } from '../analyze';
import type { AccuracySource } from '../forecast/accuracy';
import { chance, forecastBasis } from '../forecast/text';
import { forecastMilestone, type ForecastOptions, type OneMilestoneForecast } from '../forecast/monteCarlo';
import type { ProgressResult } from '../progress';
import { milestoneFiguresJson } from '../forecast/json';

export interface BaselineForecast {
  /** The baseline's day: the forecast is computed as of then. */
  readonly asOf: IsoDate;
  readonly baselineSha: string;
  /** The milestone's due at the baseline. */
  readonly due: IsoDate | null;
  readonly p50: IsoDate;
  readonly p85: IsoDate;
  readonly p95: IsoDate;
  /** 0..1, 4 decimals; null without a due at the baseline. */
  readonly onTimeProbability: number | null;
  readonly runs: number;
  readonly seed: number;
  readonly durationsFrom: Exclude<AccuracySource, 'person'>;
  /** Done tasks with an estimate and commits by the baseline: the history the durations came from. */
  readonly samples: number;
  /** The summary's actual finish (the release, the last task, or the forecast when not finished). */
  readonly shipped: IsoDate | null;
  readonly shippedSource: 'release' | 'last-task' | 'forecast' | 'none';
  /** Workdays (plan calendar at release) from P85 to `shipped`; positive: later than promised. */
  readonly daysAfterP85: number | null;
}

export interface BaselineForecastInput {
  readonly history: MilestoneHistory;
  /** Commits reachable from the baseline commit, linked to the plan at the baseline. */
  readonly baselineScan: HistoryScan;
  readonly rule?: EarnedValueRule;
  readonly analyze?: (plan: Plan, scan: HistoryScan, options: { today: IsoDate; rule?: EarnedValueRule }) => PlanAnalysis;
  /** forecastMilestone, or a memo that forecasts the milestones of postmortems sharing a baseline together (releaseCommits.ts). */
  readonly forecastMilestone?: MilestoneForecaster;
  readonly shipped?: IsoDate;
  readonly shippedSource: BaselineForecast['shippedSource'];
}

export type MilestoneForecaster = (plan: Plan, progress: ProgressResult, id: string, options: ForecastOptions) => OneMilestoneForecast | undefined;

/** The forecast at the baseline; null when the milestone had no work to schedule then. */
export function forecastAtBaseline(input: BaselineForecastInput): BaselineForecast | null {
  const { history } = input;
  const base = history.baseline;
  const analysis = (input.analyze ?? analyzePlan)(base.plan, input.baselineScan, { today: base.day, rule: input.rule });
  // This milestone's figures alone, the same as the whole plan's forecast gives (forecastMilestone): the runs
  // schedule only what it depends on, a fraction of a big plan's.
  const f = (input.forecastMilestone ?? forecastMilestone)(base.plan, analysis.progress, history.milestoneId, { today: base.day });
  const m = f?.milestone;
  if (!f || !m) return null;
  const due = base.plan.milestones.find((x) => x.id === history.milestoneId)?.due ?? null;
  const cal = WorkCalendar.forPlan(history.actual.plan);
  return {
    asOf: base.day,
    baselineSha: base.sha,
    due,
    p50: m.p50, p85: m.p85, p95: m.p95,
    onTimeProbability: milestoneFiguresJson(m).onTimeProbability,
    runs: f.runs,
    seed: f.seed,
    durationsFrom: f.accuracy.teamSource,
    samples: f.accuracy.samples.length,
    shipped: input.shipped ?? null,
    shippedSource: input.shippedSource,
    daysAfterP85: input.shipped ? cal.workdaysBetween(toDayNumber(m.p85), toDayNumber(input.shipped)) : null,
  };
}

/**
 * "We said 85% by 2026-01-28 (at the baseline 2026-01-19: P50 2026-01-28,
 * 100% chance by its due 2026-01-30; 1000 runs, ...); it shipped 2026-02-04,
 * 5 workdays after it." Plain text: dates, numbers and fixed words only.
 */
export function baselineForecastText(b: BaselineForecast): string {
  const odds = b.onTimeProbability !== null && b.due !== null ? `, ${chance(b.onTimeProbability)} chance by its due ${b.due}` : '';
  const said = `We said 85% by ${b.p85} (at the baseline ${b.asOf}: P50 ${b.p50}${odds}; ${forecastBasis(b.runs, b.durationsFrom, b.samples)})`;
  if (b.shipped === null || b.daysAfterP85 === null) return `${said}; not finished.`;
  const verb = b.shippedSource === 'forecast' ? 'it is forecast to ship' : 'it shipped';
  const n = Math.abs(b.daysAfterP85);
  const when = n === 0 ? 'that day' : `${n} workday${n === 1 ? '' : 's'} ${b.daysAfterP85 > 0 ? 'after' : 'before'} it`;
  return `${said}; ${verb} ${b.shipped}, ${when}.`;
}
