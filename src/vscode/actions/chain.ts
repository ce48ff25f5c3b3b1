// Several core edits as one: each step runs on the text the previous one
// produced (re-parsed), and the result is a single replacement covering only
// the changed region, so a multi-task action is one undo step and one write.
// Pure (no `vscode`), unit-tested.
import { parsePlan, type ParsedPlan } from '../../core/parse';
import type { EditResult } from '../../core/edit';
import type { TextEdit } from '../../core/model';

export type EditStep = (p: ParsedPlan) => EditResult;

/** The smallest single replacement turning `before` into `after` (common prefix and suffix kept). */
export function spanDiff(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) { endB--; endA--; }
  return { offset: start, length: endB - start, newText: after.slice(start, endA) };
}

export function chainEdits(parsed: ParsedPlan, steps: readonly EditStep[]): EditResult {
  if (steps.length === 1) return steps[0](parsed);
  let current = parsed;
  const summaries: string[] = [];
  const warnings: string[] = [];
  for (const step of steps) {
    const r = step(current);
    if (!r.ok) return r;
    summaries.push(r.summary);
    warnings.push(...r.warnings);
    if (r.edits.length) current = parsePlan(r.text);
  }
  const edit = spanDiff(parsed.text, current.text);
  return { ok: true, edits: edit ? [edit] : [], text: current.text, summary: summaries.join('; '), warnings };
}
