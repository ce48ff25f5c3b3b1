// Pure helpers behind the actions: branch names for Start Work, the task a
// branch belongs to, input validation and a task's dependents.
// No `vscode` import so they are unit-tested in plain mocha.
import type { Plan, Task } from '../../core/model';
import { isSafeRefName } from '../../core/git/run';
import { dateProblem, parseDuration } from '../../core/validate';
import * as l10n from '@vscode/l10n';

export const DEFAULT_BRANCH_TEMPLATE = '${id}-${slug}';
const MAX_SLUG = 48;

/** The title in lower-case ASCII words joined by dashes (`Fix the "Pay" button!` -> `fix-the-pay-button`). */
export function slugify(title: string, max = MAX_SLUG): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > max) break;
    out = next;
  }
  return out || (words[0] ?? '').slice(0, max);
}

/**
 * The branch Start Work creates. The template's variables are filled, then the
 * result is reduced to `[A-Za-z0-9._/-]` and checked with the same strict ref
 * pattern the git layer uses, so no plan or settings text can become a git
 * option or an odd ref (`-x`, `a..b`, `x.lock`).
 */
export function branchNameFor(template: string, task: Pick<Task, 'id' | 'title' | 'assignee'>): { name: string } | { problem: string } {
  const tpl = template.trim() || DEFAULT_BRANCH_TEMPLATE;
  const filled = tpl
    .replace(/\$\{id\}/g, task.id)
    .replace(/\$\{slug\}/g, slugify(task.title))
    .replace(/\$\{assignee\}/g, task.assignee ?? 'unassigned');
  const name = filled
    .replace(/[^A-Za-z0-9._/-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\/{2,}/g, '/')
    .replace(/-{2,}/g, '-')
    .split('/')
    .map((seg) => seg.replace(/^[-.]+/, '').replace(/[-.]+$/, '').replace(/\.lock$/i, '-lock'))
    .filter(Boolean)
    .join('/');
  if (!isSafeRefName(name)) {
    return { problem: `the branch template '${tpl}' gives '${name}', which is not a valid branch name` };
  }
  return { name };
}

/**
 * The task a branch is about: a task id at the start of one of the branch's
 * path segments, followed by the end or a separator, case-insensitively
 * (`PAY-12-login`, `feature/pay-12_login`, `ana/PAY-12`). `PAY-123-x` is not
 * PAY-12; the longest matching id wins.
 */
export function taskIdFromBranch(branch: string | undefined, taskIds: Iterable<string>): string | undefined {
  if (!branch) return undefined;
  const segments = branch.toLowerCase().split('/');
  let best: string | undefined;
  for (const id of taskIds) {
    const lower = id.toLowerCase();
    if (best && best.length >= id.length) continue;
    for (const seg of segments) {
      if (seg.startsWith(lower) && (seg.length === lower.length || /[-_.+]/.test(seg[lower.length]))) {
        best = id;
        break;
      }
    }
  }
  return best;
}

/** Input-box validation for an estimate; undefined when fine. Empty means "remove the estimate". */
export function estimateProblem(value: string, plan: Plan): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const cal = plan.project.calendar;
  const r = parseDuration(v, cal.hoursPerDay, cal.workdays.length || 5, 'd');
  if ('problem' in r) return r.problem;
  if (r.hours <= 0) return l10n.t('an estimate must be more than zero');
  return undefined;
}

/** Input-box validation for a date; empty means "remove the date". */
export function dateInputProblem(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const p = dateProblem(v);
  return p ? l10n.t('\'{0}\' is not a date: {1}', v, p) : undefined;
}

/** A start after the due date is refused before anything is written. */
export function dateOrderProblem(start: string | undefined, due: string | undefined): string | undefined {
  if (start && due && start > due) return l10n.t('the start {0} is after the due date {1}', start, due);
  return undefined;
}

/** Closing words offered by the commit-message completion, from the `waymark.closingWords` setting. */
export function closingWordSuggestions(words: readonly string[]): string[] {
  // The present-tense form reads best in a commit message; offer each distinct word once.
  return [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => /^[a-z]+$/.test(w)))];
}
