// The one analysis pipeline: a plan and its history scan in, every figure the
// surfaces show out (progress, schedule, workload, budget, risks, sprints and
// the schedule's Problems-panel diagnostics). The extension's plan store, the
// CLI and the reports call this instead of assembling the steps themselves.
//
// Pure: reading git (scanHistory) happens before, `today` comes in as an
// option. Progress and the schedule are computed at once (everything needs
// them); the rest on first read and then kept, so a surface pays only for the
// figures it shows.
import type { Diagnostic, EarnedValueRule, IsoDate, Plan, Position } from './model';
import type { HistoryScan } from './git/history';
import { computeProgress, type ProgressResult } from './progress';
import { schedulePlan, type Schedule } from './schedule';
import { scheduleDiagnostics } from './scheduleDiagnostics';
import { computeWorkload, type Workload } from './workload';
import { computeBudget, type BudgetResult } from './budget';
import { rankRisks, type RiskSummary } from './risk';
import { computeSprints, type SprintReport } from './sprint';
import { computeActuals, type Actuals } from './actuals';
import type { PlanAtDay } from './sprintScope';
import { computeVelocity, type VelocityResult } from './velocity';
import type { ProbabilisticForecast } from './forecast/monteCarlo';
import { cachedForecast, type ForecastCache } from './forecast/cache';
import { milestoneHealth, oneMilestoneHealth, type HealthInputs, type MilestoneHealth } from './health';

export interface AnalysisOptions {
  /** The date figures are computed for. Never read from the clock. */
  readonly today: IsoDate;
  /** Earned-value rule for started tasks; default 50/50. */
  readonly rule?: EarnedValueRule;
  /** Text offsets to 1-based positions for `diagnostics` (ParsedPlan.positionAt); else 1:1. */
  readonly positionAt?: (offset: number) => Position;
  /** project.yml's history, one revision per day (git/sprintScope.ts), for the scope added to sprints. */
  readonly planRevisions?: readonly PlanAtDay[];
  /** Monte Carlo runs and seed for `forecast` (defaults: FORECAST_DEFAULTS). */
  readonly forecastRuns?: number;
  readonly forecastSeed?: number;
  /** Where the CLI keeps the forecast between runs (forecast/cache.ts); none: computed every time. */
  readonly forecastCache?: ForecastCache;
  /** False: `forecast` without the criticality index, for surfaces that show none (ForecastOptions.criticality). */
  readonly forecastCriticality?: boolean;
}

export interface PlanAnalysis {
  readonly plan: Plan;
  readonly today: IsoDate;
  /** Undefined when git was not read (no repository, untrusted workspace, no git). */
  readonly history?: HistoryScan;
  readonly progress: ProgressResult;
  readonly schedule: Schedule;
  /** Per person per ISO week at the forecast dates, with over-allocations. */
  readonly workload: Workload;
  readonly budget: BudgetResult;
  readonly risks: RiskSummary;
  readonly sprints: readonly SprintReport[];
  /** Completed hours per sprint and the forecast they give (velocity.ts). */
  readonly velocity: VelocityResult;
  /** Hours from the commits' `Time:` / `Spent:` / `#time` lines, per task (actuals.ts). */
  readonly actuals: Actuals;
  /** Schedule problems: missed deadlines, over-allocated people, broken dependency cycles. */
  readonly diagnostics: readonly Diagnostic[];
  /** Percentile finish dates and on-time probabilities from the team's estimate accuracy (forecast/). */
  readonly forecast: ProbabilisticForecast;
  /**
   * Per milestone: on-track, at-risk or off-track with the reasons (health.ts).
   * Reads `forecast` (its chance of meeting the due), so it costs the runs:
   * the diagnostics, which run on every edit, never read it.
   */
  readonly health: ReadonlyMap<string, MilestoneHealth>;
  /** One milestone's health (`health.get(id)`), without the runs when it is finished. */
  healthOf(id: string): MilestoneHealth | undefined;
}

export function analyzePlan(plan: Plan, history: HistoryScan | undefined, options: AnalysisOptions): PlanAnalysis {
  const progress = computeProgress(plan, history, options.rule ?? '50/50');
  const schedule = schedulePlan(plan, progress, { today: options.today });
  const positionAt = options.positionAt;
  let workload: Workload | undefined;
  let budget: BudgetResult | undefined;
  let risks: RiskSummary | undefined;
  let sprints: readonly SprintReport[] | undefined;
  let velocity: VelocityResult | undefined;
  let actuals: Actuals | undefined;
  let diagnostics: readonly Diagnostic[] | undefined;
  let forecast: ProbabilisticForecast | undefined;
  let health: ReadonlyMap<string, MilestoneHealth> | undefined;
  let inputs: HealthInputs | undefined;
  const analysis: PlanAnalysis = {
    plan,
    today: options.today,
    history,
    progress,
    schedule,
    get workload() { return (workload ??= computeWorkload(plan, schedule)); },
    get budget() { return (budget ??= computeBudget(plan, schedule, progress, this.actuals)); },
    get actuals() { return (actuals ??= computeActuals(plan, history)); },
    get risks() { return (risks ??= rankRisks(plan)); },
    get sprints() { return (sprints ??= computeSprints(plan, schedule, options.planRevisions)); },
    get velocity() { return (velocity ??= computeVelocity(plan, schedule, progress, this.sprints)); },
    get diagnostics() { return (diagnostics ??= scheduleDiagnostics(plan, schedule, { positionAt, workload: this.workload })); },
    get forecast() {
      return (forecast ??= cachedForecast(plan, progress, { today: options.today, runs: options.forecastRuns, seed: options.forecastSeed, criticality: options.forecastCriticality }, options.forecastCache));
    },
    get health() { return (health ??= milestoneHealth(healthInputs(this))); },
    healthOf(id) { return health ? health.get(id) : oneMilestoneHealth(healthInputs(this), id); },
  };
  /** What health reads, with the forecast as a getter: the runs are made on first read, and only for open work. */
  const healthInputs = (a: PlanAnalysis): HealthInputs => {
    let read: ProbabilisticForecast | undefined;
    return (inputs ??= { plan, schedule, progress, risks: a.risks, get forecast() { return (read ??= a.forecast); } });
  };
  return analysis;
}
