// Schedule problems for the Problems panel: the schedule engine's own
// diagnostics (missed deadlines, over-allocated people), narrowed to the
// text that names the problem. Pure (no `vscode`).
import type { Diagnostic, Plan, Position } from '../../core/model';
import type { Schedule } from '../../core/schedule';
import { scheduleDiagnostics } from '../../core/scheduleDiagnostics';

/**
 * `plan` must come from the same text as `positionAt`; `schedule` may come from an older text
 * (say so with `scheduleFromOtherText`): its figures are looked up by id. Dependency cycles are left
 * to the validator (it reports them as errors); the scheduler's note that it broke one
 * would only repeat that. Never throws: a failure here only loses the extra warnings.
 */
export function scheduleProblems(
  text: string, plan: Plan, schedule: Schedule | undefined, positionAt: (offset: number) => Position,
  validatorCodes: ReadonlySet<string>, options: { scheduleFromOtherText?: boolean } = {},
): Diagnostic[] {
  if (!schedule) return [];
  let list: Diagnostic[];
  try {
    list = scheduleDiagnostics(plan, schedule, { positionAt });
  } catch {
    return [];
  }
  // The scheduler's own diagnostics (first in the list: scheduleDiagnostics puts them there) point
  // into the text it ran on; the rest are placed from `plan`.
  const own = schedule.diagnostics.length;
  const out: Diagnostic[] = [];
  for (const [i, d] of list.entries()) {
    if (i < own && options.scheduleFromOtherText) continue;
    if (d.code === 'schedule-cycle' && validatorCodes.has('cycle')) continue;
    out.push(narrow(d, text, plan, positionAt));
  }
  return out;
}

/** An over-allocated person is reported on their whole mapping; point at the `id` value instead. */
function narrow(d: Diagnostic, text: string, plan: Plan, positionAt: (offset: number) => Position): Diagnostic {
  if (d.code !== 'over-allocated') return d;
  const person = plan.people.find((p) => p.span.start === d.span.start && p.span.end === d.span.end);
  if (!person) return d;
  const block = text.slice(person.span.start, person.span.end);
  const m = /(^|[\s{,])id\s*:\s*(["']?)([^\s,}"'#]+)\2/.exec(block);
  if (!m || m[3] !== person.id) return d;
  const start = person.span.start + m.index + m[0].length - m[2].length - m[3].length;
  const span = { start, end: start + m[3].length };
  return { ...d, span, start: positionAt(span.start), end: positionAt(span.end) };
}
