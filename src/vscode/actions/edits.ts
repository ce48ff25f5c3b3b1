// Commands that change project.yml: status, assignee, estimate, dates, add,
// move, remove, accept the commit-derived status. Each hands a core edit to
// the plan writer (planWriter.ts), which computes it on the current text and
// writes it; the store's change event refreshes the views. Every command
// takes explicit arguments (tests, keybindings) and
// asks with a quick pick or input box only for what is missing.
import * as vscode from 'vscode';
import type { PlanSnapshot } from '../planStore';
import type { PlanWriter } from '../planWriter';
import { TASK_STATUSES, type TaskStatus } from '../../core/model';
import { addTask, moveTask, removeTask, setStatus, setTaskField } from '../../core/edit';
import { chainEdits, type EditStep } from './chain';
import { dateInputProblem, dateOrderProblem, estimateProblem } from './naming';
import { dependentsOf } from '../../core/dependencies';
import { byPlan, effectiveStatus, isViewNode, pickTasks, resolveMilestone, resolveTargets, type TaskTarget } from './targets';
import { statusIcon } from '../presentation';
import { folderKeyOf } from '../tree/sources';

const STATUS_HELP: Record<TaskStatus, string> = {
  'todo': vscode.l10n.t('not started'),
  'in-progress': vscode.l10n.t('being worked on'),
  'review': vscode.l10n.t('waiting for review'),
  'blocked': vscode.l10n.t('cannot go on'),
  'done': 'finished',
  'dropped': vscode.l10n.t('will not be done'),
};

/**
 * Writes one edit per plan (the tasks' steps chained: one undo step, one
 * write). True when all applied. `status` shows in the views at once (pending).
 */
async function applyPerPlan(writer: PlanWriter, label: string, targets: readonly TaskTarget[], step: (taskId: string) => EditStep, status?: (taskId: string) => TaskStatus): Promise<boolean> {
  let all = true;
  for (const [folderKey, ids] of byPlan(targets)) {
    const pending = status && new Map(ids.map((id) => [id, status(id)]));
    const outcome = await writer.apply(folderKey, (p) => chainEdits(p, ids.map(step)), { label, pending });
    all = outcome.applied && all;
  }
  return all;
}

function isStatus(x: unknown): x is TaskStatus {
  return typeof x === 'string' && (TASK_STATUSES as readonly string[]).includes(x);
}

/** `waymark.setStatus(target?, selectionOrStatus?, status?)`. */
export async function setStatusCommand(writer: PlanWriter, arg?: unknown, second?: unknown, third?: unknown): Promise<boolean> {
  const targets = await resolveTargets(writer.store, arg, second, vscode.l10n.t('Set the status of which task?'));
  if (!targets) return false;
  // From a tree: (node, selectedNodes); from code: (task, status).
  let status: unknown = typeof second === 'string' ? second : third;
  if (status !== undefined && !isStatus(status)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: \'{0}\' is not a status ({1}).', String(status), TASK_STATUSES.join(', ')));
    return false;
  }
  if (status === undefined) {
    const current = targets.length === 1 ? targets[0].task.status : undefined;
    const pick = await vscode.window.showQuickPick(TASK_STATUSES.map((s) => ({
      label: `$(${statusIcon(s).id}) ${s}`,
      description: s === current ? `${STATUS_HELP[s]} (current)` : STATUS_HELP[s],
      status: s,
    })), { placeHolder: targets.length === 1 ? vscode.l10n.t('Status of {0} {1}', targets[0].task.id, targets[0].task.title) : vscode.l10n.t('Status of {0} tasks', targets.length) });
    if (!pick) return false;
    status = pick.status;
  }
  const s = status as TaskStatus;
  return applyPerPlan(writer, 'Set Status', targets, (id) => (p) => setStatus(p, id, s), () => s);
}

/** `waymark.acceptDerivedStatus(target?, selection?)`: writes the status the commits imply. */
export async function acceptDerivedStatusCommand(writer: PlanWriter, arg?: unknown, selection?: unknown): Promise<boolean> {
  await writer.store.ready();
  let targets: TaskTarget[] | undefined;
  if (arg === undefined) {
    targets = await pickTasks(writer.store, vscode.l10n.t('Accept the status from commits for which task?'), (t) => effectiveStatus(t.snapshot, t.task) !== t.task.status);
  } else {
    targets = await resolveTargets(writer.store, arg, selection, '');
  }
  if (!targets) return false;
  const derived = targets.filter((t) => effectiveStatus(t.snapshot, t.task) !== t.task.status);
  if (!derived.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Waymark: the commits agree with project.yml for {0}.', targets.map((t) => t.task.id).join(', ')));
    return false;
  }
  const wanted = new Map(derived.map((t) => [t.task.id, effectiveStatus(t.snapshot, t.task)]));
  return applyPerPlan(writer, 'Accept Status from Commits', derived, (id) => (p) => setStatus(p, id, wanted.get(id)!), (id) => wanted.get(id)!);
}

/** `waymark.assign(target?, personId?)`: '' or null removes the assignee. */
export async function assignCommand(writer: PlanWriter, arg?: unknown, second?: unknown): Promise<boolean> {
  const targets = await resolveTargets(writer.store, arg, second, vscode.l10n.t('Assign which task?'));
  if (!targets) return false;
  let person: string | null | undefined = typeof second === 'string' ? second : second === null ? null : undefined;
  if (person === undefined) {
    const plan = targets[0].snapshot.plan;
    const current = targets.length === 1 ? targets[0].task.assignee : undefined;
    const items = [
      ...(plan?.people ?? []).map((p) => ({
        label: `$(person) ${p.id}`, description: [p.name, p.id === current ? '(current)' : ''].filter(Boolean).join(' '), id: p.id as string | null,
      })),
      { label: `$(circle-slash) ${vscode.l10n.t('Unassigned')}`, description: vscode.l10n.t('remove the assignee'), id: null as string | null },
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Assign {0} to', targets.map((t) => t.task.id).join(', ')), matchOnDescription: true });
    if (!pick) return false;
    person = pick.id;
  }
  const value = person === '' ? null : person;
  return applyPerPlan(writer, 'Assign', targets, (id) => (p) => setTaskField(p, id, 'assignee', value));
}

/** `waymark.setEstimate(target?, estimate?)`: validated with the core's duration parser; '' removes it. */
export async function setEstimateCommand(writer: PlanWriter, arg?: unknown, second?: unknown): Promise<boolean> {
  const targets = await resolveTargets(writer.store, arg, second, vscode.l10n.t('Estimate which task?'));
  if (!targets) return false;
  const plan = targets[0].snapshot.plan;
  if (!plan) return false;
  let value = typeof second === 'string' ? second : undefined;
  if (value === undefined) {
    value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Estimate of {0}', targets.map((t) => t.task.id).join(', ')),
      prompt: vscode.l10n.t('Work in hours, days or weeks: 4h, 3d, 1w, 1d 4h. Empty removes the estimate.'),
      value: targets.length === 1 ? targets[0].task.estimate ?? '' : '',
      validateInput: (v) => estimateProblem(v, plan),
    });
    if (value === undefined) return false;
  }
  const problem = estimateProblem(value, plan);
  if (problem) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: \'{0}\' is not an estimate: {1}.', value, problem));
    return false;
  }
  const v = value.trim() === '' ? null : value.trim();
  return applyPerPlan(writer, 'Set Estimate', targets, (id) => (p) => setTaskField(p, id, 'estimate', v));
}

export interface DatesArg {
  readonly start?: string | null;
  readonly due?: string | null;
}

/** `waymark.editDates(target?, { start?, due? })`: '' or null removes a date; a key left out is not touched. */
export async function editDatesCommand(writer: PlanWriter, arg?: unknown, second?: unknown): Promise<boolean> {
  const explicit = typeof second === 'object' && second !== null && !Array.isArray(second) ? second as DatesArg : undefined;
  const targets = await resolveTargets(writer.store, arg, explicit ? undefined : second, vscode.l10n.t('Edit the dates of which task?'));
  if (!targets) return false;
  const { task } = targets[0];
  let start: string | null | undefined;
  let due: string | null | undefined;
  if (explicit) {
    start = explicit.start;
    due = explicit.due;
  } else {
    const ask = (title: string, value: string | undefined) => vscode.window.showInputBox({
      title, value: value ?? '', placeHolder: vscode.l10n.t('YYYY-MM-DD'), prompt: vscode.l10n.t('Empty removes the date.'), validateInput: dateInputProblem,
    });
    const s = await ask(`${task.id}: start no earlier than (1/2)`, task.start);
    if (s === undefined) return false;
    const d = await ask(`${task.id}: due (2/2)`, task.due);
    if (d === undefined) return false;
    start = s;
    due = d;
  }
  const norm = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());
  start = norm(start);
  due = norm(due);
  const problem = [start, due].map((v) => (typeof v === 'string' ? dateInputProblem(v) : undefined)).find(Boolean)
    ?? targets.map((t) => dateOrderProblem(start === undefined ? t.task.start : start ?? undefined, due === undefined ? t.task.due : due ?? undefined)).find(Boolean);
  if (problem) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark did not change the dates: {0}.', problem));
    return false;
  }
  return applyPerPlan(writer, 'Edit Dates', targets, (id) => (p) => {
    const steps: EditStep[] = [];
    if (start !== undefined && start !== (p.plan?.byId.get(id) as { start?: string } | undefined)?.start) steps.push((q) => setTaskField(q, id, 'start', start ?? null));
    if (due !== undefined && due !== (p.plan?.byId.get(id) as { due?: string } | undefined)?.due) steps.push((q) => setTaskField(q, id, 'due', due ?? null));
    return steps.length ? chainEdits(p, steps) : { ok: true, edits: [], text: p.text, summary: `${id}: dates unchanged`, warnings: [] };
  });
}

export interface NewTaskArg {
  readonly title: string;
  readonly id?: string;
  readonly [field: string]: unknown;
}

/** `waymark.addTask(milestone?, fields?)`: milestone node or id, `null` for the backlog. Returns the new id. */
export async function addTaskCommand(writer: PlanWriter, arg?: unknown, second?: unknown): Promise<string | undefined> {
  const { store } = writer;
  await store.ready();
  let snapshot: PlanSnapshot | undefined;
  let milestoneId: string | null | undefined;
  const found = resolveMilestone(store, arg);
  if (found) {
    snapshot = found.snapshot;
    milestoneId = found.milestone.id;
  } else if (arg === null) {
    snapshot = store.forUri();
    milestoneId = null;
  } else if (arg !== undefined && !isViewNode(arg)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: there is no milestone \'{0}\' in project.yml.', String(arg)));
    return undefined;
  } else {
    const choices = store.all().filter((s) => s.plan).flatMap((s) => [
      ...(s.plan?.milestones ?? []).map((m) => ({ label: `$(milestone) ${m.title}`, description: m.id, detail: store.all().length > 1 ? s.folder.name : undefined, s, id: m.id as string | null })),
      { label: `$(inbox) ${vscode.l10n.t('Backlog')}`, description: vscode.l10n.t('no milestone'), detail: store.all().length > 1 ? s.folder.name : undefined, s, id: null as string | null },
    ]);
    if (!choices.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Waymark: no project.yml in this workspace. Create one first.'));
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Add the task to') });
    if (!pick) return undefined;
    snapshot = pick.s;
    milestoneId = pick.id;
  }
  if (!snapshot?.plan) return undefined;
  // From a tree the second argument is the selection (an array), not fields.
  let fields: NewTaskArg | undefined = typeof second === 'object' && second !== null && !Array.isArray(second) ? second as NewTaskArg : undefined;
  if (!fields) {
    const title = await vscode.window.showInputBox({
      title: milestoneId ? vscode.l10n.t('New task in {0}', milestoneId) : vscode.l10n.t('New task in the backlog'),
      prompt: vscode.l10n.t('Title of the task'),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A task needs a title.')),
    });
    if (!title) return undefined;
    fields = { title: title.trim() };
  }
  const add = { milestoneId, fields };
  let id: string | undefined;
  const outcome = await writer.apply(folderKeyOf(snapshot), (p) => {
    const result = addTask(p, add.milestoneId, { ...add.fields });
    id = result.ok ? result.id : undefined;
    return result;
  }, { label: 'Add Task' });
  return outcome.applied ? id : undefined;
}

/** `waymark.moveTask(target?, milestoneId?)`: `null` moves the task to the backlog. */
export async function moveTaskCommand(writer: PlanWriter, arg?: unknown, second?: unknown): Promise<boolean> {
  const targets = await resolveTargets(writer.store, arg, second, vscode.l10n.t('Move which task?'));
  if (!targets) return false;
  let dest: string | null | undefined = typeof second === 'string' ? second : second === null ? null : undefined;
  if (dest === undefined) {
    const { snapshot } = targets[0];
    const from = targets.length === 1 ? targets[0].task.milestone ?? null : undefined;
    const items = [
      ...(snapshot.plan?.milestones ?? []).filter((m) => m.id !== from).map((m) => ({ label: `$(milestone) ${m.title}`, description: m.id, id: m.id as string | null })),
      ...(from === null ? [] : [{ label: `$(inbox) ${vscode.l10n.t('Backlog')}`, description: vscode.l10n.t('no milestone'), id: null as string | null }]),
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Move {0} to', targets.map((t) => t.task.id).join(', ')) });
    if (!pick) return false;
    dest = pick.id;
  }
  const to = dest;
  return applyPerPlan(writer, 'Move Task', targets.filter((t) => (t.task.milestone ?? null) !== to), (id) => (p) => moveTask(p, id, to));
}

/** `waymark.removeTask(target?, { confirm: false }?)`: asks first (naming what still refers to the task). */
export async function removeTaskCommand(writer: PlanWriter, arg?: unknown, second?: unknown): Promise<boolean> {
  const skipConfirm = typeof second === 'object' && second !== null && !Array.isArray(second) && (second as { confirm?: unknown }).confirm === false;
  const targets = await resolveTargets(writer.store, arg, skipConfirm ? undefined : second, vscode.l10n.t('Remove which task?'));
  if (!targets) return false;
  if (!skipConfirm) {
    const ids = targets.map((t) => t.task.id);
    const refs = [...new Set(targets.flatMap((t) => t.snapshot.plan ? dependentsOf(t.snapshot.plan, t.task.id) : []))].filter((r) => !ids.includes(r));
    const what = targets.length === 1 ? `${targets[0].task.id} “${targets[0].task.title}”` : `${targets.length} tasks (${ids.join(', ')})`;
    const detail = refs.length
      ? (targets.length === 1
        ? vscode.l10n.t('Still referring to it: {0}. Those references will be reported as unknown until you fix them.', refs.join(', '))
        : vscode.l10n.t('Still referring to them: {0}. Those references will be reported as unknown until you fix them.', refs.join(', ')))
      : vscode.l10n.t('Nothing else in project.yml refers to it. Undo (Ctrl+Z) in project.yml brings it back.');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove {0} from project.yml?', what), { modal: true, detail }, vscode.l10n.t('Remove'));
    if (answer !== 'Remove') return false;
  }
  return applyPerPlan(writer, 'Remove Task', targets, (id) => (p) => removeTask(p, id));
}
