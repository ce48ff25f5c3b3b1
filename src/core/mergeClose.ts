// Merged branches close tasks, as on Linear and Jira (docs/format.md,
// "Merged branches close tasks"):
// - a merge commit whose message names the merged branch, and the branch's
//   name holds a task id as a whole token: "Merge branch 'RET-12-photo-upload'",
//   "Merge pull request #45 from org/RET-12-photo-upload" (Start Work's
//   branch template `${id}-${slug}` makes such names);
// - a merge commit whose merged-in commits are all on such a branch, whatever
//   its message (git/mergedBranches.ts: it needs the repository's branches);
// - a squash merge: a commit whose subject names the task and ends with the
//   pull request's number, "Photo upload (RET-12) (#45)".
// Like closing words, only commits on the default branch close; a revert does
// not reopen (commits raise a status, never lower it).
import type { Plan } from './model';

export type CloseVia = 'merge' | 'squash';

const MERGE_SUBJECT = /^Merge (?:remote-tracking )?branch '([^'\n]{1,250})'|^Merge pull request #\d{1,9} from (\S{1,250})|^Merged? in (\S{1,250}) \(pull request #\d{1,9}\)/;
const SQUASH_SUBJECT = /\(#\d{1,9}\)\s*$/;
/** Characters that separate the parts of a branch name: an id is a token between them. */
const SEPARATOR = /[-_/.]/;

export interface MergeCloser {
  /** Task ids a merge commit's branch names, as whole tokens. */
  branchTasks(subject: string): string[];
  /** Task ids a branch name holds as whole tokens (`RET-12-photo-upload`: RET-12). */
  tasksInBranch(branch: string): string[];
  /** True when the subject is a squash merge's (ends with `(#N)`). */
  isSquash(subject: string): boolean;
  /** The subject without its trailing `(#N)`. */
  withoutPullRequest(subject: string): string;
}

export function buildMergeCloser(plan: Plan): MergeCloser {
  const ids = new Map<string, string>();
  let longest = 0;
  for (const t of plan.tasks) {
    ids.set(t.id.toLowerCase(), t.id);
    longest = Math.max(longest, t.id.length);
  }
  const tasksInBranch = (name: string): string[] => {
    const branch = name.toLowerCase();
    const found: string[] = [];
    // Every span that starts and ends at a separator (or the ends) and is an id.
    for (let s = 0; s < branch.length; s++) {
      if (s > 0 && !SEPARATOR.test(branch[s - 1])) continue;
      for (let e = s + 1; e <= Math.min(branch.length, s + longest); e++) {
        if (e < branch.length && !SEPARATOR.test(branch[e])) continue;
        const id = ids.get(branch.slice(s, e));
        if (id !== undefined && !found.includes(id)) found.push(id);
      }
    }
    return found;
  };
  return {
    branchTasks(subject: string): string[] {
      const m = MERGE_SUBJECT.exec(subject);
      const branch = m?.[1] ?? m?.[2] ?? m?.[3];
      return branch ? tasksInBranch(branch) : [];
    },
    tasksInBranch,
    isSquash: (subject) => SQUASH_SUBJECT.test(subject),
    withoutPullRequest: (subject) => subject.replace(SQUASH_SUBJECT, ''),
  };
}
