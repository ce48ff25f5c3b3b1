// The typed plan: what project.yml means once parsed and validated.
// Shared by the CLI, the extension host, the webview and the tests, so it
// imports nothing. Contract: ../shared/design/project-yml.md (format 1).

/** ISO calendar date `YYYY-MM-DD`, already checked to be a real date. */
export type IsoDate = string;

export const TASK_STATUSES = ['todo', 'in-progress', 'review', 'blocked', 'done', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export const RISK_STATUSES = ['open', 'mitigated', 'occurred', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const HEALTHS = ['on-track', 'at-risk', 'off-track'] as const;
export type Health = (typeof HEALTHS)[number];

export const EV_RULES = ['50/50', '0/100', '20/80'] as const;
export type EarnedValueRule = (typeof EV_RULES)[number];

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Half-open character offsets [start, end) into the project.yml text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column, as editors and `path:line:col` print them. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface Calendar {
  /** Working weekdays as JS day numbers (0 = Sunday). Default Mon-Fri. */
  readonly workdays: readonly number[];
  readonly hoursPerDay: number;
  /** Sorted, expanded (ranges `a..b` become every date in between). */
  readonly holidays: readonly IsoDate[];
}

export interface Budget {
  readonly amount: number;
  readonly currency: string;
}

export interface ProjectInfo {
  readonly name: string;
  readonly key?: string;
  readonly start?: IsoDate;
  readonly defaultBranch?: string;
  /** Merged task branches and squash merges close tasks (default true; docs/format.md). */
  readonly closeOnMerge?: boolean;
  readonly calendar: Calendar;
  readonly budget?: Budget;
  readonly span: Span;
}

export interface Person {
  readonly kind: 'person';
  readonly id: string;
  readonly name?: string;
  /** Lower-cased addresses; matched against commit author emails. */
  readonly emails: readonly string[];
  /** Share of a full working day, 0 < capacity <= 1. Default 1. */
  readonly capacity: number;
  /** Cost per hour in the budget currency. */
  readonly rate?: number;
  /** Sorted, expanded days off. */
  readonly off: readonly IsoDate[];
  readonly span: Span;
}

/** An external issue: `123` (own repo) or `owner/repo#123`. */
export interface IssueRef {
  readonly number: number;
  readonly owner?: string;
  readonly repo?: string;
}

export interface Task {
  readonly kind: 'task';
  readonly id: string;
  readonly title: string;
  /** Declared status (default `todo`). Effective status comes from commits: see link.ts. */
  readonly status: TaskStatus;
  readonly assignee?: string;
  /** The estimate as written (`3d`, `4h`, `1w`, `2`). */
  readonly estimate?: string;
  /** The estimate in hours of work, using the plan's calendar (`d` = hoursPerDay, `w` = workdays per week x hoursPerDay). */
  readonly estimateHours?: number;
  readonly start?: IsoDate;
  readonly due?: IsoDate;
  /** Ids of tasks or milestones that must finish first. */
  readonly depends: readonly string[];
  readonly issue?: IssueRef;
  /** Explicit share done, normalised to 0..1. */
  readonly progress?: number;
  readonly priority?: Priority;
  readonly tags: readonly string[];
  readonly description?: string;
  /** Hours actually spent, when recorded (schedule issue's extension of the format). */
  readonly spent?: number;
  /** Owning milestone id, or undefined for a backlog task. */
  readonly milestone?: string;
  /** Position among all tasks in file order (milestones first, then backlog). */
  readonly order: number;
  /** The task's whole mapping in the text. */
  readonly span: Span;
  /** Span of each key's value as written, for precise diagnostics and edits. */
  readonly fieldSpans: Readonly<Record<string, Span>>;
}

export interface Milestone {
  readonly kind: 'milestone';
  readonly id: string;
  readonly title: string;
  readonly due?: IsoDate;
  /** Git tag of the shipped release. */
  readonly release?: string;
  /** A health written in the plan overrides the computed one. */
  readonly health?: Health;
  /** Ids of tasks or milestones that must finish before this milestone's tasks start. */
  readonly depends: readonly string[];
  readonly description?: string;
  readonly tasks: readonly Task[];
  readonly span: Span;
  readonly fieldSpans: Readonly<Record<string, Span>>;
}

export interface Sprint {
  readonly kind: 'sprint';
  readonly id: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly goal?: string;
  /** Task ids committed to the sprint, when listed. */
  readonly tasks: readonly string[];
  readonly span: Span;
}

export interface Risk {
  readonly kind: 'risk';
  readonly id: string;
  readonly title: string;
  readonly probability: Level;
  readonly impact: Level;
  readonly status: RiskStatus;
  readonly owner?: string;
  readonly mitigation?: string;
  readonly tasks: readonly string[];
  /** Date the risk was last reviewed, when recorded. */
  readonly reviewed?: IsoDate;
  readonly span: Span;
}

export interface Plan {
  readonly version: 1;
  readonly project: ProjectInfo;
  readonly people: readonly Person[];
  readonly milestones: readonly Milestone[];
  readonly backlog: readonly Task[];
  readonly sprints: readonly Sprint[];
  readonly risks: readonly Risk[];
  /** Every task, milestones' first in file order, then the backlog. */
  readonly tasks: readonly Task[];
  /** Lookup of every id-carrying item. */
  readonly byId: ReadonlyMap<string, PlanItem>;
}

/** Any id-carrying item of a plan. */
export type PlanItem = Task | Milestone | Person | Sprint | Risk;

export type Severity = 'error' | 'warning' | 'info';

/** A replacement of text[offset, offset + length) by newText. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `unknown-key`, `bad-date`, `cycle`. */
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly start: Position;
  readonly end: Position;
  readonly fix?: Fix;
}

export function isTask(x: unknown): x is Task {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'task';
}
