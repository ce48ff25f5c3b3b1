// Turns a plan snapshot's analysis into the board's compact data, and a card
// move into one minimal edit of project.yml. Pure (no `vscode`), so unit
// tests and the bench use it as is.
import type { Plan } from '../../core/model';
import type { PlanAnalysis } from '../../core/analyze';
import { moveTask, setTaskField, type EditResult } from '../../core/edit';
import { parsePlan, type ParsedPlan } from '../../core/parse';
import { isoToDay } from '../../protocol/gantt';
import * as l10n from '@vscode/l10n';
import {
  CardFlag, DueWarn, MAX_TEXT_LENGTH, NO_DAY, PRIORITY_CODES, STATUSES, isPlanId,
  type BoardData, type CardRow, type MoveOp, type NamedRow,
} from '../../protocol/board';

export interface BoardSource {
  readonly plan: Plan;
  /** Undefined when the plan could not be analysed (the cards then show declared facts only). */
  readonly analysis?: Pick<PlanAnalysis, 'progress' | 'schedule' | 'sprints'>;
  readonly today: string;
  readonly file: string;
  readonly folder: string;
  /** The user's person id (from git user.email), '' when unknown. */
  readonly me: string;
  readonly note: string;
  readonly editable: boolean;
}

const clip = (s: string, max = MAX_TEXT_LENGTH): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function indexed(rows: NamedRow[]): Map<string, number> {
  return new Map(rows.map((r, i) => [r[0], i]));
}

export function buildBoardData(src: BoardSource): BoardData {
  const { plan, analysis } = src;
  const people: NamedRow[] = plan.people.filter((p) => isPlanId(p.id)).map((p) => [p.id, clip(p.name ?? '')]);
  const personIndex = indexed(people);
  const milestones: NamedRow[] = plan.milestones.filter((m) => isPlanId(m.id)).map((m) => [m.id, clip(m.title)]);
  const milestoneIndex = indexed(milestones);
  const sprintRows = (analysis?.sprints ?? []).filter((s) => isPlanId(s.id));
  const sprints: NamedRow[] = sprintRows.map((s) => [s.id, clip(s.goal ?? `${s.start} – ${s.end}`)]);
  const sprintsOf = new Map<string, number[]>();
  sprintRows.forEach((s, i) => { for (const t of s.tasks) sprintsOf.set(t, [...(sprintsOf.get(t) ?? []), i]); });
  const today = isoToDay(src.today);

  const cards: CardRow[] = [];
  const seen = new Set<string>();
  for (const t of plan.tasks) {
    if (!isPlanId(t.id) || seen.has(t.id)) continue;
    seen.add(t.id);
    let assignee = -1;
    if (t.assignee && isPlanId(t.assignee)) {
      assignee = personIndex.get(t.assignee) ?? people.push([t.assignee, '']) - 1;
      personIndex.set(t.assignee, assignee);
    }
    const ts = analysis?.schedule.tasks.get(t.id);
    const tp = analysis?.progress.tasks.get(t.id);
    const effective = tp?.effective ?? t.status;
    const due = isoToDay(t.due);
    const open = effective !== 'done' && effective !== 'dropped';
    let dueWarn: number = DueWarn.none;
    if (open && due !== NO_DAY && due < today) dueWarn = DueWarn.overdue;
    else if (open && due !== NO_DAY && ts && isoToDay(ts.forecastFinish) > due) dueWarn = DueWarn.forecastLate;
    cards.push([
      t.id, clip(t.title), t.milestone !== undefined ? milestoneIndex.get(t.milestone) ?? -1 : -1, assignee,
      Math.max(0, STATUSES.indexOf(t.status)), Math.max(0, STATUSES.indexOf(effective)),
      clip(t.estimate ?? '', 40), t.priority ? PRIORITY_CODES.indexOf(t.priority) + 1 : 0,
      ts && Number.isFinite(ts.float) ? Math.round(ts.float) : 0,
      (ts?.critical ? CardFlag.critical : 0) | (ts && !ts.dropped ? 0 : CardFlag.noFloat),
      due, dueWarn, tp?.commits.length ?? 0, sprintsOf.get(t.id) ?? [], t.tags.filter((g) => g.length <= 200),
    ]);
  }
  return {
    file: src.file, folder: clip(src.folder), name: clip(plan.project.name), today: Math.max(0, today), people, milestones, sprints,
    me: isPlanId(src.me) ? src.me : '', cards, note: clip(src.note), editable: src.editable,
  };
}

/**
 * The edit a card move asks for, on the plan as it is now: status, then
 * milestone or assignee. Several changes become ONE text edit (the span
 * between the first and last changed character) so the move is one undo step.
 */
export function boardEdit(p: ParsedPlan, op: MoveOp): EditResult {
  const refuse = (reason: string): EditResult => ({ ok: false, reason });
  if (!p.plan) return refuse(l10n.t('project.yml could not be read.'));
  if (!p.syntaxOk) return refuse(l10n.t('project.yml has syntax errors; fix them before editing from the board.'));
  const task = p.plan.byId.get(op.task);
  if (!task || task.kind !== 'task') return refuse(l10n.t('There is no task {0} in project.yml.', op.task));
  const steps: ((q: ParsedPlan) => EditResult)[] = [];
  if (op.status !== undefined && op.status !== task.status) steps.push((q) => setTaskField(q, op.task, 'status', op.status as string));
  if (op.milestone !== undefined && op.milestone !== (task.milestone ?? '')) {
    const target = op.milestone;
    if (target !== '' && !p.plan.milestones.some((m) => m.id === target)) return refuse(l10n.t('There is no milestone {0}.', target));
    steps.push((q) => moveTask(q, op.task, target === '' ? null : target));
  }
  if (op.assignee !== undefined && op.assignee !== (task.assignee ?? '')) {
    const who = op.assignee;
    steps.push((q) => setTaskField(q, op.task, 'assignee', who === '' ? null : who));
  }
  if (steps.length === 0) return { ok: true, edits: [], text: p.text, summary: `${op.task}: nothing to change`, warnings: [] };
  if (steps.length === 1) return steps[0](p);
  let text = p.text;
  const summaries: string[] = [];
  const warnings: string[] = [];
  for (const step of steps) {
    const r = step(text === p.text ? p : parsePlan(text));
    if (!r.ok) return r;
    summaries.push(r.summary);
    warnings.push(...r.warnings);
    text = r.text;
  }
  return { ok: true, edits: [spanEdit(p.text, text)], text, summary: summaries.join('; '), warnings };
}

/** One edit that turns `before` into `after`: the differing middle. */
function spanEdit(before: string, after: string): { offset: number; length: number; newText: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}
