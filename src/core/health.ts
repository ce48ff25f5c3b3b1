// Milestone health: on-track, at-risk or off-track, with the reasons, from
// the Monte Carlo forecast's chance of meeting the due (forecast/), the
// deterministic schedule, progress over the commitment window, risks,
// blocked tasks and missed task deadlines. Rules: docs/schedule.md,
// "Milestone health".
//
// Health needs the probabilistic forecast, so it is computed with it, on
// first read (analyze.ts): the schedule and the Problems-panel diagnostics,
// which run on every edit, never pay for the runs.
import { PlanCalendars, fromDayNumber, toDayNumber, type WorkCalendar } from './calendar';
import type { Health, IsoDate, Milestone, Plan } from './model';
import type { ProbabilisticForecast } from './forecast/monteCarlo';
import { chance } from './forecast/text';
import { HIGH_EXPOSURE, type RiskSummary } from './risk';
import type { MilestoneSchedule, Schedule, ScheduleProgress } from './schedule';

export interface MilestoneHealth {
  readonly id: string;
  /** The health shown: the plan's `health` when written, else the computed one. */
  readonly health: Health;
  readonly computedHealth: Health;
  readonly healthOverridden: boolean;
  /** Every rule that fired (off-track first), or, when none did, the forecast against the due. */
  readonly healthReasons: readonly string[];
}

/** Health thresholds (docs/schedule.md). */
export const HEALTH_RULES = {
  /**
   * Off-track below this chance of meeting the due: late is then more
   * likely than on time, i.e. the P50 shown beside it is after the due.
   */
  offTrackBelow: 0.5,
  /**
   * At-risk below this chance: the P85 shown beside it (the date one would
   * commit to) is after the due.
   */
  atRiskBelow: 0.85,
  /** Share of the commitment window elapsed minus share done above which a milestone is at-risk. */
  maxProgressLag: 0.25,
  /** Active risks at or above this exposure make a milestone at-risk. */
  highExposure: HIGH_EXPOSURE,
} as const;

export interface HealthInputs {
  readonly plan: Plan;
  readonly schedule: Schedule;
  readonly progress?: ScheduleProgress;
  /** Read only for milestones with open work (a getter keeps the runs lazy). */
  readonly forecast: ProbabilisticForecast;
  readonly risks: RiskSummary;
}

/** Health of every milestone, in plan order. */
export function milestoneHealth(x: HealthInputs): ReadonlyMap<string, MilestoneHealth> {
  const cal = PlanCalendars.of(x.plan).plan;
  const out = new Map<string, MilestoneHealth>();
  for (const m of x.plan.milestones) if (!out.has(m.id)) out.set(m.id, healthOf(x, cal, m));
  return out;
}

/**
 * Health of one milestone (the first of that id, as milestoneHealth), or
 * undefined for an unknown id. A finished milestone's health reads no
 * forecast, so with `forecast` a getter the runs are not made for it (a
 * postmortem asks for one finished milestone).
 */
export function oneMilestoneHealth(x: HealthInputs, id: string): MilestoneHealth | undefined {
  const m = x.plan.milestones.find((k) => k.id === id);
  return m && healthOf(x, PlanCalendars.of(x.plan).plan, m);
}

function healthOf(x: HealthInputs, cal: WorkCalendar, m: Milestone): MilestoneHealth {
  const computed = computeHealth(x, cal, m);
  const overridden = m.health !== undefined;
  return {
    id: m.id,
    health: m.health ?? computed.health,
    computedHealth: computed.health,
    healthOverridden: overridden,
    healthReasons: overridden ? [`health set to ${m.health} in project.yml (computed: ${computed.health})`, ...computed.reasons] : computed.reasons,
  };
}

function computeHealth(x: HealthInputs, cal: WorkCalendar, m: Milestone): { health: Health; reasons: string[] } {
  const id = m.id;
  const ms = x.schedule.milestones.get(id);
  const off: string[] = [];
  const risk: string[] = [];
  const good: string[] = [];
  let live = 0;
  let done = 0;
  const taskReasons: string[] = [];
  const blocked: string[] = [];
  for (const t of m.tasks) {
    const ts = x.schedule.tasks.get(t.id);
    if (!ts || ts.forecastBasis === 'dropped') continue;
    live++;
    if (ts.forecastBasis === 'actual') { done++; continue; }
    if (t.due !== undefined && ts.forecastFinish > t.due) taskReasons.push(`${t.id} is forecast to finish ${ts.forecastFinish}, after its due ${t.due}`);
    if ((x.progress?.tasks.get(t.id)?.effective ?? t.status) === 'blocked') blocked.push(t.id);
  }
  const slip = ms?.slipDays;
  const finish = ms?.forecastFinish;
  if (live === 0 || !ms || finish === undefined) return { health: 'on-track', reasons: ['no tasks to schedule'] };
  if (done === live) {
    // Health answers "did it land on time?": a late finish stays visible after the fact.
    if (slip !== undefined && slip > 0) return { health: 'off-track', reasons: [`finished ${finish}, ${days(slip)} after its due ${m.due}`] };
    return { health: 'on-track', reasons: [`all ${live} tasks done`] };
  }

  // The chance of meeting the due, read as the likely range shown beside it.
  const f = x.forecast.milestones.get(id);
  const p = f?.onTimeProbability;
  const likely = f && p !== undefined ? { p, p50: f.p50, p85: f.p85 } : undefined;
  /** The forecast calls it on time: a reason that says otherwise must say why. */
  const forecastOnTime = likely !== undefined && likely.p >= HEALTH_RULES.atRiskBelow;
  if (slip !== undefined && slip > 0) {
    const text = `forecast finish ${finish} is ${days(slip)} after its due ${m.due}`;
    if (likely && likely.p >= HEALTH_RULES.offTrackBelow) {
      risk.push(`${text} by the estimates as written, but ${odds(likely, m.due!)}: ${pace(x.forecast)} finish sooner`);
    } else {
      off.push(text);
      if (likely) off.push(odds(likely, m.due!));
    }
  } else if (likely && likely.p < HEALTH_RULES.atRiskBelow) {
    // The estimates as written meet the due; the spread of real durations may not.
    const asWritten = slip !== undefined ? `; the estimates as written finish ${finish}, ${days(-slip)} before it, but ${pace(x.forecast)} finish later` : '';
    (likely.p < HEALTH_RULES.offTrackBelow ? off : risk).push(`${odds(likely, m.due!)}${asWritten}`);
  } else if (likely) {
    good.push(`${odds(likely, m.due!)}; forecast finish ${finish}${slip !== undefined ? `, ${days(-slip)} before it` : ''}`);
  } else if (slip !== undefined) {
    good.push(`forecast finish ${finish}, ${days(-slip)} before its due ${m.due}`);
  } else {
    good.push(`forecast finish ${finish} (no due date)`);
  }

  const lag = progressLag(cal, ms, x.schedule.today);
  if (lag !== undefined) risk.push(forecastOnTime ? `${lag}; the forecast still gives ${chance(likely!.p)} by its due, counting the rest ${paceOfRest(x.forecast)}` : lag);
  for (const r of x.risks.highByMilestone.get(id) ?? []) {
    risk.push(`risk ${r.id} (${r.title}) is ${r.status} with exposure ${r.exposure}/9${forecastOnTime ? ' (the forecast does not include risks)' : ''}`);
  }
  risk.push(...taskReasons);
  for (const t of blocked) risk.push(`${t} is blocked${forecastOnTime ? ' (the forecast schedules it as if it could go on today)' : ''}`);
  const health: Health = off.length ? 'off-track' : risk.length ? 'at-risk' : 'on-track';
  return { health, reasons: off.length || risk.length ? [...off, ...risk] : good };
}

/** "43% chance of finishing by its due 2027-01-22 (P50 2027-02-08, P85 2027-03-25)". */
function odds(l: { p: number; p50: IsoDate; p85: IsoDate }, due: IsoDate): string {
  return `${chance(l.p)} chance of finishing by its due ${due} (P50 ${l.p50}, P85 ${l.p85})`;
}

/** What the runs drew durations from, as the subject of a sentence. */
function pace(f: ProbabilisticForecast): string {
  return f.accuracy.teamSource === 'team' ? 'durations as long as the team\'s past work took' : 'durations with the default spread (too little history)';
}

function paceOfRest(f: ProbabilisticForecast): string {
  return f.accuracy.teamSource === 'team' ? 'at the pace of the team\'s past work' : 'at the estimates, with the default spread';
}

/**
 * The progress-lags-time rule over the milestone's commitment window: from
 * when its work began (the later of its planned and forecast starts; time
 * lost before its work could begin, because what it depends on slipped, is
 * already in the forecast) to its `due` (its planned finish without one).
 * The reason when progress trails the share of that window elapsed by
 * yesterday by more than HEALTH_RULES.maxProgressLag, else undefined.
 */
function progressLag(cal: WorkCalendar, m: MilestoneSchedule, todayIso: IsoDate): string | undefined {
  if (m.plannedStart === undefined || m.forecastStart === undefined || m.plannedFinish === undefined) return undefined;
  const start = Math.max(toDayNumber(m.plannedStart), toDayNumber(m.forecastStart));
  const end = toDayNumber(m.due ?? m.plannedFinish);
  const window = cal.countWorkdays(start, end);
  const elapsed = window > 0 ? Math.min(1, Math.max(0, cal.countWorkdays(start, toDayNumber(todayIso) - 1) / window)) : 0;
  if (!(elapsed - m.progress > HEALTH_RULES.maxProgressLag)) return undefined;
  const until = m.due !== undefined ? `its due ${m.due}` : `its planned finish ${m.plannedFinish}`;
  return `${pct(m.progress)} done with ${pct(elapsed)} of the time from its start ${fromDayNumber(start)} to ${until} elapsed`;
}

function days(n: number): string {
  return `${n} workday${n === 1 ? '' : 's'}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
