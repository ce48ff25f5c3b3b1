// `waymark report --json` and `waymark postmortem --json`: the reports' data
// as JSON. The status report's data is plain already; the postmortem's
// history carries whole parsed plans, of which JSON keeps the facts (shas,
// days, subjects, counts). Markdown-formatted strings (the timeline, went
// well / wrong, action items) stay Markdown with plan text escaped.
import type { PlanRevisionInfo } from '../git/planHistory';
import { GENERATED_MARK } from './svg';
import type { PostmortemData } from './postmortem';
import type { StatusReportData } from './statusReport';

export const REPORT_JSON_VERSION = 1;

/** Near the top of the file, so `--out` may replace what Waymark wrote (reportOutput.ts). */
const generatedBy = GENERATED_MARK;

export function statusReportJson(d: StatusReportData): Record<string, unknown> {
  return { version: REPORT_JSON_VERSION, kind: 'status-report', generatedBy, ...d };
}

const revision = (r: PlanRevisionInfo): PlanRevisionInfo => ({ sha: r.sha, date: r.date, day: r.day, subject: r.subject });

export function postmortemJson(d: PostmortemData): Record<string, unknown> {
  const h = d.history;
  return {
    version: REPORT_JSON_VERSION,
    kind: 'postmortem',
    generatedBy,
    ...d,
    history: {
      milestoneId: h.milestoneId, path: h.path, baseline: revision(h.baseline), baselineRef: h.baselineRef ?? null,
      actual: revision(h.actual), release: h.release, revisions: h.revisions.length, revisionsInRange: h.revisionsInRange,
      sampled: h.sampled, skipped: h.skipped, planCommits: h.planCommits.size,
    },
  };
}
