// Which project.yml files are Waymark plans. Other tools use the same name
// (XcodeGen's project spec is a `project.yml` with `name`, `targets`,
// `options`...): those files are left alone by every surface (views,
// diagnostics, language features, the CLI). The rule (docs/format.md,
// "Whose project.yml"): a file is another tool's when its top level is a
// YAML mapping that has neither `project` nor `milestones` and has at least
// one key Waymark does not use. Anything else (an empty file, a file that
// does not parse, a plan with a typo) stays Waymark's, so its problems are
// still reported.
import type { ParsedPlan } from './parse';
import { documentShapeOf } from './syntaxTree';
import { KNOWN_KEYS } from './validate';
import { Y } from './yamlLib';
import { keyName } from './yamlUtil';

/** Keys whose presence makes a file a Waymark plan, whatever else it holds. */
export const PLAN_MARKER_KEYS: readonly string[] = ['project', 'milestones'];

const WAYMARK_TOP_KEYS: ReadonlySet<string> = new Set(KNOWN_KEYS.top);

/**
 * The top-level keys of a file that belongs to another tool (at most a few,
 * for messages), or undefined when `parsed` is (or may be) a Waymark plan.
 */
export function foreignTopLevelKeys(parsed: ParsedPlan): readonly string[] | undefined {
  if (!parsed.syntaxOk) return undefined;
  const top = documentShapeOf(parsed)?.contents;
  if (!Y().isMap(top)) return undefined;
  const keys = top.items.map((pair) => keyName(pair)).filter((k): k is string => k !== undefined);
  if (keys.some((k) => PLAN_MARKER_KEYS.includes(k))) return undefined;
  const foreign = keys.filter((k) => !WAYMARK_TOP_KEYS.has(k));
  return foreign.length > 0 ? foreign : undefined;
}

/** True when `parsed` is a Waymark plan (or may become one), false for another tool's project.yml. */
export function isWaymarkPlan(parsed: ParsedPlan): boolean {
  return foreignTopLevelKeys(parsed) === undefined;
}

/** What the CLI and the views say about another tool's file (`shown`: the path as displayed). */
export function notAPlanMessage(shown: string, foreignKeys: readonly string[]): string {
  const listed = foreignKeys.slice(0, 4).map((k) => `'${k.slice(0, 40)}'`).join(', ');
  return `${shown} is not a Waymark plan: its top level has no 'project' or 'milestones' key and has keys Waymark does not use (${listed}${foreignKeys.length > 4 ? ', ...' : ''}); it is probably another tool's file (XcodeGen also uses project.yml). Waymark leaves it alone.`;
}
