// A Mermaid `gantt` block for the Markdown status report (`waymark report
// --mermaid`): GitHub and GitLab draw it where the report is shown. Bars are
// the forecast dates (done work at its commit dates), `crit` marks the
// critical path, milestones are their due dates. Plan text cannot change the
// diagram's syntax: characters Mermaid gives meaning to are replaced.
import { fromDayNumber, toDayNumber } from '../calendar';
import type { PlanAnalysis } from '../analyze';

/** Beyond this many tasks the diagram is unreadable and slow to draw: the rest are left out (and the block says so). */
export const MERMAID_MAX_TASKS = 150;

/** A title or section name as Mermaid text: no `:`, `;`, `#`, `%`, brackets, quotes or line breaks. */
export function mermaidText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\x00-\x1f\x7f:;#%<>{}[\]"`\\]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t === '' ? '-' : t;
}

export function mermaidGantt(analysis: PlanAnalysis): string {
  const { plan, schedule, progress } = analysis;
  const L = ['```mermaid', 'gantt', `  title ${mermaidText(plan.project.name)}`, '  dateFormat YYYY-MM-DD', '  axisFormat %b %d', `  todayMarker on`];
  let n = 0;
  let left = 0;
  plan.milestones.forEach((m, mi) => {
    L.push(`  section ${mermaidText(m.title)}`);
    for (const t of m.tasks) {
      const ts = schedule.tasks.get(t.id);
      if (!ts || ts.dropped) continue;
      if (n >= MERMAID_MAX_TASKS) { left++; continue; }
      const status = progress.tasks.get(t.id)?.effective;
      const tags = [status === 'done' ? 'done' : status === 'in-progress' || status === 'review' ? 'active' : '', ts.critical ? 'crit' : ''].filter(Boolean);
      // Mermaid's end date is exclusive: the bar ends the day after the finish.
      const end = fromDayNumber(toDayNumber(ts.forecastFinish) + 1);
      L.push(`  ${mermaidText(`${t.id} ${t.title}`)} :${[...tags, `t${n++}`, ts.forecastStart, end].join(', ')}`);
    }
    if (m.due) L.push(`  ${mermaidText(`${m.title} due`)} :milestone, m${mi}, ${m.due}, 0d`);
  });
  L.push('```');
  if (left > 0) L.push('', `The chart shows the first ${MERMAID_MAX_TASKS} tasks; ${left} more are in the full schedule (\`waymark status\`).`);
  return L.join('\n');
}

/** The report with a `## Gantt` section (the block) after its milestones. */
export function withGanttSection(markdown: string, block: string): string {
  const section = `## Gantt\n\n${block}\n\n`;
  const at = markdown.indexOf('\n## Done since');
  return at < 0 ? `${markdown.trimEnd()}\n\n${section}` : `${markdown.slice(0, at + 1)}${section}${markdown.slice(at + 1)}`;
}
