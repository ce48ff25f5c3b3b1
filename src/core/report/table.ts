// The terminal form of `waymark status`: one line per milestone and task with
// a progress bar. Colours (ANSI) only when the caller says the output is a
// terminal; the text reads the same without them.
import type { StatusJson, TaskStatusJson } from './status';
import { percent } from '../text';
import { chance, forecastBasis, forecastRange } from '../forecast/text';

export interface TableOptions {
  /** ANSI colours: only for a TTY. */
  color: boolean;
  /** Bar width in cells. */
  barWidth?: number;
  /** Longest title shown before it is cut with an ellipsis. */
  titleWidth?: number;
}

const ANSI = {
  reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m',
  green: '\x1b[32m', yellow: '\x1b[33m', red: '\x1b[31m', cyan: '\x1b[36m',
};

export function progressBar(share: number, width = 20): string {
  const s = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const full = Math.round(s * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** A percentage right-aligned in four columns (` 46%`). */
function percentCell(share: number): string {
  return percent(share).padStart(4);
}

/** Cuts to `width` characters (ellipsis) and pads; strips control characters from plan/commit text. */
export function cell(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\x00-\x1f\x7f]/g, ' ');
  const chars = [...clean];
  const cut = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : clean;
  return cut + ' '.repeat(Math.max(0, width - [...cut].length));
}

export function renderStatusTable(s: StatusJson, o: TableOptions): string {
  const bw = o.barWidth ?? 20;
  const tw = o.titleWidth ?? 40;
  const paint = (code: string, text: string): string => (o.color ? `${code}${text}${ANSI.reset}` : text);
  const statusColor = (st: string): string =>
    st === 'done' ? ANSI.green : st === 'blocked' ? ANSI.red : st === 'dropped' ? ANSI.dim : st === 'todo' ? '' : ANSI.yellow;
  const allTasks = [...s.milestones.flatMap((m) => m.tasks), ...s.backlog];
  const idWidth = Math.min(16, Math.max(4, ...allTasks.map((t) => t.id.length), ...s.milestones.map((m) => m.id.length)));

  const taskLine = (t: TaskStatusJson): string => {
    const derived = t.effectiveStatus !== t.status;
    const st = cell(derived ? `${t.effectiveStatus}*` : t.effectiveStatus, 12);
    const extra: string[] = [];
    if (derived) extra.push(`declared ${t.status}`);
    // `critical`: on the planned critical path; the share: of the Monte Carlo runs (docs/schedule.md).
    const open = t.effectiveStatus !== 'done' && t.effectiveStatus !== 'dropped';
    const inRuns = t.criticality > 0 ? `in ${chance(t.criticality)} of runs` : '';
    if (t.critical && open) extra.push(inRuns ? `critical, ${inRuns}` : 'critical');
    else if (inRuns) extra.push(`critical ${inRuns}`);
    // Actual hours (declared `spent`, else commit time trailers) beside the estimate they answer to.
    const actualHours = typeof t.actualHours === 'number' ? t.actualHours : undefined;
    if (actualHours !== undefined) extra.push(`${t.estimate ? `estimate ${t.estimate}, ` : ''}spent ${actualHours} h`);
    if (t.closedBy) extra.push(`closed by ${t.closedBy.slice(0, 7)}`);
    else if (t.commits.length) extra.push(`${t.commits.length} commit${t.commits.length === 1 ? '' : 's'}`);
    return `  ${cell(t.id, idWidth)}  ${paint(statusColor(t.effectiveStatus), st)} ${paint(statusColor(t.effectiveStatus), progressBar(t.progress, bw))} ${percentCell(t.progress)}  ${cell(t.title, tw)}${extra.length ? `  ${paint(ANSI.dim, `(${extra.join(', ')})`)}` : ''}`.trimEnd();
  };

  const lines: string[] = [];
  lines.push(`${paint(ANSI.bold, s.project.name)}  ${paint(ANSI.cyan, progressBar(s.project.progress, bw))} ${percentCell(s.project.progress)}`);
  const facts = [`today ${s.today}`, `rule ${s.rule}`];
  if (s.git.defaultBranch) facts.push(`default branch ${s.git.defaultBranch}`);
  lines.push(paint(ANSI.dim, facts.join(' · ')));
  if (s.forecast) {
    const range = forecastRange(s.project);
    if (range) lines.push(`finish ${range} ${paint(ANSI.dim, `(${forecastBasis(s.forecast.runs, s.forecast.teamSource, s.forecast.samples.length)}, seed ${s.forecast.seed})`)}`);
  }
  for (const m of s.milestones) {
    lines.push('');
    const due = m.due ? `  due ${m.due}` : '';
    lines.push(`${paint(ANSI.bold, `${cell(m.id, idWidth)}  ${m.title}`)}${due}  ${progressBar(m.progress, bw)} ${percentCell(m.progress)}  ${m.doneTasks}/${m.totalTasks} done`);
    if (m.health) {
      // Forecast, slip and health (docs/schedule.md); `(set)` marks a health written in project.yml.
      const hc = m.health === 'on-track' ? ANSI.green : m.health === 'at-risk' ? ANSI.yellow : ANSI.red;
      const slip = m.slipDays === null ? '' : m.slipDays > 0 ? ` · ${m.slipDays} workday${m.slipDays === 1 ? '' : 's'} late` : m.slipDays < 0 ? ` · ${-m.slipDays} workday${m.slipDays === -1 ? '' : 's'} early` : ' · on its due date';
      const forecast = m.forecastFinish ? `forecast ${m.forecastFinish}${slip} · ` : '';
      lines.push(`  ${forecast}${paint(hc, m.health)}${m.healthOverridden ? ' (set)' : ''}${m.healthReasons.length ? paint(ANSI.dim, `: ${m.healthReasons.join('; ')}`) : ''}`);
    }
    const range = forecastRange(m);
    if (range) lines.push(`  likely ${range}`);
    if (m.tasks.length === 0) lines.push(paint(ANSI.dim, '  (no tasks)'));
    for (const t of m.tasks) lines.push(taskLine(t));
  }
  if (s.backlog.length) {
    lines.push('', paint(ANSI.bold, 'Backlog'));
    for (const t of s.backlog) lines.push(taskLine(t));
  }
  lines.push('');
  if (s.git.available) {
    const since = s.project.start ? ` since ${s.project.start}` : '';
    lines.push(`Unplanned commits on ${s.git.defaultBranch}${since}: ${s.unlinkedCommits}`);
  }
  if (allTasks.some((t) => t.effectiveStatus !== t.status)) {
    lines.push(paint(ANSI.dim, '* status raised by commits; `waymark set-status` writes it into project.yml'));
  }
  // Money when the plan names a currency and rates; hours otherwise.
  const money = s.budget?.currency !== undefined && s.budget.cost !== undefined;
  const ev = money ? s.budget.cost : s.budget?.hours;
  if (ev && ev.spi !== undefined) {
    const unit = money ? ` ${s.budget.currency}` : ' h';
    lines.push(`Earned value ${ev.ev}${unit} of ${ev.pv}${unit} planned by today (SPI ${ev.spi}${ev.cpi !== undefined ? `, CPI ${ev.cpi}` : ''})`);
  }
  for (const o of s.workload?.overAllocations ?? []) lines.push(paint(ANSI.yellow, `warning: ${o.message}`));
  if (s.git.note) lines.push(paint(ANSI.yellow, `note: ${s.git.note}`));
  for (const w of s.git.warnings) lines.push(paint(ANSI.yellow, `warning: ${w}`));
  return `${lines.join('\n')}\n`;
}
