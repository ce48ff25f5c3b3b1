// The stakeholder status report: overall health, each milestone's progress,
// forecast and health, what was done since the last report, what is next,
// top risks by exposure, workload hot spots, budget and SPI. Pure: the plan's
// analysis in; data (computeStatusReport) and Markdown (renderStatusReport) out.
import { forecastBasis, forecastRange } from '../forecast/text';
import { milestoneForecastJson, projectForecastJson } from '../forecast/json';
import { WorkCalendar, toDayNumber, fromDayNumber } from '../calendar';
import type { Health, IsoDate, TaskStatus } from '../model';
import type { PlanAnalysis } from '../analyze';
import { isStarted } from '../progress';
import type { RankedRisk } from '../risk';
import type { OverAllocation } from '../workload';
import type { BudgetResult } from '../budget';
import { HEALTH_LABEL, days, row, slipText, tableHead } from './markdown';
import { codeSpan, escapeMarkdown as md, percent } from '../text';
import type { SprintReport } from '../sprint';
import type { VelocityResult } from '../velocity';
import { sprintSectionMarkdown } from './sprintSection';

export interface StatusReportInput {
  /** The plan analysed for the report's day. */
  readonly analysis: PlanAnalysis;
  /** Start of the "done since" window (inclusive) and how the user named it. */
  readonly since: { readonly day: IsoDate; readonly label: string };
  /** Why commits were not read (untrusted, not a repository), shown in the report. */
  readonly gitNote?: string;
  /** How many "next" tasks to list. Default 10. */
  readonly nextLimit?: number;
}

export interface MilestoneLine {
  readonly id: string;
  readonly title: string;
  readonly due?: IsoDate;
  readonly progress: number;
  readonly doneTasks: number;
  readonly totalTasks: number;
  readonly forecastFinish?: IsoDate;
  readonly slipDays?: number;
  readonly health: Health;
  readonly healthOverridden: boolean;
  readonly reasons: readonly string[];
  /** Every non-dropped task is done. */
  readonly complete: boolean;
  /** The Monte Carlo range in words (forecast/text.ts); '' without tasks. */
  readonly likely: string;
}

export interface DoneLine {
  readonly id: string;
  readonly title: string;
  readonly milestone?: string;
  readonly assignee?: string;
  readonly finish: IsoDate;
}

export interface NextLine {
  readonly id: string;
  readonly title: string;
  readonly milestone?: string;
  readonly assignee?: string;
  readonly status: TaskStatus;
  readonly forecastStart: IsoDate;
  readonly forecastFinish: IsoDate;
  /** The planned finish (as-soon-as-possible schedule), shown beside the forecast when it differs. */
  readonly plannedFinish: IsoDate;
  readonly critical: boolean;
}

export interface StatusReportData {
  readonly projectName: string;
  readonly today: IsoDate;
  readonly since: { readonly day: IsoDate; readonly label: string };
  readonly gitNote?: string;
  readonly hoursPerDay: number;
  /** The worst health among milestones not yet complete (on-track when none is open). */
  readonly health: Health;
  readonly progress: number;
  readonly plannedFinish: IsoDate;
  readonly forecastFinish: IsoDate;
  /** Workdays from planned to forecast finish of the whole plan. */
  readonly slipDays: number;
  /** The project's Monte Carlo range and what it was drawn from. */
  readonly likely: string;
  readonly likelyBasis: string;
  readonly milestones: readonly MilestoneLine[];
  readonly done: readonly DoneLine[];
  readonly inProgress: readonly NextLine[];
  readonly next: readonly NextLine[];
  readonly risks: readonly RankedRisk[];
  readonly hotSpots: readonly OverAllocation[];
  readonly budget: BudgetResult;
  /** Every sprint's committed, added and completed hours and burndown. */
  readonly sprints: readonly SprintReport[];
  readonly velocity: VelocityResult;
}

export interface StatusReportRenderOptions {
  /** Where the current sprint's burndown SVG is (a file beside the report, or a data: URI); no chart without it. */
  readonly sprintChartHref?: string;
}

const HEALTH_RANK: Record<Health, number> = { 'on-track': 0, 'at-risk': 1, 'off-track': 2 };
const HEALTH_ICON: Record<Health, string> = { 'on-track': '🟢', 'at-risk': '🟡', 'off-track': '🔴' };

/** ` (planned 2026-10-20)` when the forecast moved the task's finish, else nothing: the report says which date it shows. */
function plannedBeside(t: NextLine): string {
  return t.plannedFinish !== t.forecastFinish ? ` (planned ${t.plannedFinish})` : '';
}

export function computeStatusReport(input: StatusReportInput): StatusReportData {
  const { analysis } = input;
  const { plan, progress, schedule, today } = analysis;
  const cal = WorkCalendar.forPlan(plan);
  const milestones: MilestoneLine[] = plan.milestones.map((m) => {
    const mp = progress.milestones.get(m.id);
    const ms = schedule.milestones.get(m.id);
    const mh = analysis.health.get(m.id);
    // progress counts the milestone's tasks that are not dropped, and those done.
    const complete = mp !== undefined && mp.totalTasks > 0 && mp.doneTasks === mp.totalTasks;
    return {
      id: m.id, title: m.title, due: m.due,
      progress: mp?.progress ?? 0, doneTasks: mp?.doneTasks ?? 0, totalTasks: mp?.totalTasks ?? 0,
      forecastFinish: ms?.forecastFinish, slipDays: ms?.slipDays,
      health: mh?.health ?? 'on-track', healthOverridden: mh?.healthOverridden ?? false, reasons: mh?.healthReasons ?? [],
      complete,
      likely: forecastRange(milestoneForecastJson(analysis.forecast, m.id)),
    };
  });
  const open = milestones.filter((m) => !m.complete);
  const health = open.reduce<Health>((h, m) => (HEALTH_RANK[m.health] > HEALTH_RANK[h] ? m.health : h), 'on-track');

  const sinceDay = input.since.day;
  const done: DoneLine[] = [];
  const inProgress: NextLine[] = [];
  const upcoming: NextLine[] = [];
  for (const t of plan.tasks) {
    if (t.milestone === undefined) continue; // the backlog is not committed work
    const tp = progress.tasks.get(t.id);
    const st = schedule.tasks.get(t.id);
    if (!tp || !st) continue;
    if (tp.effective === 'done') {
      const finish = tp.actualFinish ?? st.forecastFinish;
      if (finish >= sinceDay && finish <= today) done.push({ id: t.id, title: t.title, milestone: t.milestone, assignee: t.assignee, finish });
      continue;
    }
    if (tp.effective === 'dropped') continue;
    const line: NextLine = {
      id: t.id, title: t.title, milestone: t.milestone, assignee: t.assignee, status: tp.effective,
      forecastStart: st.forecastStart, forecastFinish: st.forecastFinish, plannedFinish: st.plannedFinish, critical: st.critical,
    };
    if (isStarted(tp.effective, tp.commits.length > 0)) inProgress.push(line);
    else upcoming.push(line);
  }
  done.sort((a, b) => (a.finish < b.finish ? -1 : a.finish > b.finish ? 1 : 0));
  const byStart = (a: NextLine, b: NextLine): number =>
    (a.forecastStart < b.forecastStart ? -1 : a.forecastStart > b.forecastStart ? 1 : 0) || Number(b.critical) - Number(a.critical);
  inProgress.sort(byStart);
  upcoming.sort(byStart);

  const hotSpots = [...analysis.workload.overAllocations]
    .sort((a, b) => (b.hours - b.capacityHours) - (a.hours - a.capacityHours) || (a.weekStart < b.weekStart ? -1 : 1))
    .slice(0, 5);

  return {
    projectName: plan.project.name,
    today,
    since: input.since,
    gitNote: input.gitNote,
    hoursPerDay: plan.project.calendar.hoursPerDay || 8,
    health,
    progress: progress.project.progress,
    plannedFinish: schedule.plannedFinish,
    forecastFinish: schedule.forecastFinish,
    slipDays: cal.workdaysBetween(toDayNumber(schedule.plannedFinish), toDayNumber(schedule.forecastFinish)),
    likely: forecastRange(projectForecastJson(analysis.forecast)),
    likelyBasis: forecastBasis(analysis.forecast.runs, analysis.forecast.accuracy.teamSource, analysis.forecast.accuracy.samples.length),
    milestones,
    done,
    inProgress,
    next: upcoming.slice(0, input.nextLimit ?? 10),
    risks: analysis.risks.ranked.filter((r) => r.active).slice(0, 5),
    hotSpots,
    budget: analysis.budget,
    sprints: analysis.sprints,
    velocity: analysis.velocity,
  };
}

function money(n: number, currency?: string): string {
  const v = Math.round(n).toLocaleString('en-US');
  return currency ? `${v} ${md(currency)}` : v;
}

const ratio = (x: number | undefined): string => (x === undefined ? 'n/a' : (Math.round(x * 100) / 100).toFixed(2));

export function renderStatusReport(d: StatusReportData, options: StatusReportRenderOptions = {}): string {
  const L: string[] = [];
  const hpd = d.hoursPerDay;
  L.push(`# Status report: ${md(d.projectName)}`, '');
  L.push(`As of ${d.today}. Generated by Waymark from project.yml and the git history.`);
  if (d.gitNote) L.push('', `> ${md(d.gitNote)}`);

  L.push('', '## Overall', '');
  L.push(tableHead(['', '']));
  L.push(row(['Health', `${HEALTH_ICON[d.health]} ${HEALTH_LABEL[d.health]}`]));
  L.push(row(['Progress', percent(d.progress)]));
  L.push(row(['Planned finish', d.plannedFinish]));
  L.push(row(['Forecast finish', `${d.forecastFinish} (${slipText(d.slipDays)})`]));
  if (d.likely) L.push(row(['Likely finish', `${d.likely} (${d.likelyBasis})`]));

  L.push('', '## Milestones', '');
  L.push(tableHead(['Milestone', 'Progress', 'Tasks done', 'Due', 'Forecast', 'Slip', 'Health'], ' rr     '));
  for (const m of d.milestones) {
    L.push(row([
      `${md(m.title)} (${codeSpan(m.id)})`, percent(m.progress), `${m.doneTasks}/${m.totalTasks}`, m.due ?? '—',
      m.complete ? 'done' : m.forecastFinish ?? '—', m.slipDays === undefined ? '—' : slipText(m.slipDays),
      `${HEALTH_ICON[m.health]} ${HEALTH_LABEL[m.health]}${m.healthOverridden ? ' (set in the plan)' : ''}`,
    ]));
  }
  const reasons = d.milestones.filter((m) => !m.complete && m.health !== 'on-track' && m.reasons.length);
  if (reasons.length) {
    L.push('');
    for (const m of reasons) L.push(`- **${md(m.id)}:** ${m.reasons.map(md).join('; ')}`);
  }
  L.push(...sprintSectionMarkdown(d.sprints, d.velocity, options.sprintChartHref));
  // How sure each open date is: the Monte Carlo range from the team's own history (docs/schedule.md).
  const sure = d.milestones.filter((m) => !m.complete && m.likely);
  if (sure.length) {
    L.push('', `How sure (${d.likelyBasis}):`, '');
    for (const m of sure) L.push(`- **${md(m.id)}:** ${md(m.likely)}`);
  }

  L.push('', `## Done since ${md(d.since.label)}`, '');
  if (d.done.length === 0) L.push(`Nothing was finished between ${d.since.day} and ${d.today}.`);
  for (const t of d.done) L.push(`- ${t.finish}: **${md(t.id)}** ${md(t.title)}${t.assignee ? ` (${md(t.assignee)})` : ''}`);

  L.push('', '## What is next', '');
  if (d.inProgress.length) {
    L.push('In progress:', '');
    for (const t of d.inProgress) L.push(`- **${md(t.id)}** ${md(t.title)}${t.assignee ? ` (${md(t.assignee)})` : ''}: ${t.status}, forecast done ${t.forecastFinish}${plannedBeside(t)}${t.critical ? ', critical' : ''}`);
    L.push('');
  }
  if (d.next.length) {
    L.push('Up next:', '');
    for (const t of d.next) L.push(`- **${md(t.id)}** ${md(t.title)}${t.assignee ? ` (${md(t.assignee)})` : ''}: forecast start ${t.forecastStart}, done ${t.forecastFinish}${plannedBeside(t)}${t.critical ? ', critical' : ''}`);
  }
  if (!d.inProgress.length && !d.next.length) L.push('No open work in the milestones.');

  L.push('', '## Top risks', '');
  if (d.risks.length === 0) L.push('No open risks.');
  else {
    L.push(tableHead(['Risk', 'Exposure', 'Status', 'Owner', 'Milestones'], ' r   '));
    for (const r of d.risks) L.push(row([`${md(r.id)} ${md(r.title)}`, `${r.exposure}/9 (${r.level})`, r.status, md(r.owner ?? '—'), r.milestones.map(md).join(', ') || '—']));
  }

  L.push('', '## Workload hot spots', '');
  if (d.hotSpots.length === 0) L.push('Nobody is scheduled over capacity from here on.');
  else {
    L.push(tableHead(['Person', 'Week', 'Scheduled', 'Capacity', 'Tasks'], '  rr '));
    for (const h of d.hotSpots) L.push(row([md(h.person), `${h.week} (${h.weekStart})`, `${Math.round(h.hours * 10) / 10} h`, `${Math.round(h.capacityHours * 10) / 10} h`, h.tasks.map(md).join(', ')]));
  }

  L.push('', '## Budget and schedule performance', '');
  const b = d.budget;
  L.push(tableHead(['', 'Hours', 'Cost'], ' rr'));
  const cost = b.cost;
  L.push(row(['Budget at completion (planned)', `${Math.round(b.hours.bac)} h (${days(b.hours.bac / hpd)})`, cost ? money(cost.bac, b.currency) : '—']));
  L.push(row(['Planned value to date', `${Math.round(b.hours.pv)} h`, cost ? money(cost.pv, b.currency) : '—']));
  L.push(row(['Earned value', `${Math.round(b.hours.ev)} h`, cost ? money(cost.ev, b.currency) : '—']));
  // From EV and PV themselves: budget.ts rounds its SPI, and rounding twice misleads (0.9545 -> 0.955 -> 0.96).
  const spiOf = (v: { ev: number; pv: number }): number | undefined => (v.pv > 0 ? v.ev / v.pv : undefined);
  L.push(row(['SPI (EV / PV)', ratio(spiOf(b.hours)), cost ? ratio(spiOf(cost)) : '—']));
  if (b.hours.cpi !== undefined) {
    // Hours spent: declared `spent`, else the commits' Time:/Spent:/#time lines (docs/format.md).
    L.push(row(['Actual cost (hours spent)', `${Math.round(b.hours.ac)} h`, cost ? money(cost.ac, b.currency) : '—']));
    L.push(row(['CPI (EV / AC, tasks with hours spent)', ratio(b.hours.cpi), cost?.cpi !== undefined ? ratio(cost.cpi) : '—']));
  }
  if (b.amount !== undefined) {
    L.push('');
    L.push(`Budget ${money(b.amount, b.currency)}; planned cost ${cost ? money(cost.bac, b.currency) : 'unknown'}${b.variance !== undefined ? ` (${b.variance >= 0 ? 'under' : 'over'} budget by ${money(Math.abs(b.variance), b.currency)})` : ''}.`);
  }
  const spi = spiOf(b.hours);
  if (spi !== undefined) {
    L.push('', spi >= 1 ? `SPI ${ratio(spi)}: work is being done at or ahead of the planned rate.` : `SPI ${ratio(spi)}: ${percent(1 - spi)} less work earned than planned by today.`);
  }
  L.push('');
  return L.join('\n');
}

/** `--since`: an ISO date, else the default window (7 days back from today). */
export function defaultSince(today: IsoDate): { day: IsoDate; label: string } {
  const day = fromDayNumber(toDayNumber(today) - 7);
  return { day, label: day };
}
