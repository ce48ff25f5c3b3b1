// What may be written at a value position of project.yml: the enum values of
// the format and the ids that a reference field accepts. Pure (no `vscode`):
// the completion provider turns these into CompletionItems.
import { HEALTHS, LEVELS, PRIORITIES, RISK_STATUSES, TASK_STATUSES, WEEKDAYS } from '../../core/model';
import type { ScannedId, ValueContext } from './yamlContext';

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

/**
 * Suggestions for the value at `ctx`, given the ids in the file. References exclude the
 * item itself (a task cannot depend on itself) and ids the list already holds.
 */
export function suggestionsFor(ctx: ValueContext, ids: readonly ScannedId[]): Suggestion[] {
  const item = itemKind(ctx.path);
  const idsOf = (...kinds: ScannedId['kind'][]): Suggestion[] => {
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
