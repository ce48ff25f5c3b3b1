// What may be written at a value position of project.yml: the enum values of
// the format and the ids that a reference field accepts. Pure (no `vscode`):
// the completion provider turns these into CompletionItems.
import { HEALTHS, LEVELS, PRIORITIES, RISK_STATUSES, TASK_STATUSES, WEEKDAYS, type Plan } from '../../core/model';
import type { ScannedKind, ValueContext } from './yamlContext';

/** An id that can be suggested, with the kind of item it names. */
export interface KnownId {
  readonly id: string;
  readonly kind: ScannedKind;
}

export interface Suggestion {
  readonly label: string;
  readonly kind: 'enum' | 'task' | 'milestone' | 'person';
}

type Item = 'task' | 'milestone' | 'risk' | 'sprint' | 'person' | 'calendar' | undefined;

/** Which kind of mapping holds the value, from the key path without its last key. */
export function itemKind(path: readonly string[]): Item {
  const p = path.slice(0, -1).join('/');
  switch (p) {
    case 'milestones/tasks':
    case 'backlog':
      return 'task';
    case 'milestones':
      return 'milestone';
    case 'risks':
      return 'risk';
    case 'sprints':
      return 'sprint';
    case 'people':
      return 'person';
    case 'project/calendar':
      return 'calendar';
    default:
      return undefined;
  }
}

function enumOf(values: readonly string[]): Suggestion[] {
  return values.map((label) => ({ label, kind: 'enum' as const }));
}

/** The ids of a parsed plan, in file order within each kind. */
export function idsOfPlan(plan: Plan): KnownId[] {
  const out: KnownId[] = [];
  for (const p of plan.people) out.push({ id: p.id, kind: 'person' });
  for (const m of plan.milestones) {
    out.push({ id: m.id, kind: 'milestone' });
    for (const t of m.tasks) out.push({ id: t.id, kind: 'task' });
  }
  for (const t of plan.backlog) out.push({ id: t.id, kind: 'task' });
  return out;
}

/**
 * Suggestions for the value at `ctx`, given the ids in the file. References exclude the
 * item itself (a task cannot depend on itself) and ids the list already holds.
 */
export function suggestionsFor(ctx: ValueContext, ids: readonly KnownId[]): Suggestion[] {
  const item = itemKind(ctx.path);
  const idsOf = (...kinds: ScannedKind[]): Suggestion[] => {
    const seen = new Set<string>([...ctx.existing]);
    if (ctx.selfId !== undefined) seen.add(ctx.selfId);
    const out: Suggestion[] = [];
    for (const s of ids) {
      if (!kinds.includes(s.kind) || seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ label: s.id, kind: s.kind as Suggestion['kind'] });
    }
    return out;
  };
  switch (`${item}.${ctx.key}`) {
    case 'task.status':
      return enumOf(TASK_STATUSES);
    case 'task.priority':
      return enumOf(PRIORITIES);
    case 'task.assignee':
    case 'risk.owner':
      return idsOf('person');
    case 'task.depends':
    case 'milestone.depends':
      return idsOf('task', 'milestone');
    case 'milestone.health':
      return enumOf(HEALTHS);
    case 'risk.probability':
    case 'risk.impact':
      return enumOf(LEVELS);
    case 'risk.status':
      return enumOf(RISK_STATUSES);
    case 'risk.tasks':
    case 'sprint.tasks':
      return idsOf('task');
    case 'calendar.workdays':
      return enumOf(WEEKDAYS).filter((s) => !ctx.existing.includes(s.label));
    default:
      return [];
  }
}
