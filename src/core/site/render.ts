// The static status site: index.html (health, milestones, Gantt, burndowns,
// risks, workload, budget) and one page per postmortem. Pure: computed
// figures in, HTML text out. Every page is self-contained (inline CSS and
// SVG, no script, no request) under a CSP that allows nothing else.
import type { Health, Plan } from '../model';
import type { PlanAnalysis } from '../analyze';
import { buildStatus, type MilestoneStatusJson, type StatusJson, type TaskStatusJson } from '../report/status';
import { forecastRange } from '../forecast/text';
import { computeStatusReport, defaultSince, type StatusReportData } from '../report/statusReport';
import { HEALTH_LABEL, days, shortSha, slipText } from '../report/markdown';
import { percent as pct, signedPercent as signedPct } from '../text';
import { accuracyFigures, type PostmortemData } from '../report/postmortem';
import { baselineForecastText } from '../report/postmortemForecast';
import type { BudgetResult } from '../budget';
import type { Workload } from '../workload';
import { SITE_CSS } from './css';
import { milestoneBurndown, sprintBurndown } from './charts';
import type { VelocityResult } from '../velocity';
import { esc, inlineMarkdown, page, table, uniqueChartIds } from './html';

export interface SiteGantt {
  /** The chart as SVG markup (src/site/ganttSvg.ts), colours as `--g-*` variables. */
  readonly svg: string;
  readonly scheduled: number;
}

export interface SitePostmortem {
  readonly data: PostmortemData;
  /** Its burndown chart (postmortemBurndownSvg). */
  readonly svg: string;
}

export interface SiteInput {
  /** The plan analysed for `today`; its `history` is undefined when git was not read (gitNote says why). */
  readonly analysis: PlanAnalysis;
  readonly gitNote?: string;
  readonly gantt: SiteGantt;
  readonly postmortems: readonly SitePostmortem[];
  /** Why a postmortem that was looked for is missing. */
  readonly postmortemNotes?: readonly string[];
  /** `waymark x.y.z`, shown in the footer. */
  readonly generator?: string;
}

export interface SitePage {
  /** File name relative to the output folder. */
  readonly path: string;
  readonly html: string;
}

export function postmortemPath(milestoneId: string): string {
  return `postmortem-${milestoneId.replace(/[^A-Za-z0-9._-]/g, '_')}.html`;
}

export function renderSite(input: SiteInput): SitePage[] {
  const { analysis, gitNote } = input;
  const status = buildStatus({ analysis, gitNote });
  const report = computeStatusReport({ analysis, since: defaultSince(analysis.today), gitNote });
  const pages: SitePage[] = [{ path: 'index.html', html: renderIndex(input, status, report) }];
  for (const pm of input.postmortems) pages.push({ path: postmortemPath(pm.data.milestone.id), html: renderPostmortemPage(pm, input) });
  return pages;
}

// ---------------------------------------------------------------------------
// index.html

const healthBadge = (h: Health | null | undefined): string => (h ? `<span class="health ${h}">${HEALTH_LABEL[h]}</span>` : '—');
const progressBar = (ratio: number, label: string): string =>
  `<progress max="100" value="${Math.round(ratio * 100)}" aria-label="${esc(label)}">${pct(ratio)}</progress> ${pct(ratio)}`;
const hours = (h: number): string => `${Math.round(h * 10) / 10} h`;
const code = (s: string): string => `<code>${esc(s)}</code>`;

function notes(status: StatusJson): string {
  const out: string[] = [];
  if (status.git.note) out.push(esc(status.git.note));
  // A shallow clone's warning (SHALLOW_WARNING) is among these: it says to fetch the full history.
  for (const w of status.git.warnings) out.push(esc(w));
  return out.map((n) => `<p class="note" role="note">${n}</p>`).join('\n');
}

function renderIndex(input: SiteInput, status: StatusJson, report: StatusReportData): string {
  const { plan, today } = input.analysis;
  const name = plan.project.name;
  const git = status.git.head ? ` at ${code(status.git.defaultBranch ?? '')} ${code(shortSha(status.git.head))}` : '';
  const sections: [string, string, string][] = [
    ['overview', 'Overview', overview(report)],
    ['milestones', 'Milestones', milestones(input, status)],
    ['gantt', 'Gantt', gantt(input, status)],
    ['burndown', 'Burndown', burndowns(input)],
    ['risks', 'Risks', risks(status)],
    ['workload', 'Workload', workload(status.workload, plan)],
    ['budget', 'Budget and earned value', budget(status.budget, report.hoursPerDay)],
    ['postmortems', 'Postmortems', postmortemList(input)],
  ];
  const body = `<a class="skip" href="#main">Skip to the content</a>
<header>
<h1>${esc(name)}: status</h1>
<p class="meta">As of ${esc(today)}, from project.yml and the git history${git}.</p>
<nav aria-label="Sections"><ul>${sections.map(([id, title]) => `<li><a href="#${id}">${esc(title)}</a></li>`).join('')}</ul></nav>
</header>
<main id="main">
${notes(status)}
${sections.map(([id, title, html]) => `<section aria-labelledby="${id}-h">\n<h2 id="${id}-h"><a id="${id}"></a>${esc(title)}</h2>\n${html}\n</section>`).join('\n')}
</main>
${footer(input)}`;
  return page({ title: `${name}: status`, css: SITE_CSS, body, description: `Status of ${name} on ${today}: ${HEALTH_LABEL[report.health]}, ${pct(report.progress)} done.` });
}

function footer(input: SiteInput): string {
  return `<footer><p>Generated by ${esc(input.generator ?? 'Waymark')} on ${esc(input.analysis.today)}. Progress comes from the commits that name tasks; see docs/format.md.</p></footer>`;
}

function overview(r: StatusReportData): string {
  const spi = r.budget.hours.pv > 0 ? (r.budget.hours.ev / r.budget.hours.pv).toFixed(2) : 'n/a';
  const done = r.milestones.reduce((a, m) => a + m.doneTasks, 0);
  const total = r.milestones.reduce((a, m) => a + m.totalTasks, 0);
  const card = (label: string, value: string): string => `<div class="card"><dt>${esc(label)}</dt><dd>${value}</dd></div>`;
  return `<dl class="cards">
${card('Health', healthBadge(r.health))}
${card('Progress', progressBar(r.progress, 'Project progress'))}
${card('Tasks done', `${done} of ${total}`)}
${card('Planned finish', esc(r.plannedFinish))}
${card('Forecast finish', `${esc(r.forecastFinish)}<br><small>${esc(slipText(r.slipDays))}</small>`)}
${r.likely ? card('Likely finish', `${esc(r.likely)}<br><small>${esc(r.likelyBasis)}</small>`) : ''}
${card('Schedule performance (SPI)', esc(spi))}
</dl>`;
}

function milestones(input: SiteInput, status: StatusJson): string {
  if (status.milestones.length === 0) return '<p>The plan has no milestones.</p>';
  const withPm = new Set(input.postmortems.map((p) => p.data.milestone.id));
  return status.milestones.map((m) => {
    const reasons = m.healthReasons.length ? `<dt>Why</dt><dd><ul>${m.healthReasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></dd>` : '';
    const pm = withPm.has(m.id) ? `<p><a href="${esc(postmortemPath(m.id))}">Postmortem of ${esc(m.title)}</a></p>` : '';
    return `<section class="milestone" aria-labelledby="ms-${esc(m.id)}" data-milestone="${esc(m.id)}">
<h3 id="ms-${esc(m.id)}">${esc(m.title)} <code>${esc(m.id)}</code> ${healthBadge(m.health)}</h3>
<dl>
<dt>Progress</dt><dd>${progressBar(m.progress, `Progress of ${m.title}`)} (${m.doneTasks} of ${m.totalTasks} tasks done)</dd>
<dt>Due</dt><dd>${esc(m.due ?? '—')}</dd>
<dt>Forecast finish</dt><dd>${esc(m.forecastFinish ?? '—')}</dd>
${likelyRow(m)}<dt>Slip</dt><dd>${m.slipDays === null ? '—' : esc(slipText(m.slipDays))}</dd>
<dt>Health</dt><dd>${healthBadge(m.health)}${m.healthOverridden ? ' (set in the plan)' : ''}</dd>
${reasons}
</dl>${pm}
</section>`;
  }).join('\n');
}

/** The Monte Carlo range of a milestone (docs/schedule.md), a row of its facts; '' without one. */
function likelyRow(m: MilestoneStatusJson): string {
  const range = forecastRange(m);
  return range ? `<dt>Likely</dt><dd>${esc(range)}</dd>\n` : '';
}

const CRITICAL_SHOWN = 12;

function gantt(input: SiteInput, status: StatusJson): string {
  const tasks: [TaskStatusJson, string][] = [
    ...status.milestones.flatMap((m) => m.tasks.map((t): [TaskStatusJson, string] => [t, m.id])),
    ...status.backlog.map((t): [TaskStatusJson, string] => [t, 'backlog']),
  ];
  const rows = tasks.map(([t, m]) => [
    esc(t.id), esc(t.title), esc(m), esc(t.assignee ?? '—'), esc(t.effectiveStatus),
    esc(t.plannedStart ?? '—'), esc(t.plannedFinish ?? '—'), esc(t.actualStart ?? '—'), esc(t.actualFinish ?? '—'),
    esc(t.forecastFinish ?? '—'), t.float === null ? '—' : String(t.float), t.critical ? 'yes' : '',
  ]);
  const path = status.project.criticalPath as string[];
  // A long chain would fill the screen: the first steps, then how many more (all are marked in the table).
  const shown = path.length > CRITICAL_SHOWN ? [...path.slice(0, CRITICAL_SHOWN).map(code), `… ${path.length - CRITICAL_SHOWN} more`] : path.map(code);
  return `<p>${input.gantt.scheduled} scheduled tasks. Bars are the planned dates (filled to the progress); the green line under a bar is when the commits say the work happened; red bars are the critical path${path.length ? ` (${shown.join(' → ')})` : ''}; diamonds are milestones (filled: due, outlined: forecast); the orange line is today.</p>
<ul class="legend" aria-hidden="true"><li><span class="sw sw-bar"></span>planned</li><li><span class="sw sw-critical"></span>critical</li><li><span class="sw sw-actual"></span>actual (commits)</li><li><span class="sw sw-milestone"></span>milestone due</li><li><span class="sw sw-today"></span>today</li></ul>
<div class="scroll gantt" tabindex="0" role="region" aria-label="Gantt chart (scrolls; the same data is in the table below)">
${input.gantt.svg}
</div>
<details>
<summary>The schedule as a table</summary>
${table('Tasks with planned, actual and forecast dates', ['Task', 'Title', 'Milestone', 'Assignee', 'Status', 'Planned start', 'Planned finish', 'Actual start', 'Actual finish', 'Forecast finish', 'Float (workdays)', 'Critical'], rows, '          r ')}
</details>`;
}

function burndowns(input: SiteInput): string {
  const charts: string[] = [];
  const { plan, schedule, sprints: sprintReports } = input.analysis;
  plan.milestones.forEach((m, i) => {
    const b = milestoneBurndown(m, schedule, `bd-m${i}`);
    if (b) charts.push(`<figure class="chart">${b.svg}<figcaption>${esc(b.summary)}</figcaption></figure>`);
  });
  const sprints = sprintReports.map((s, i) => {
    const b = sprintBurndown(s, input.analysis.today, `bd-s${i}`);
    return `<figure class="chart">${b.svg}<figcaption>${esc(b.summary)}</figcaption></figure>`;
  });
  return `<h3>Per milestone</h3>
${charts.length ? `<div class="charts">${charts.join('\n')}</div>` : '<p>No milestone has scheduled work.</p>'}
<h3>Per sprint</h3>
${sprints.length ? `<div class="charts">${sprints.join('\n')}</div>\n${velocity(input.analysis.velocity)}` : '<p>The plan has no sprints.</p>'}`;
}

/** Velocity and its forecast next to the schedule's (velocity.ts). */
function velocity(v: VelocityResult): string {
  if (v.hoursPerSprint === null) return '<p>No sprint has closed yet, so there is no velocity forecast.</p>';
  const targets = [...v.milestones, ...(v.backlog ? [v.backlog] : [])];
  const rows = targets.map((t) => [esc(t.id ?? 'Backlog'), `${t.remainingHours} h`, t.sprints === null ? '—' : String(t.sprints), t.forecastFinish ?? 'never at this velocity', t.scheduleForecastFinish ?? '—']);
  const line = `<p>Velocity: ${v.hoursPerSprint} hours per sprint of ${v.sprintWorkdays} workdays (mean of ${v.basis.map(esc).join(', ')}).</p>`;
  return rows.length ? `${line}\n${table('Open work by velocity and by the schedule', ['Open work', 'Remaining', 'Sprints', 'Velocity forecast', 'Schedule forecast'], rows, ' rr  ')}` : line;
}

function risks(status: StatusJson): string {
  if (status.risks.length === 0) return '<p>The plan lists no risks.</p>';
  const rows = status.risks.map((r) => [
    `${code(r.id)} ${esc(r.title)}`, `${r.exposure}/9`, esc(r.level), esc(r.probability), esc(r.impact), esc(r.status),
    esc(r.owner ?? '—'), r.milestones.map(esc).join(', ') || '—',
  ]);
  return table('Risks, active first, by exposure (probability × impact)', ['Risk', 'Exposure', 'Level', 'Probability', 'Impact', 'Status', 'Owner', 'Milestones'], rows, ' r');
}

function workload(w: Workload, plan: Plan): string {
  if (w.people.length === 0) return '<p>No open work is assigned.</p>';
  const weeks = [...new Set(w.people.flatMap((p) => p.weeks.map((x) => x.week)))].sort();
  const shown = weeks.slice(0, 26);
  const names = new Map(plan.people.map((p) => [p.id, p.name ?? p.id]));
  const rows = w.people.map((p) => {
    const byWeek = new Map(p.weeks.map((x) => [x.week, x]));
    return [esc(names.get(p.person) ?? p.person), ...shown.map((wk) => {
      const x = byWeek.get(wk);
      if (!x || x.hours === 0) return '';
      const ratio = x.capacityHours > 0 ? x.hours / x.capacityHours : Infinity;
      const level = x.over ? 3 : ratio > 0.8 ? 2 : 1;
      return `<span class="h${level}">${Math.round(x.hours)}/${Math.round(x.capacityHours)}${x.over ? ' over' : ''}</span>`;
    }), hours(p.totalHours)];
  });
  // The level class goes on the cell itself for the heat colour.
  const html = table(`Scheduled hours / capacity per person and ISO week${weeks.length > shown.length ? ` (first ${shown.length} of ${weeks.length} weeks)` : ''}`,
    ['Person', ...shown.map(esc), 'Total'], rows, ` ${'r'.repeat(shown.length)}r`)
    .replace(/<td class="num"><span class="h(\d)">([^<]*)<\/span><\/td>/g, '<td class="num h$1">$2</td>');
  const over = w.overAllocations.map((o) => `<li>${esc(o.message)}</li>`).join('');
  return `<p>Open work at its forecast dates. A cell reads scheduled/capacity hours; “over” marks an over-allocated week.</p>
<div class="heat">${html}</div>
${over ? `<h3>Over-allocations</h3><ul>${over}</ul>` : '<p>Nobody is scheduled over capacity from here on.</p>'}
${w.unassignedHours > 0 ? `<p>${hours(w.unassignedHours)} of open work has no assignee.</p>` : ''}`;
}

function budget(b: BudgetResult, hpd: number): string {
  const money = (n: number | undefined): string => (n === undefined ? '—' : `${Math.round(n).toLocaleString('en-US')}${b.currency ? ` ${esc(b.currency)}` : ''}`);
  const ratio = (ev: number, other: number): string => (other > 0 ? (ev / other).toFixed(2) : 'n/a');
  const c = b.cost;
  const rows = [
    ['Budget at completion (planned)', `${hours(b.hours.bac)} (${days(b.hours.bac / hpd)})`, money(c?.bac)],
    ['Planned value to date', hours(b.hours.pv), money(c?.pv)],
    ['Earned value', hours(b.hours.ev), money(c?.ev)],
    ['Actual cost (spent)', hours(b.hours.ac), money(c?.ac)],
    ['SPI (EV / PV)', ratio(b.hours.ev, b.hours.pv), c ? ratio(c.ev, c.pv) : '—'],
    ['CPI (EV / AC)', b.hours.cpi === undefined ? 'n/a' : b.hours.cpi.toFixed(2), c?.cpi === undefined ? '—' : c.cpi.toFixed(2)],
    ['Estimate at completion', b.hours.eac === undefined ? 'n/a' : hours(b.hours.eac), money(c?.eac)],
  ];
  const amount = b.amount !== undefined
    ? `<p>Budget ${money(b.amount)}; planned cost ${c ? money(c.bac) : 'unknown'}${b.variance !== undefined ? ` (${b.variance >= 0 ? 'under' : 'over'} budget by ${money(Math.abs(b.variance))})` : ''}.</p>` : '';
  const unrated = b.unratedTasks.length ? `<p>${b.unratedTasks.length} committed task${b.unratedTasks.length === 1 ? ' has' : 's have'} an assignee without a rate: their hours count, their cost does not.</p>` : '';
  return `${table('Earned value of the committed scope', ['', 'Hours', 'Cost'], rows, ' rr')}${amount}${unrated}`;
}

function postmortemList(input: SiteInput): string {
  const items = input.postmortems.map((p) => `<li><a href="${esc(postmortemPath(p.data.milestone.id))}">${esc(p.data.milestone.title)}</a> <code>${esc(p.data.milestone.id)}</code>: ${p.data.summary.finished ? 'finished' : 'not finished'} ${esc(p.data.summary.actualFinish ?? '')}${p.data.summary.slipDays !== undefined ? `, ${esc(slipText(p.data.summary.slipDays))}` : ''}</li>`);
  const notesHtml = (input.postmortemNotes ?? []).map((n) => `<li>${esc(n)}</li>`).join('');
  return `${items.length ? `<p>The latest finished milestones, each on a page of its own:</p><ul>${items.join('')}</ul>` : '<p>No milestone is finished yet.</p>'}${notesHtml ? `<ul class="meta">${notesHtml}</ul>` : ''}`;
}

// ---------------------------------------------------------------------------
// postmortem-<id>.html

function renderPostmortemPage(pm: SitePostmortem, input: SiteInput): string {
  const d = pm.data;
  const s = d.summary;
  const hpd = d.hoursPerDay;
  const title = `Postmortem: ${d.milestone.title}`;
  const list = (items: readonly string[]): string => (items.length ? `<ul>${items.map((i) => `<li>${inlineMarkdown(i)}</li>`).join('')}</ul>` : '<p>None.</p>');
  const slips = d.slips.map((r) => [
    `${code(r.id)} ${esc(r.title)}`, esc(r.assignee ?? '—'), esc(r.plannedFinish), `${esc(r.finish ?? '—')}${r.forecast ? ' (forecast)' : ''}`,
    r.slip === undefined ? '—' : esc(slipText(r.slip)), r.criticalAtBaseline || r.criticalAtRelease ? 'yes' : '',
  ]);
  const accuracy = d.accuracy.map((r) => {
    const f = accuracyFigures(r);
    return [`${code(r.id)} ${esc(r.title)}`, esc(r.assignee ?? '—'), esc(r.estimate), esc(f.estimated), esc(f.actual), esc(signedPct(r.error))];
  });
  const diff = d.diff;
  const scope = [
    ['At the baseline', String(diff.baselineTasks.length)], ['Added', String(diff.added.length)], ['Moved in', String(diff.movedIn.length)],
    ['Moved out', String(diff.movedOut.length)], ['Removed', String(diff.removed.length)], ['Dropped', String(diff.dropped.length)],
    ['Re-estimated', String(diff.reestimated.length)], ['Reassigned', String(diff.reassigned.length)],
  ];
  const contributors = d.contributors.map((c) => [esc(c.name), String(c.commits), String(c.linked)]);
  const riskRows = d.risks.map((r) => [`${code(r.id)} ${esc(r.title)}`, `${r.exposure}/9`, esc(r.baselineStatus ?? '—'), esc(r.status), esc(r.owner ?? '—'), r.notReviewed ? 'not reviewed' : esc(r.reviewed ?? '')]);
  const timeline = d.timeline.map((e) => `<li><time datetime="${esc(e.date)}">${esc(e.date)}</time>: ${inlineMarkdown(e.text)}</li>`).join('');
  const body = `<a class="skip" href="#main">Skip to the content</a>
<header>
<p><a href="index.html">← ${esc(d.projectName)}: status</a></p>
<h1>${esc(title)} <code>${esc(d.milestone.id)}</code></h1>
<p class="meta">As of ${esc(d.asOf)}; baseline ${code(shortSha(d.history.baseline.sha))}, release ${code(d.history.release.label)}.</p>
</header>
<main id="main">
<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<dl class="cards">
<div class="card"><dt>Planned finish</dt><dd>${esc(s.plannedFinish ?? '—')}</dd></div>
<div class="card"><dt>${s.finished ? 'Finished' : 'Forecast finish'}</dt><dd>${esc(s.actualFinish ?? '—')}</dd></div>
<div class="card"><dt>Slip</dt><dd>${s.slipDays === undefined ? '—' : esc(slipText(s.slipDays))}</dd></div>
<div class="card"><dt>Tasks done</dt><dd>${s.done} of ${s.tasks}${s.dropped ? ` (${s.dropped} dropped)` : ''}</dd></div>
<div class="card"><dt>Health</dt><dd>${healthBadge(s.health)}</dd></div>
<div class="card"><dt>Scope creep</dt><dd>${esc(days(d.creepHours / hpd))}</dd></div>
</dl>
${s.carriedOver.length ? `<p>Carried over: ${s.carriedOver.map(code).join(', ')}</p>` : ''}
${d.forecastAtBaseline ? `<p data-forecast-at-baseline>${esc(baselineForecastText(d.forecastAtBaseline))}</p>` : ''}
</section>
<section aria-labelledby="burndown-h"><h2 id="burndown-h">Burndown</h2>
<figure class="chart">${uniqueChartIds(pm.svg, 'pm-bd')}<figcaption>Scope and remaining work in days, from the baseline to the release.</figcaption></figure>
</section>
<section aria-labelledby="well-h"><h2 id="well-h">What went well</h2>${list(d.wentWell)}</section>
<section aria-labelledby="wrong-h"><h2 id="wrong-h">What went wrong</h2>${list(d.wentWrong)}</section>
<section aria-labelledby="actions-h"><h2 id="actions-h">Action items</h2>${list(d.actionItems)}</section>
<section aria-labelledby="scope-h"><h2 id="scope-h">Scope changes</h2>${table('Tasks of the milestone since the baseline', ['Change', 'Tasks'], scope, ' r')}</section>
<section aria-labelledby="slip-h"><h2 id="slip-h">Slip per task</h2>${slips.length ? table('Planned against actual finish', ['Task', 'Assignee', 'Planned finish', 'Finish', 'Slip', 'Critical'], slips) : '<p>No task to compare.</p>'}</section>
<section aria-labelledby="acc-h"><h2 id="acc-h">Estimate accuracy</h2>${accuracy.length ? table('Estimated against actual: hours (h) where the task has actual hours, else workdays (d)', ['Task', 'Assignee', 'Estimate', 'Estimated', 'Actual', 'Error'], accuracy, '   rrr') : '<p>No finished task with an estimate and commits.</p>'}</section>
<section aria-labelledby="who-h"><h2 id="who-h">Contributors</h2>${contributors.length ? table(`${d.range.commits} commits in the release range, ${d.range.milestoneCommits} for this milestone`, ['Who', 'Commits', 'Naming a task'], contributors, ' rr') : '<p>No commits in the range.</p>'}</section>
<section aria-labelledby="risk-h"><h2 id="risk-h">Risks</h2>${riskRows.length ? table('Risks of the milestone', ['Risk', 'Exposure', 'At baseline', 'Now', 'Owner', 'Reviewed'], riskRows, ' r') : '<p>No risk named this milestone.</p>'}</section>
<section aria-labelledby="time-h"><h2 id="time-h">Timeline</h2><ol>${timeline}</ol></section>
</main>
${footer(input)}`;
  return page({ title, css: SITE_CSS, body, description: `Postmortem of ${d.milestone.title} (${d.projectName})` });
}
