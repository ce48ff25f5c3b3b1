// Scope added to a sprint while it ran, read from project.yml's own history:
// the plan as committed on or before the sprint's first day is what the team
// committed to; a task that is a member now but was not then joined the
// sprint on the day of the first revision that has it. Rules: docs/format.md
// (Sprints). Pure: the revisions come in parsed (git/sprintScope.ts reads them).
import type { IsoDate, Plan, Sprint } from './model';

/** project.yml as it stood at the end of a day (the day's last revision). */
export interface PlanAtDay {
  readonly day: IsoDate;
  readonly plan: Plan;
}

export interface SprintScope {
  /** Day of the revision the sprint's commitment is read from (on or before its start). */
  readonly baselineDay: IsoDate;
  /** Tasks that joined after the start, with the day they joined (today when the change is not committed yet). */
  readonly added: ReadonlyMap<string, IsoDate>;
}

/**
 * Ids that belong to `sprint` in `plan`: a listed sprint's `tasks` (read from
 * that revision's sprint of the same id), else every task the revision has
 * (an unlisted sprint takes tasks by planned dates, so only new tasks are scope).
 */
function membersAt(plan: Plan, sprint: Sprint): ReadonlySet<string> {
  if (sprint.tasks.length > 0) return new Set(plan.sprints.find((s) => s.id === sprint.id)?.tasks ?? []);
  return new Set(plan.tasks.map((t) => t.id));
}

/**
 * The sprint's scope change, or undefined when it began before project.yml's
 * first revision (or, listing its tasks, before it was written into the plan). `revisions` oldest first, at most one per day; `members`
 * the sprint's current members (sprint.ts decides them); `today` dates
 * changes that are only in the working tree.
 */
export function sprintScope(sprint: Sprint, members: readonly string[], revisions: readonly PlanAtDay[], today: IsoDate): SprintScope | undefined {
  let base = -1;
  for (let i = 0; i < revisions.length && revisions[i].day <= sprint.start; i++) base = i;
  if (base < 0) return undefined;
  // A listed sprint first written down after it began: what it started with is unknown.
  if (sprint.tasks.length > 0 && !revisions[base].plan.sprints.some((x) => x.id === sprint.id)) return undefined;
  const committed = membersAt(revisions[base].plan, sprint);
  const later = revisions.slice(base + 1).map((r) => ({ day: r.day, ids: membersAt(r.plan, sprint) }));
  const added = new Map<string, IsoDate>();
  for (const id of members) {
    if (committed.has(id)) continue;
    added.set(id, later.find((r) => r.ids.has(id))?.day ?? today);
  }
  return { baselineDay: revisions[base].day, added };
}
