// The facts of a release postmortem of one milestone: the plan at its
// baseline and at release (project.yml's own history), the commits reachable
// from the release, and the schedule, turned into numbers (computePostmortem).
// Pure: the git work happens in generate.ts; postmortemMarkdown.ts renders
// the facts as Markdown and an SVG burndown. The timeline entries and the
// seeded retro sentences are already escaped Markdown text.
// Definitions of every figure: docs/postmortem.md.
import { PlanCalendars, WorkCalendar, fromDayNumber, toDayNumber } from '../calendar';
import type { EarnedValueRule, Health, IsoDate, Milestone, Plan, RiskStatus, Task, TaskStatus } from '../model';
import { medianEstimateHours, personForEmail, taskWeight, type ProgressResult } from '../progress';
import { durationDays, schedulePlan, type Schedule } from '../schedule';
import { analyzePlan, type PlanAnalysis } from '../analyze';
import { actualHoursOf } from '../actuals';
import { round2 } from '../numbers';
import type { HistoryScan } from '../git/history';
import type { MilestoneHistory, PlanRevision, SkippedRevision } from '../git/planHistory';
import { forecastAtBaseline, type BaselineForecast, type MilestoneForecaster } from './postmortemForecast';
import { diffMilestone, isEmptyDiff, taskById, type PlanDiff, type ValueChange } from './planDiff';
import { days, median, shortSha, slipText } from './markdown';
import { codeSpan, escapeMarkdown as md, percent, signedPercent } from '../text';

/** A commit in the release range (reachable from the release, not from the baseline). */
export interface RangeCommit {
  readonly sha: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorDate: string;
  readonly subject: string;
  readonly merge: boolean;
  readonly refs: readonly { readonly taskId: string; readonly closing: boolean }[];
  /** The commit changed project.yml. */
  readonly changedPlan: boolean;
}

export interface PostmortemInput {
  readonly history: MilestoneHistory;
  /** Linked commits reachable from the release (all of them count as shipped). */
  readonly scan: HistoryScan;
  /** Every commit of the release range, oldest first. */
  readonly rangeCommits: readonly RangeCommit[];
  /** The date to report against when the release is HEAD (not tagged yet). */
  readonly today: IsoDate;
  readonly rule?: EarnedValueRule;
  /** Commits reachable from the baseline, linked to the plan then: the forecast at the baseline (postmortemForecast.ts). */
  readonly baselineScan?: HistoryScan;
  /** analyzePlan, or a memo of it shared by postmortems of one release (releaseCommits.ts). */
  readonly analyze?: (plan: Plan, scan: HistoryScan, options: { today: IsoDate; rule?: EarnedValueRule }) => PlanAnalysis;
  /** forecastMilestone, or the session's memo of it (releaseCommits.ts). */
  readonly forecastMilestone?: MilestoneForecaster;
}

export interface SlipRow {
  readonly id: string;
  readonly title: string;
  readonly assignee?: string;
  readonly plannedFinish: IsoDate;
  /** Actual finish, or the forecast for an open task. */
  readonly finish?: IsoDate;
  readonly forecast: boolean;
  /** Workdays (plan calendar) from planned to actual/forecast finish; positive = late. */
  readonly slip?: number;
  readonly criticalAtBaseline: boolean;
  readonly criticalAtRelease: boolean;
}

/**
 * How a task's estimate was measured: in hours where the task has actual
 * hours (declared `spent`, else commit time lines: actuals.ts), in workdays
 * from its first to its closing commit otherwise.
 */
export type AccuracyUnit = 'hours' | 'days';

export interface AccuracyRow {
  readonly id: string;
  readonly title: string;
  readonly assignee?: string;
  readonly estimate: string;
  readonly unit: AccuracyUnit;
  /** Unit hours: the estimate in hours. */
  readonly estimatedHours?: number;
  /** Unit hours: the task's actual hours. */
  readonly actualHours?: number;
  /** Unit days: planned duration in workdays, estimate / (hoursPerDay x capacity), whole days (as the schedule plans). */
  readonly estimatedDays?: number;
  /** First and closing commit, when the task has both. */
  readonly start?: IsoDate;
  readonly finish?: IsoDate;
  /** Unit days: workdays of the assignee's calendar from first to closing commit, both included. */
  readonly actualDays?: number;
  /** (actual - estimated) / estimated, in the row's unit. */
  readonly error: number;
}

/** One person's tasks measured in one unit (a person with both has two rows). */
export interface PersonAccuracy {
  readonly person: string;
  readonly name: string;
  readonly unit: AccuracyUnit;
  readonly tasks: number;
  readonly estimatedHours?: number;
  readonly actualHours?: number;
  readonly estimatedDays?: number;
  readonly actualDays?: number;
  readonly error: number;
}

export interface TaskWork {
  readonly id: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly commits: number;
  readonly firstCommit?: IsoDate;
  readonly closedBy?: string;
  readonly finish?: IsoDate;
}

export interface Contributor {
  readonly key: string;
  readonly name: string;
  readonly commits: number;
  readonly linked: number;
}

export interface RiskRow {
  readonly id: string;
  readonly title: string;
  readonly status: RiskStatus;
  readonly baselineStatus?: RiskStatus;
  readonly exposure: number;
  readonly owner?: string;
  readonly reviewed?: IsoDate;
  /** No `reviewed` date, or none since the baseline. */
  readonly notReviewed: boolean;
}

export interface BurndownDay {
  readonly date: IsoDate;
  /** Scope (estimate days of non-dropped tasks in the milestone, per the plan in force that day). */
  readonly scope: number;
  /** Scope not done by the end of that day. */
  readonly remaining: number;
}

export interface TimelineEvent {
  readonly date: IsoDate;
  /** Already-escaped Markdown. */
  readonly text: string;
}

export interface PostmortemData {
  readonly milestone: { readonly id: string; readonly title: string; readonly due?: IsoDate };
  readonly projectName: string;
  readonly hoursPerDay: number;
  readonly asOf: IsoDate;
  readonly history: MilestoneHistory;
  readonly summary: {
    readonly plannedFinish?: IsoDate;
    readonly plannedSource: 'due' | 'schedule' | 'none';
    readonly actualFinish?: IsoDate;
    readonly actualSource: 'release' | 'last-task' | 'forecast' | 'none';
    readonly finished: boolean;
    readonly slipDays?: number;
    readonly tasks: number;
    readonly done: number;
    readonly dropped: number;
    readonly carriedOver: readonly string[];
    readonly health: Health;
    readonly healthReasons: readonly string[];
    readonly progress: number;
  };
  /** "We said 85% by X; it shipped Y": the forecast at the baseline (postmortemForecast.ts); null without `baselineScan`. */
  readonly forecastAtBaseline: BaselineForecast | null;
  readonly diff: PlanDiff;
  /** Estimate hours added by scope creep (added + moved in). */
  readonly creepHours: number;
  readonly slips: readonly SlipRow[];
  readonly criticalAtBaseline: readonly string[];
  readonly accuracy: readonly AccuracyRow[];
  readonly accuracyByPerson: readonly PersonAccuracy[];
  readonly medianError?: number;
  readonly medianAbsError?: number;
  /** Done tasks left out of the accuracy table, with why. */
  readonly accuracyGaps: readonly { readonly id: string; readonly why: string }[];
  readonly work: readonly TaskWork[];
  readonly range: {
    readonly commits: number;
    readonly merges: number;
    readonly milestoneCommits: number;
    readonly otherTaskCommits: number;
    readonly planUpdates: number;
    readonly unplanned: readonly RangeCommit[];
    readonly unplannedShare: number;
  };
  readonly contributors: readonly Contributor[];
  readonly risks: readonly RiskRow[];
  readonly burndown: readonly BurndownDay[];
  readonly idealStart: number;
  readonly timeline: readonly TimelineEvent[];
  readonly wentWell: readonly string[];
  readonly wentWrong: readonly string[];
  readonly actionItems: readonly string[];
}

const d2 = (n: number): number => Math.round(n * 100) / 100;

function milestoneOf(plan: Plan, id: string): Milestone {
  const m = plan.milestones.find((x) => x.id === id);
  if (!m) throw new Error(`milestone '${id}' is not in the plan`);
  return m;
}

function personName(plan: Plan, id: string | undefined): string {
  if (id === undefined) return 'unassigned';
  const p = plan.people.find((x) => x.id === id);
  return p?.name ?? id;
}

export function computePostmortem(input: PostmortemInput): PostmortemData {
  const { history } = input;
  const id = history.milestoneId;
  const actual = history.actual.plan;
  const base = history.baseline.plan;
  const m = milestoneOf(actual, id);
  const mb = milestoneOf(base, id);
  const asOf = history.release.day ?? input.today;
  const hpd = actual.project.calendar.hoursPerDay || 8;
  const cal = WorkCalendar.forPlan(actual);
  const cals = new PlanCalendars(actual);
  // The plan at release, analysed as of the release; the baseline plan only scheduled, as it was planned.
  const analysis = (input.analyze ?? analyzePlan)(actual, input.scan, { today: asOf, rule: input.rule });
  const { progress, schedule } = analysis;
  const baseSchedule = baselineSchedule(base, history.baseline.day);
  const slipBetween = (from: IsoDate, to: IsoDate): number => cal.workdaysBetween(toDayNumber(from), toDayNumber(to));

  // --- Summary --------------------------------------------------------------
  const statusOf = (t: Task): TaskStatus => progress.tasks.get(t.id)?.effective ?? t.status;
  const doneTasks = m.tasks.filter((t) => statusOf(t) === 'done');
  const droppedTasks = m.tasks.filter((t) => statusOf(t) === 'dropped');
  const carried = m.tasks.filter((t) => statusOf(t) !== 'done' && statusOf(t) !== 'dropped');
  // Done tasks without a closing commit: the day the plan first declared them done (read once, used twice).
  const planDoneDay = new Map(doneTasks.filter((t) => !progress.tasks.get(t.id)?.actualFinish).map((t) => [t.id, doneDayFromPlan(history.revisions, t.id)]));
  const baseMs = baseSchedule.milestones.get(id);
  const plannedFinish = mb.due ?? baseMs?.plannedFinish;
  const plannedSource = mb.due ? 'due' : baseMs?.plannedFinish ? 'schedule' : 'none';
  const ms = schedule.milestones.get(id);
  let actualFinish: IsoDate | undefined;
  let actualSource: PostmortemData['summary']['actualSource'] = 'none';
  if (history.release.day) {
    actualFinish = history.release.day;
    actualSource = 'release';
  } else if (carried.length === 0 && doneTasks.length > 0) {
    const finishes = doneTasks.map((t) => progress.tasks.get(t.id)?.actualFinish ?? planDoneDay.get(t.id)).filter((x): x is IsoDate => !!x);
    actualFinish = finishes.sort().pop();
    if (actualFinish) actualSource = 'last-task';
  } else if (ms?.forecastFinish) {
    actualFinish = ms.forecastFinish;
    actualSource = 'forecast';
  }
  const slipDays = plannedFinish && actualFinish ? slipBetween(plannedFinish, actualFinish) : undefined;

  // --- Baseline vs actual -----------------------------------------------------
  const diff = diffMilestone(base, actual, id);
  const creepHours = [...diff.added, ...diff.movedIn].reduce((n, t) => n + (t.estimateHours ?? 0), 0);

  // --- Schedule: slips, critical, estimate accuracy ----------------------------
  const slips: SlipRow[] = [];
  const plannedIds = new Set(mb.tasks.map((t) => t.id));
  for (const t of m.tasks) {
    if (statusOf(t) === 'dropped' || !plannedIds.has(t.id)) continue; // scope creep has no planned date to slip from
    const bt = baseSchedule.tasks.get(t.id);
    if (!bt || bt.dropped) continue;
    const tp = progress.tasks.get(t.id);
    const st = schedule.tasks.get(t.id);
    const done = statusOf(t) === 'done';
    const finish = done ? tp?.actualFinish : st?.forecastFinish;
    slips.push({
      id: t.id, title: t.title, assignee: t.assignee,
      plannedFinish: bt.plannedFinish,
      finish,
      forecast: !done,
      slip: finish ? slipBetween(bt.plannedFinish, finish) : undefined,
      criticalAtBaseline: bt.critical,
      criticalAtRelease: st?.critical ?? false,
    });
  }
  const criticalAtBaseline = mb.tasks.filter((t) => baseSchedule.tasks.get(t.id)?.critical).map((t) => t.id);

  const baseTasks = taskById(base);
  const accuracy: AccuracyRow[] = [];
  const accuracyGaps: { id: string; why: string }[] = [];
  for (const t of doneTasks) {
    const tp = progress.tasks.get(t.id);
    const estTask = baseTasks.get(t.id)?.estimateHours !== undefined ? baseTasks.get(t.id)! : t;
    if (estTask.estimateHours === undefined) { accuracyGaps.push({ id: t.id, why: 'no estimate' }); continue; }
    const brief = { id: t.id, title: t.title, assignee: t.assignee, estimate: estTask.estimate ?? `${estTask.estimateHours}h` };
    const dates = tp?.actualStart && tp.actualFinish ? { start: tp.actualStart, finish: tp.actualFinish } : {};
    const actualHours = actualHoursOf(t.spent, analysis.actuals.tasks.get(t.id)?.hours);
    if (actualHours !== undefined) {
      if (estTask.estimateHours === 0) { accuracyGaps.push({ id: t.id, why: 'zero estimate' }); continue; }
      accuracy.push({
        ...brief, unit: 'hours', estimatedHours: estTask.estimateHours, actualHours, ...dates,
        error: (actualHours - estTask.estimateHours) / estTask.estimateHours,
      });
      continue;
    }
    if (!tp?.actualStart || !tp.actualFinish) { accuracyGaps.push({ id: t.id, why: 'no closing commit' }); continue; }
    const person = actual.people.find((p) => p.id === t.assignee);
    const estimatedDays = durationDays(estTask.estimateHours, hpd, person?.capacity ?? 1);
    if (estimatedDays === 0) { accuracyGaps.push({ id: t.id, why: 'zero estimate' }); continue; }
    const pc = cals.forAssignee(t.assignee);
    const actualDays = Math.max(1, pc.countWorkdays(toDayNumber(tp.actualStart), toDayNumber(tp.actualFinish)));
    accuracy.push({
      ...brief, unit: 'days', estimatedDays, start: tp.actualStart, finish: tp.actualFinish, actualDays,
      error: (actualDays - estimatedDays) / estimatedDays,
    });
  }
  const byPerson = new Map<string, { person: string; unit: AccuracyUnit; tasks: number; est: number; act: number }>();
  for (const a of accuracy) {
    const person = a.assignee ?? '';
    const k = `${person} ${a.unit}`;
    const e = byPerson.get(k) ?? { person, unit: a.unit, tasks: 0, est: 0, act: 0 };
    e.tasks++;
    e.est += (a.unit === 'hours' ? a.estimatedHours : a.estimatedDays) ?? 0;
    e.act += (a.unit === 'hours' ? a.actualHours : a.actualDays) ?? 0;
    byPerson.set(k, e);
  }
  const accuracyByPerson: PersonAccuracy[] = [...byPerson.values()].map((e) => ({
    person: e.person || 'unassigned', name: personName(actual, e.person || undefined), unit: e.unit, tasks: e.tasks,
    ...(e.unit === 'hours' ? { estimatedHours: round2(e.est), actualHours: round2(e.act) } : { estimatedDays: e.est, actualDays: e.act }),
    error: (e.act - e.est) / e.est,
  })).sort((a, b) => b.error - a.error || a.person.localeCompare(b.person) || a.unit.localeCompare(b.unit));

  // --- Work --------------------------------------------------------------------
  const work: TaskWork[] = m.tasks.map((t) => {
    const tp = progress.tasks.get(t.id);
    return {
      id: t.id, title: t.title, status: statusOf(t), commits: tp?.commits.length ?? 0,
      firstCommit: tp?.actualStart, closedBy: tp?.closedBy ?? undefined, finish: tp?.actualFinish,
    };
  });
  const milestoneIds = new Set(m.tasks.map((t) => t.id));
  const { nonMerge, linked, planUpdates, unplanned, contributors: contributorList } = rangeSummary(input.rangeCommits, actual);
  let milestoneCommits = 0;
  for (const c of linked) if (c.refs.some((r) => milestoneIds.has(r.taskId))) milestoneCommits++;
  const otherTaskCommits = linked.length - milestoneCommits;

  // --- Risks --------------------------------------------------------------------
  const baseRisks = new Map(base.risks.map((r) => [r.id, r]));
  const reviewed = new Map(actual.risks.map((r) => [r.id, r.reviewed]));
  const risks: RiskRow[] = analysis.risks.ranked
    .filter((r) => r.milestones.includes(id) || r.tasks.length === 0)
    .map((r) => {
      const rv = reviewed.get(r.id);
      return {
        id: r.id, title: r.title, status: r.status, baselineStatus: baseRisks.get(r.id)?.status,
        exposure: r.exposure, owner: r.owner, reviewed: rv,
        notReviewed: rv === undefined || rv < history.baseline.day,
      };
    });

  // --- Burndown -----------------------------------------------------------------
  const startDay = toDayNumber(history.baseline.day);
  const endIso = [asOf, plannedFinish, actualFinish && actualSource !== 'forecast' ? actualFinish : undefined]
    .filter((x): x is IsoDate => !!x).sort().pop() as IsoDate;
  const lastDay = Math.min(toDayNumber(asOf), toDayNumber(endIso));
  const doneOn = new Map<string, number>();
  for (const t of m.tasks) {
    const f = progress.tasks.get(t.id)?.actualFinish ?? planDoneDay.get(t.id);
    if (f) doneOn.set(t.id, toDayNumber(f));
  }
  // Tasks that left the milestone may have been done elsewhere: their finish from progress too.
  const finishOf = (taskId: string): number | undefined => {
    if (doneOn.has(taskId)) return doneOn.get(taskId);
    const f = progress.tasks.get(taskId)?.actualFinish;
    return f ? toDayNumber(f) : undefined;
  };
  const burndown: BurndownDay[] = [];
  let revIndex = 0;
  const revs = history.revisions;
  const scopeCache = new Map<PlanRevision, { id: string; hours: number }[]>();
  const scopeOf = (rev: PlanRevision): { id: string; hours: number }[] => {
    let s = scopeCache.get(rev);
    if (!s) {
      const med = medianEstimateHours(rev.plan);
      const mm = rev.plan.milestones.find((x) => x.id === id);
      s = (mm?.tasks ?? []).filter((t) => t.status !== 'dropped').map((t) => ({ id: t.id, hours: taskWeight(t, med) }));
      scopeCache.set(rev, s);
    }
    return s;
  };
  for (let day = startDay; day <= lastDay; day++) {
    if (day !== startDay && day !== lastDay && !cal.isWorkday(day)) continue;
    const iso = fromDayNumber(day);
    while (revIndex + 1 < revs.length && revs[revIndex + 1].day <= iso) revIndex++;
    const scope = scopeOf(revs[revIndex]);
    let total = 0;
    let remaining = 0;
    for (const s of scope) {
      total += s.hours;
      const f = finishOf(s.id);
      if (f === undefined || f > day) remaining += s.hours;
    }
    burndown.push({ date: iso, scope: d2(total / hpd), remaining: d2(remaining / hpd) });
  }
  const idealStart = d2(scopeOf(revs[0]).reduce((n, s) => n + s.hours, 0) / hpd);

  // --- Timeline -----------------------------------------------------------------
  const timeline: TimelineEvent[] = [];
  const b = history.baseline;
  timeline.push({
    date: b.day,
    text: `Baseline: ${history.baselineRef ? `${codeSpan(history.baselineRef)} ` : ''}${shortSha(b.sha)} “${md(b.subject)}”: ${diff.baselineTasks.length} tasks, ${days(diff.baselineHours / hpd)}`,
  });
  for (let i = 1; i < revs.length; i++) {
    const d = diffMilestone(revs[i - 1].plan, revs[i].plan, id);
    if (isEmptyDiff(d)) continue;
    // A partial (sliced) revision knows only this milestone: a task's other home is unknown.
    const partial = revs[i - 1].partial === true || revs[i].partial === true;
    timeline.push({ date: revs[i].day, text: `Plan changed in ${shortSha(revs[i].sha)} “${md(revs[i].subject)}”: ${describeDiff(d, partial)}` });
  }
  for (const s of history.skipped) {
    if (s.date >= b.date) timeline.push({ date: s.day, text: `project.yml at ${shortSha(s.sha)} did not parse (skipped): ${md(s.reason)}` });
  }
  const started = work.filter((w) => w.firstCommit).sort((a, c) => (a.firstCommit! < c.firstCommit! ? -1 : 1))[0];
  if (started) timeline.push({ date: started.firstCommit!, text: `Work started: first commit for ${md(started.id)}` });
  for (const w of work) if (w.finish) timeline.push({ date: w.finish, text: `${md(w.id)} done (${shortSha(w.closedBy ?? '')}): ${md(w.title)}` });
  if (plannedFinish) timeline.push({ date: plannedFinish, text: plannedSource === 'due' ? 'Due date (planned finish at the baseline)' : 'Planned finish (baseline schedule)' });
  if (history.release.tag && history.release.day) {
    timeline.push({ date: history.release.day, text: `Released ${codeSpan(history.release.tag)} (${shortSha(history.release.sha)})` });
  }
  timeline.sort((a, c) => (a.date < c.date ? -1 : a.date > c.date ? 1 : 0));

  const summary: PostmortemData['summary'] = {
    plannedFinish, plannedSource, actualFinish, actualSource,
    finished: actualSource === 'release' || actualSource === 'last-task',
    slipDays,
    tasks: m.tasks.length,
    done: doneTasks.length,
    dropped: droppedTasks.length,
    carriedOver: carried.map((t) => t.id),
    health: analysis.healthOf(id)?.health ?? 'on-track',
    healthReasons: analysis.healthOf(id)?.healthReasons ?? [],
    progress: progress.milestones.get(id)?.progress ?? 0,
  };
  const errors = accuracy.map((a) => a.error);
  const data: Omit<PostmortemData, 'wentWell' | 'wentWrong' | 'actionItems'> = {
    milestone: { id, title: m.title, due: m.due },
    projectName: actual.project.name,
    hoursPerDay: hpd,
    asOf,
    history,
    summary,
    forecastAtBaseline: input.baselineScan
      ? forecastAtBaseline({ history, baselineScan: input.baselineScan, rule: input.rule, analyze: input.analyze, forecastMilestone: input.forecastMilestone, shipped: actualFinish, shippedSource: actualSource })
      : null,
    diff,
    creepHours,
    slips,
    criticalAtBaseline,
    accuracy,
    accuracyByPerson,
    medianError: median(errors),
    medianAbsError: median(errors.map(Math.abs)),
    accuracyGaps,
    work,
    range: {
      commits: nonMerge,
      merges: input.rangeCommits.length - nonMerge,
      milestoneCommits, otherTaskCommits, planUpdates,
      unplanned,
      unplannedShare: nonMerge ? unplanned.length / nonMerge : 0,
    },
    contributors: contributorList,
    risks,
    burndown,
    idealStart,
    timeline,
  };
  return { ...data, ...seedRetro(data) };
}

const baselineSchedules = new WeakMap<Plan, Map<IsoDate, Schedule>>();

/** The baseline plan scheduled as planned then (no progress), once per plan and day: milestones with one baseline share it. */
function baselineSchedule(plan: Plan, day: IsoDate): Schedule {
  let byDay = baselineSchedules.get(plan);
  if (!byDay) baselineSchedules.set(plan, (byDay = new Map()));
  let s = byDay.get(day);
  if (!s) byDay.set(day, (s = schedulePlan(plan, undefined, { today: day })));
  return s;
}

/** What a release range says whatever the milestone: computed once per range and plan at release (the site's postmortems share both). */
interface RangeSummary {
  /** Non-merge commits. */
  readonly nonMerge: number;
  /** Non-merge commits that reference a task. */
  readonly linked: readonly RangeCommit[];
  /** Non-merge commits that reference nothing and changed project.yml. */
  readonly planUpdates: number;
  /** Non-merge commits that reference nothing and left project.yml alone. */
  readonly unplanned: readonly RangeCommit[];
  readonly contributors: readonly Contributor[];
}

const rangeSummaries = new WeakMap<readonly RangeCommit[], WeakMap<Plan, RangeSummary>>();

function rangeSummary(range: readonly RangeCommit[], plan: Plan): RangeSummary {
  let byPlan = rangeSummaries.get(range);
  if (!byPlan) rangeSummaries.set(range, (byPlan = new WeakMap()));
  let summary = byPlan.get(plan);
  if (summary) return summary;
  let nonMerge = 0;
  let planUpdates = 0;
  const linked: RangeCommit[] = [];
  const unplanned: RangeCommit[] = [];
  const contributors = new Map<string, { name: string; commits: number; linked: number }>();
  // A few authors write every commit: each address is matched to a person once.
  const byEmail = new Map<string, { key: string; name: string }>();
  for (const c of range) {
    if (c.merge) continue;
    nonMerge++;
    if (c.refs.length > 0) linked.push(c);
    else if (c.changedPlan) planUpdates++;
    else unplanned.push(c);
    let who = byEmail.get(c.authorEmail);
    if (!who) {
      const pid = personForEmail(plan, c.authorEmail);
      byEmail.set(c.authorEmail, (who = { key: pid ?? c.authorEmail.toLowerCase(), name: pid ? personName(plan, pid) : c.authorName }));
    }
    // The first commit of a key names it (an address outside the plan may come with several names).
    const e = contributors.get(who.key) ?? { name: who.name, commits: 0, linked: 0 };
    e.commits++;
    if (c.refs.length > 0) e.linked++;
    contributors.set(who.key, e);
  }
  const contributorList = [...contributors].map(([key, e]) => ({ key, ...e }))
    .sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name));
  summary = { nonMerge, linked, planUpdates, unplanned, contributors: contributorList };
  byPlan.set(plan, summary);
  return summary;
}

/** Day of the first parsed revision where the task is declared done (for tasks done without a closing commit). */
function doneDayFromPlan(revs: readonly PlanRevision[], taskId: string): IsoDate | undefined {
  for (const r of revs) {
    const t = r.plan.tasks.find((x) => x.id === taskId);
    if (t?.status === 'done') return r.day;
  }
  return undefined;
}

/** A row's estimated and actual figures in its own unit: `16h` and `14.5h`, or `2d` and `3d`. */
export function accuracyFigures(r: AccuracyRow | PersonAccuracy): { estimated: string; actual: string } {
  return r.unit === 'hours'
    ? { estimated: `${r.estimatedHours ?? 0}h`, actual: `${r.actualHours ?? 0}h` }
    : { estimated: days(r.estimatedDays ?? 0), actual: days(r.actualDays ?? 0) };
}

/** `ID 3d → 5d`: one re-estimate (escaped). */
export function reestimate(r: ValueChange<string>): string {
  return `${md(r.id)} ${md(r.from ?? 'none')} → ${md(r.to ?? 'none')}`;
}

/** `ID ann → bob`: one reassignment (escaped). */
export function reassignment(r: ValueChange<string>): string {
  return `${md(r.id)} ${md(r.from ?? 'nobody')} → ${md(r.to ?? 'nobody')}`;
}

/** `ID 2026-01-01 → 2026-01-15`: one moved due date. */
export function dueMove(r: ValueChange<string>): string {
  return `${md(r.id)} ${r.from ?? 'none'} → ${r.to ?? 'none'}`;
}

function describeDiff(d: PlanDiff, partial = false): string {
  const parts: string[] = [];
  const ids = (xs: readonly { id: string }[]): string => xs.map((x) => md(x.id)).join(', ');
  if (partial) {
    if (d.added.length + d.movedIn.length) parts.push(`joined ${ids([...d.added, ...d.movedIn])}`);
    if (d.removed.length + d.movedOut.length) parts.push(`left ${ids([...d.removed, ...d.movedOut])}`);
  } else {
    if (d.added.length) parts.push(`added ${ids(d.added)}`);
    if (d.movedIn.length) parts.push(`moved in ${ids(d.movedIn)}`);
    if (d.movedOut.length) parts.push(`moved out ${ids(d.movedOut)}`);
    if (d.removed.length) parts.push(`removed ${ids(d.removed)}`);
  }
  if (d.dropped.length) parts.push(`dropped ${ids(d.dropped)}`);
  for (const r of d.reestimated) parts.push(`re-estimated ${reestimate(r)}`);
  for (const r of d.reassigned) parts.push(`reassigned ${reassignment(r)}`);
  for (const r of d.dueMoved) parts.push(`due of ${dueMove(r)}`);
  if (d.milestoneDue.changed) parts.push(`milestone due ${d.milestoneDue.from ?? 'none'} → ${d.milestoneDue.to ?? 'none'}`);
  return parts.join('; ');
}

/** Blameless prompts, each pointing at a fact above. Already-escaped Markdown. */
function seedRetro(
  d: Omit<PostmortemData, 'wentWell' | 'wentWrong' | 'actionItems'>,
): Pick<PostmortemData, 'wentWell' | 'wentWrong' | 'actionItems'> {
  const well: string[] = [];
  const wrong: string[] = [];
  const actions: string[] = [];
  const s = d.summary;
  const hpd = d.hoursPerDay;
  if (s.slipDays !== undefined && s.finished) {
    if (s.slipDays <= 0) well.push(`Finished ${s.slipDays === 0 ? 'on the planned date' : `${-s.slipDays} workday(s) early`} (${s.actualFinish}).`);
    else wrong.push(`Finished ${slipText(s.slipDays).slice(1)} late: planned ${s.plannedFinish}, actual ${s.actualFinish}.`);
  } else if (s.slipDays !== undefined && s.slipDays > 0) {
    wrong.push(`Forecast to finish ${slipText(s.slipDays).slice(1)} after the plan (${s.actualFinish}).`);
  }
  const onEstimate = d.accuracy.filter((a) => a.error <= 0);
  if (onEstimate.length) well.push(`${onEstimate.length} of ${d.accuracy.length} measured tasks took no longer than estimated: ${onEstimate.map((a) => md(a.id)).join(', ')}.`);
  const over = d.accuracy.filter((a) => a.error >= 0.5).sort((a, b) => b.error - a.error);
  if (over.length) {
    wrong.push(`${over.length} task(s) took at least 50% longer than estimated: ${over.map((a) => `${md(a.id)} (${signedPercent(a.error)})`).join(', ')}.`);
  }
  if (d.medianError !== undefined && d.medianError > 0.25) {
    actions.push(`Revisit how we estimate: the median task took ${signedPercent(d.medianError)} against its estimate.`);
  }
  const creep = d.diff.added.length + d.diff.movedIn.length;
  if (creep > 0) {
    const share = d.diff.baselineHours > 0 ? ` (${signedPercent(d.creepHours / d.diff.baselineHours)} on the baseline)` : '';
    wrong.push(`Scope grew after the baseline: ${creep} task(s), ${days(d.creepHours / hpd)} of estimates${share}: ${[...d.diff.added, ...d.diff.movedIn].map((t) => md(t.id)).join(', ')}.`);
    actions.push('Agree how late scope enters a milestone (who decides, what moves out in exchange).');
  } else {
    well.push('No scope was added after the baseline.');
  }
  if (d.diff.reestimated.length) wrong.push(`${d.diff.reestimated.length} task(s) re-estimated after the baseline: ${d.diff.reestimated.map(reestimate).join(', ')}.`);
  const late = d.slips.filter((x) => (x.slip ?? 0) > 0).sort((a, b) => (b.slip ?? 0) - (a.slip ?? 0));
  const lateCritical = late.filter((x) => x.criticalAtBaseline && !x.forecast);
  if (lateCritical.length) wrong.push(`Critical-path tasks finished late: ${lateCritical.map((x) => `${md(x.id)} (${slipText(x.slip!)})`).join(', ')}.`);
  if (s.carriedOver.length) {
    wrong.push(`${s.carriedOver.length} task(s) not done at release: ${s.carriedOver.map(md).join(', ')}.`);
    actions.push(`Decide where the carried-over tasks go (${s.carriedOver.map(md).join(', ')}): the next milestone, the backlog, or dropped.`);
  }
  if (d.range.commits > 0) {
    if (d.range.unplannedShare > 0.2) {
      wrong.push(`${percent(d.range.unplannedShare)} of the commits in the release range (${d.range.unplanned.length} of ${d.range.commits}) referenced no task.`);
      actions.push('Make unplanned work visible: add a task for it, or reference the task in the commit message.');
    } else {
      well.push(`Most work was planned: ${d.range.unplanned.length} of ${d.range.commits} commits (${percent(d.range.unplannedShare)}) referenced no task.`);
    }
  }
  for (const r of d.risks) {
    if (r.status === 'occurred') wrong.push(`Risk ${md(r.id)} occurred: ${md(r.title)}.`);
    if (r.status === 'mitigated') well.push(`Risk ${md(r.id)} was mitigated: ${md(r.title)}.`);
  }
  const unreviewed = d.risks.filter((r) => r.notReviewed && (r.status === 'open' || r.status === 'occurred'));
  if (unreviewed.length) actions.push(`Review ${unreviewed.map((r) => md(r.id)).join(', ')} on a schedule (no review recorded since the baseline).`);
  if (d.history.skipped.some((x) => x.date >= d.history.baseline.date)) {
    actions.push('Validate project.yml before committing (`waymark validate` in CI): some revisions did not parse.');
  }
  return { wentWell: well, wentWrong: wrong, actionItems: actions };
}

/** What the rest of the app needs: the result types. */
export type { ProgressResult, SkippedRevision };
