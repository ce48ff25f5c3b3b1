// The rules of project.yml format 1: value checkers used while the plan is
// built (dates, durations, percentages, enums, ids), "did you mean" suggestions,
// and the cross-item rules that need the whole plan (duplicate ids, unknown
// references, self-dependencies, cycles, date order). Pure: no I/O.
import type { Diagnostic, Fix, Milestone, Plan, Severity, Span, TextEdit } from './model';
import type { LineIndex } from './yamlUtil';

// ---------------------------------------------------------------- diagnostics

/** Collects diagnostics with 1-based positions computed from the text. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  constructor(private readonly lines: LineIndex) {}
  add(severity: Severity, code: string, message: string, span: Span, fix?: Fix): void {
    const d: Diagnostic = {
      severity, code, message, span,
      start: this.lines.positionAt(span.start),
      end: this.lines.positionAt(span.end),
      ...(fix ? { fix } : {}),
    };
    this.list.push(d);
  }
  error(code: string, message: string, span: Span, fix?: Fix): void { this.add('error', code, message, span, fix); }
  warning(code: string, message: string, span: Span, fix?: Fix): void { this.add('warning', code, message, span, fix); }
}

export function replaceFix(title: string, span: Span, newText: string): Fix {
  return { title, edits: [{ offset: span.start, length: span.end - span.start, newText }] };
}

// ---------------------------------------------------------------- known keys

export const KNOWN_KEYS = {
  top: ['version', 'project', 'people', 'milestones', 'backlog', 'sprints', 'risks'],
  project: ['name', 'key', 'start', 'defaultBranch', 'closeOnMerge', 'calendar', 'budget'],
  calendar: ['workdays', 'hoursPerDay', 'holidays'],
  budget: ['amount', 'currency'],
  person: ['id', 'name', 'email', 'capacity', 'rate', 'off'],
  milestone: ['id', 'title', 'due', 'release', 'health', 'depends', 'description', 'tasks'],
  task: ['id', 'title', 'status', 'assignee', 'estimate', 'start', 'due', 'depends', 'issue', 'progress', 'priority', 'tags', 'description', 'spent'],
  sprint: ['id', 'start', 'end', 'goal', 'tasks'],
  risk: ['id', 'title', 'probability', 'impact', 'status', 'owner', 'mitigation', 'tasks', 'reviewed'],
} as const;
export type ItemKind = keyof typeof KNOWN_KEYS;

export const REQUIRED_KEYS: { readonly [K in ItemKind]: readonly string[] } = {
  top: ['version', 'project', 'milestones'],
  project: ['name'],
  calendar: [],
  budget: ['amount', 'currency'],
  person: ['id'],
  milestone: ['id', 'title'],
  task: ['id', 'title'],
  sprint: ['id', 'start', 'end'],
  risk: ['id', 'title', 'probability', 'impact'],
};

// ---------------------------------------------------------------- did you mean

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), capped for speed. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0].length <= n) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(2 * n + 2);
  let prev2 = rows[0]; let prev = rows[1]; let cur = rows[2];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[n];
}
/** Reused rows: suggestions run over thousands of ids. */
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * The closest candidate, only when it is plausibly a typo: distance at most
 * 1 for short words, 2 from 5 characters, 3 from 9; ties go to the first.
 * `budget.left` (when given) caps the comparisons across many calls.
 */
export function closest(word: string, candidates: Iterable<string>, budget?: { left: number }): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (budget && budget.left-- <= 0) return best;
    if (Math.abs(c.length - w.length) >= bestD) continue;
    const lc = c.toLowerCase();
    if (lc === w) return c; // only the case differs
    const d = editDistance(w, lc, bestD - 1);
    if (d < bestD) { bestD = d; best = c; }
  }
  return best;
}

export function didYouMean(s: string | undefined): string {
  return s === undefined ? '' : ` (did you mean '${s}'?)`;
}

// ---------------------------------------------------------------- values

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a calendar date; returns a reason when it is not a real `YYYY-MM-DD` date. */
export function dateProblem(s: string): string | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return 'dates are written YYYY-MM-DD';
  const y = Number(m[1]); const mo = Number(m[2]); const d = Number(m[3]);
  if (mo < 1 || mo > 12) return `there is no month ${m[2]}`;
  const days = daysInMonth(y, mo);
  if (d < 1 || d > days) return `${monthName(mo)} ${y} has ${days} days`;
  return undefined;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}
function monthName(m: number): string {
  return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1];
}

/** Longest range `a..b` expanded, in days (ten years): a typo must not allocate millions of dates. */
export const MAX_RANGE_DAYS = 3660;

/** Expands `a..b` (inclusive) or a single date. Returns a reason on failure. */
export function expandDateRange(s: string): { dates: string[] } | { problem: string } {
  const dots = s.indexOf('..');
  if (dots < 0) {
    const p = dateProblem(s);
    return p ? { problem: `'${s}' is not a date: ${p}` } : { dates: [s] };
  }
  const a = s.slice(0, dots).trim();
  const b = s.slice(dots + 2).trim();
  const pa = dateProblem(a); const pb = dateProblem(b);
  if (pa) return { problem: `'${a}' is not a date: ${pa}` };
  if (pb) return { problem: `'${b}' is not a date: ${pb}` };
  if (b < a) return { problem: `the range ${a}..${b} ends before it starts` };
  const t0 = Date.parse(`${a}T00:00:00Z`); const t1 = Date.parse(`${b}T00:00:00Z`);
  const n = Math.round((t1 - t0) / 86400000) + 1;
  if (n > MAX_RANGE_DAYS) return { problem: `the range ${a}..${b} spans ${n} days; at most ${MAX_RANGE_DAYS} are allowed` };
  const dates: string[] = [];
  for (let i = 0; i < n; i++) dates.push(new Date(t0 + i * 86400000).toISOString().slice(0, 10));
  return { dates };
}

const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)\s*([hdw])/gy;

/**
 * The longest duration (estimate, spent), in working days: four years. Longer
 * is not a task but a typo, and would make schedules and workloads span
 * centuries (issue 12: `400000w`).
 */
export const MAX_DURATION_DAYS = 1000;
/** The smallest capacity (a share of a working day): below it a task's dates run away. */
export const MIN_CAPACITY = 0.05;

/**
 * Parses a duration: `3d`, `4h`, `1w`, `1d 4h`, or a bare number in `bareUnit`.
 * `d` = hoursPerDay hours, `w` = workdaysPerWeek days. Returns hours or a reason.
 */
export function parseDuration(v: string | number, hoursPerDay: number, workdaysPerWeek: number, bareUnit: 'd' | 'h'): { hours: number } | { problem: string } {
  const r = durationHours(v, hoursPerDay, workdaysPerWeek, bareUnit);
  if ('hours' in r && r.hours > MAX_DURATION_DAYS * hoursPerDay) {
    return { problem: `it is more than ${MAX_DURATION_DAYS} working days (${MAX_DURATION_DAYS / Math.max(1, workdaysPerWeek)}w); split the work into several tasks` };
  }
  return r;
}

function durationHours(v: string | number, hoursPerDay: number, workdaysPerWeek: number, bareUnit: 'd' | 'h'): { hours: number } | { problem: string } {
  const unitHours = (u: string) => (u === 'h' ? 1 : u === 'd' ? hoursPerDay : hoursPerDay * workdaysPerWeek);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { problem: 'it is not a finite number' };
    if (v < 0) return { problem: 'a duration cannot be negative' };
    return { hours: v * unitHours(bareUnit) };
  }
  const s = v.trim().toLowerCase();
  if (/^(\d+(?:\.\d+)?|\.\d+)$/.test(s)) return { hours: Number(s) * unitHours(bareUnit) };
  if (s === '') return { problem: 'the duration is empty' };
  let hours = 0;
  DURATION_PART.lastIndex = 0;
  let pos = 0;
  while (pos < s.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(s);
    if (!m) return { problem: 'write a number followed by h (hours), d (days) or w (weeks), e.g. 3d or 1d 4h' };
    hours += Number(m[1]) * unitHours(m[2]);
    pos = DURATION_PART.lastIndex;
    while (s[pos] === ' ') pos++;
  }
  return { hours };
}

/** `40%` or `0.4` -> 0.4. Numbers above 1 are refused (ambiguous: 40 -> write 40%). */
export function parseShare(v: string | number): { value: number } | { problem: string; suggestion?: string } {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { problem: `${v} is not a finite number` };
    if (v < 0) return { problem: 'a share cannot be negative' };
    if (v > 1) return v <= 100 ? { problem: `${v} is more than 1: write ${v}% for a percentage or a share between 0 and 1`, suggestion: `${v}%` } : { problem: `${v} is more than 100%` };
    return { value: v };
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
  if (m) {
    const n = Number(m[1]);
    if (n > 100) return { problem: `${m[1]}% is more than 100%` };
    return { value: n / 100 };
  }
  const num = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.exec(v);
  if (num) return parseShare(Number(num[1]));
  return { problem: `'${v}' is not a percentage: write e.g. 40% or 0.4` };
}

/** Ids end up in commit messages and branch names: letters, digits, `.`, `_`, `-`; starting with a letter or digit. */
export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A project key: the prefix of generated task ids (`PAY` -> `PAY-12`). */
export const KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
/** A branch or tag name we are willing to hand to git (never an option, never a range). */
export const REF_RE = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/+-]{1,200}(?<![./])$/;
export const ISSUE_RE = /^(?:#?(\d{1,9})|([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})#(\d{1,9}))$/;

// ---------------------------------------------------------------- cross-item rules

/** A reference from one item to an id, as found while building the plan. */
export interface RefSite {
  readonly from: string;
  readonly kind: 'depends' | 'assignee' | 'owner' | 'risk-task' | 'sprint-task';
  readonly id: string;
  /** Span of the referencing scalar. */
  readonly span: Span;
  /** When the reference is an item of a list: the edit that removes it. */
  readonly removal?: TextEdit;
}

/** Where each id-carrying item declares its id, in file order (duplicates included). */
export interface IdSite {
  readonly id: string;
  readonly kind: string;
  readonly span: Span;
}

export interface CrossRuleInput {
  readonly plan: Plan;
  readonly ids: readonly IdSite[];
  readonly refs: readonly RefSite[];
}

const KIND_NAME: Record<string, string> = { task: 'task', milestone: 'milestone', person: 'person', sprint: 'sprint', risk: 'risk' };

/** Runs the rules that need the whole plan. Linear in the plan size (cycles: Tarjan, iterative). */
export function validatePlan(input: CrossRuleInput, sink: DiagnosticSink, lines: LineIndex): void {
  checkDuplicateIds(input.ids, sink, lines);
  checkReferences(input, sink);
  checkDateOrder(input.plan, sink);
  checkCycles(input, sink);
}

function checkDuplicateIds(ids: readonly IdSite[], sink: DiagnosticSink, lines: LineIndex): void {
  const first = new Map<string, IdSite>();
  const reportedFirst = new Set<string>();
  for (const site of ids) {
    const prior = first.get(site.id);
    if (!prior) { first.set(site.id, site); continue; }
    const at = (s: IdSite) => `${KIND_NAME[s.kind] ?? s.kind} at line ${lines.positionAt(s.span.start).line}`;
    sink.error('duplicate-id', `Duplicate id '${site.id}': already used by the ${at(prior)}. Ids must be unique across tasks, milestones, people, sprints and risks.`, site.span);
    if (!reportedFirst.has(site.id)) {
      reportedFirst.add(site.id);
      sink.error('duplicate-id', `Duplicate id '${site.id}': used again by the ${at(site)}. Ids must be unique across tasks, milestones, people, sprints and risks.`, prior.span);
    }
  }
}

/** Id comparisons spent on "did you mean" for unknown references, in total. */
export const SUGGESTION_BUDGET = 300_000;

export function checkReferences(input: CrossRuleInput, sink: DiagnosticSink): void {
  const { plan } = input;
  const personIds = new Set<string>();
  for (const p of plan.people) personIds.add(p.id);
  const workSet = new Set<string>();
  const taskSet = new Set<string>();
  for (const m of plan.milestones) workSet.add(m.id);
  for (const t of plan.tasks) { workSet.add(t.id); taskSet.add(t.id); }
  // Suggestion pools, in file order; only needed when a reference is unknown.
  const once = <T>(f: () => T) => { let v: T | undefined; return () => (v ??= f()); };
  const people = once(() => plan.people.map((p) => p.id));
  const workIds = once(() => [...plan.milestones.map((m) => m.id), ...plan.tasks.map((t) => t.id)]);
  const taskIds = once(() => plan.tasks.map((t) => t.id));
  // Each suggestion scans every id: cap the total so a file full of typos stays fast.
  const budget = { left: SUGGESTION_BUDGET };
  for (const r of input.refs) {
    if (r.kind === 'depends' && r.id === r.from) {
      sink.error('self-dependency', `'${r.from}' depends on itself.`, r.span,
        r.removal ? { title: `Remove '${r.id}' from depends`, edits: [r.removal] } : undefined);
      continue;
    }
    let known: ReadonlySet<string>;
    let pool: () => readonly string[];
    let what: string;
    switch (r.kind) {
      case 'depends': known = workSet; pool = workIds; what = 'task or milestone'; break;
      case 'assignee': case 'owner': known = personIds; pool = people; what = 'person'; break;
      default: known = taskSet; pool = taskIds; what = 'task'; break;
    }
    if (known.has(r.id)) continue;
    const guess = budget.left > 0 ? closest(r.id, pool(), budget) : undefined;
    const where = r.kind === 'assignee' || r.kind === 'owner' ? ` in people` : '';
    sink.error('unknown-ref', `Unknown ${what} '${r.id}'${where}${didYouMean(guess)}.`, r.span,
      guess ? replaceFix(`Change to '${guess}'`, r.span, guess) : undefined);
  }
}

export function checkDateOrder(plan: Plan, sink: DiagnosticSink): void {
  for (const t of plan.tasks) {
    if (t.start && t.due && t.due < t.start) {
      sink.error('due-before-start', `Task '${t.id}' is due ${t.due}, before its start ${t.start}.`, t.fieldSpans.due ?? t.span);
    }
  }
  for (const s of plan.sprints) {
    if (s.end < s.start) sink.error('end-before-start', `Sprint '${s.id}' ends ${s.end}, before it starts ${s.start}.`, s.span);
  }
}

/**
 * Dependency cycles over tasks and milestones. Edges: an item -> what it
 * depends on; a milestone -> its tasks (it finishes after them); a task -> its
 * milestone's dependencies (it starts after them). Tarjan's SCC, iterative, so
 * 100k tasks in a chain cannot overflow the stack.
 */
function checkCycles(input: CrossRuleInput, sink: DiagnosticSink): void {
  const { plan } = input;
  const index = new Map<string, number>();
  const names: string[] = [];
  const add = (id: string) => { if (!index.has(id)) { index.set(id, names.length); names.push(id); } };
  for (const m of plan.milestones) add(m.id);
  for (const t of plan.tasks) add(t.id);
  const adj: number[][] = names.map(() => []);
  const link = (from: string, to: string) => {
    const a = index.get(from); const b = index.get(to);
    if (a !== undefined && b !== undefined && a !== b) adj[a].push(b);
  };
  const msById = new Map<string, Milestone>();
  for (const m of plan.milestones) {
    msById.set(m.id, m);
    for (const d of m.depends) link(m.id, d);
    for (const t of m.tasks) link(m.id, t.id);
  }
  for (const t of plan.tasks) {
    for (const d of t.depends) link(t.id, d);
    const m = t.milestone ? msById.get(t.milestone) : undefined;
    if (m) for (const d of m.depends) link(t.id, d);
  }
  const sccs = tarjan(adj, true);
  let refSpan: Map<string, Span> | undefined; // built only when there is a cycle to point at
  for (const comp of sccs) {
    if (comp.length < 2) continue;
    if (!refSpan) {
      refSpan = new Map();
      for (const r of input.refs) if (r.kind === 'depends') refSpan.set(`${r.from}\u0000${r.id}`, r.span);
    }
    const cycle = findCycle(comp, adj);
    const path = [...cycle, cycle[0]].map((i) => names[i]).join(' -> ');
    // Point at the first written edge of the cycle, else at the first item.
    let span: Span | undefined;
    for (let k = 0; k < cycle.length && !span; k++) span = refSpan.get(`${names[cycle[k]]}\u0000${names[cycle[(k + 1) % cycle.length]]}`);
    const item = plan.byId.get(names[cycle[0]]);
    sink.error('cycle', `Dependency cycle: ${path}. Nothing in a cycle can ever start; remove one of these dependencies.`, span ?? (item && 'span' in item ? item.span : { start: 0, end: 0 }));
  }
}

/** Strongly connected components, iterative Tarjan. */
export function tarjan(adj: readonly (readonly number[])[], onlyCycles = false): number[][] {
  const n = adj.length;
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (idx[root] !== -1) continue;
    callNode.push(root); callEdge.push(0);
    idx[root] = low[root] = counter++; stack.push(root); onStack[root] = 1;
    while (callNode.length) {
      const top = callNode.length - 1;
      const v = callNode[top];
      const e = callEdge[top];
      if (e < adj[v].length) {
        callEdge[top] = e + 1;
        const w = adj[v][e];
        if (idx[w] === -1) {
          idx[w] = low[w] = counter++; stack.push(w); onStack[w] = 1;
          callNode.push(w); callEdge.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], idx[w]);
        }
        continue;
      }
      callNode.pop(); callEdge.pop();
      if (callNode.length) { const u = callNode[callNode.length - 1]; low[u] = Math.min(low[u], low[v]); }
      if (low[v] === idx[v]) {
        const comp: number[] = [];
        let w: number;
        do { w = stack.pop()!; onStack[w] = 0; comp.push(w); } while (w !== v);
        if (!onlyCycles || comp.length > 1) out.push(comp);
      }
    }
  }
  return out;
}

/** A shortest cycle through the component's first-declared member (BFS inside the component). */
function findCycle(comp: readonly number[], adj: readonly (readonly number[])[]): number[] {
  const inComp = new Set(comp);
  let start = comp[0];
  for (const c of comp) if (c < start) start = c;
  const parent = new Map<number, number>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of adj[v]) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[path.length - 1] !== start) path.push(parent.get(path[path.length - 1])!);
        return path.reverse();
      }
      if (!parent.has(w)) { parent.set(w, v); queue.push(w); }
    }
  }
  return [...comp];
}
