// The `waymark status --json` object (documented in docs/status-json.md).
// Later issues add fields to it; none of these is ever renamed or removed.
// To add: put the new field in the builder of the object it belongs to
// (taskJson / milestoneJson / buildStatus); its data comes from the plan's
// analysis (analyze.ts), which is where a new figure is computed.
import type { EarnedValueRule, Health, IsoDate, Milestone, Task, TaskStatus } from '../model';
import type { PlanAnalysis } from '../analyze';
import { planStart, type TaskProgress } from '../progress';
import type { MilestoneSchedule, TaskSchedule } from '../schedule';
import type { MilestoneHealth } from '../health';
import type { Workload } from '../workload';
import type { BudgetResult } from '../budget';
import type { RankedRisk } from '../risk';
import { taskActualsJson } from '../actuals';
import type { SprintReport } from '../sprint';
import type { VelocityResult } from '../velocity';
import type { ProbabilisticForecast } from '../forecast/monteCarlo';
import { criticalityJson, forecastJson, milestoneForecastJson, projectForecastJson, type ForecastJson, type MilestoneForecastJson } from '../forecast/json';

export const STATUS_JSON_VERSION = 1;

export interface StatusInput {
  /** The plan analysed for `today`; its `history` is undefined when git was not read (`gitNote` says why). */
  readonly analysis: PlanAnalysis;
  readonly gitNote?: string;
}

/** Schedule fields of a task (docs/schedule.md); null without a schedule. */
export interface TaskScheduleJson {
  plannedStart: IsoDate | null;
  plannedFinish: IsoDate | null;
  /** Total float in workdays; negative when a due date cannot be met. */
  float: number | null;
  critical: boolean;
  forecastStart: IsoDate | null;
  forecastFinish: IsoDate | null;
  /** Share of the Monte Carlo runs in which the task was critical (docs/schedule.md); 0 without a forecast. */
  criticality: number;
}

/** Schedule fields of a milestone (docs/schedule.md). */
export interface MilestoneScheduleJson extends MilestoneForecastJson {
  plannedFinish: IsoDate | null;
  forecastFinish: IsoDate | null;
  /** Workdays the forecast finish lies after `due` (negative: ahead). */
  slipDays: number | null;
  float: number | null;
  health: Health | null;
  healthOverridden: boolean;
  healthReasons: readonly string[];
}

export interface TaskStatusJson extends TaskScheduleJson {
  id: string;
  title: string;
  /** As declared in project.yml. */
  status: TaskStatus;
  /** Raised by commits (never lowered). */
  effectiveStatus: TaskStatus;
  /** 0..1, rounded to 4 decimals. */
  progress: number;
  weightHours: number;
  assignee: string | null;
  estimate: string | null;
  due: IsoDate | null;
  /** Full shas of referencing commits, oldest first. */
  commits: string[];
  closedBy: string | null;
  actualStart: IsoDate | null;
  actualFinish: IsoDate | null;
  [extra: string]: unknown;
}

export interface MilestoneStatusJson extends MilestoneScheduleJson {
  id: string;
  title: string;
  due: IsoDate | null;
  progress: number;
  weightHours: number;
  doneTasks: number;
  totalTasks: number;
  tasks: TaskStatusJson[];
  [extra: string]: unknown;
}

export interface StatusJson {
  version: number;
  /** The CLI's --json envelope: every command's JSON says what it is. */
  kind: 'status';
  today: IsoDate;
  rule: EarnedValueRule;
  project: { name: string; progress: number; weightHours: number; start: IsoDate | null; forecastP50: IsoDate | null; forecastP85: IsoDate | null; forecastP95: IsoDate | null; [extra: string]: unknown };
  git: {
    available: boolean;
    /** Why history is missing or partial, when it is. */
    note: string | null;
    defaultBranch: string | null;
    head: string | null;
    shallow: boolean;
    warnings: string[];
  };
  milestones: MilestoneStatusJson[];
  backlog: TaskStatusJson[];
  /** Non-merge commits on the default branch since the plan's start that reference no task. */
  unlinkedCommits: number;
  /** Per person per ISO week, over-allocations (docs/schedule.md). */
  workload: Workload;
  /** Earned value in hours and money (docs/schedule.md). */
  budget: BudgetResult;
  /** Ranked by exposure, active first. */
  risks: readonly RankedRisk[];
  /** Burndown, committed, completed and added hours per sprint (docs/status-json.md). */
  sprints: readonly SprintReport[];
  /** Completed hours per sprint and the forecast they give. */
  velocity: VelocityResult;
  /** The Monte Carlo forecast's runs, seed and estimate-accuracy samples (docs/schedule.md). */
  forecast: ForecastJson;
  [extra: string]: unknown;
}

export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function taskJson(task: Task, tp: TaskProgress | undefined, ts?: TaskSchedule, forecast?: ProbabilisticForecast): TaskStatusJson {
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    effectiveStatus: tp?.effective ?? task.status,
    progress: round4(tp?.progress ?? 0),
    weightHours: round4(tp?.weightHours ?? 0),
    assignee: task.assignee ?? null,
    estimate: task.estimate ?? null,
    due: task.due ?? null,
    commits: tp?.commits ?? [],
    closedBy: tp?.closedBy ?? null,
    closedByRule: tp?.closedByRule ?? null,
    actualStart: tp?.actualStart ?? null,
    actualFinish: tp?.actualFinish ?? null,
    ...taskScheduleJson(ts),
    criticality: forecast ? criticalityJson(forecast, task.id) : 0,
  };
}

function taskScheduleJson(ts: TaskSchedule | undefined): Omit<TaskScheduleJson, 'criticality'> {
  return {
    plannedStart: ts?.plannedStart ?? null,
    plannedFinish: ts?.plannedFinish ?? null,
    float: ts?.float ?? null,
    critical: ts?.critical ?? false,
    forecastStart: ts?.forecastStart ?? null,
    forecastFinish: ts?.forecastFinish ?? null,
  };
}

function milestoneScheduleJson(ms: MilestoneSchedule | undefined, mh: MilestoneHealth | undefined): Omit<MilestoneScheduleJson, keyof MilestoneForecastJson> {
  return {
    plannedFinish: ms?.plannedFinish ?? null,
    forecastFinish: ms?.forecastFinish ?? null,
    slipDays: ms?.slipDays ?? null,
    float: ms?.float ?? null,
    health: mh?.health ?? null,
    healthOverridden: mh?.healthOverridden ?? false,
    healthReasons: mh?.healthReasons ?? [],
  };
}

export function milestoneJson(m: Milestone, analysis: PlanAnalysis): MilestoneStatusJson {
  const mp = analysis.progress.milestones.get(m.id);
  return {
    id: m.id,
    title: m.title,
    due: m.due ?? null,
    progress: round4(mp?.progress ?? 0),
    weightHours: round4(mp?.weightHours ?? 0),
    doneTasks: mp?.doneTasks ?? 0,
    totalTasks: mp?.totalTasks ?? 0,
    tasks: m.tasks.map((t) => ({ ...taskJson(t, analysis.progress.tasks.get(t.id), analysis.schedule.tasks.get(t.id), analysis.forecast), ...taskActualsJson(t, analysis.actuals) })),
    ...milestoneScheduleJson(analysis.schedule.milestones.get(m.id), analysis.health.get(m.id)),
    ...milestoneForecastJson(analysis.forecast, m.id),
  };
}

export function buildStatus(input: StatusInput): StatusJson {
  const { analysis } = input;
  const { plan, progress, history, schedule } = analysis;
  return {
    version: STATUS_JSON_VERSION,
    kind: 'status',
    today: analysis.today,
    rule: progress.rule,
    project: {
      name: plan.project.name,
      progress: round4(progress.project.progress),
      weightHours: round4(progress.project.weightHours),
      start: planStart(plan) ?? null,
      plannedFinish: schedule.plannedFinish,
      forecastFinish: schedule.forecastFinish,
      criticalPath: [...schedule.criticalPath],
      ...projectForecastJson(analysis.forecast),
    },
    git: {
      available: history !== undefined,
      note: input.gitNote ?? null,
      defaultBranch: history?.defaultBranch ?? null,
      head: history?.head ?? null,
      shallow: history?.shallow ?? false,
      warnings: [...(history?.warnings ?? []), ...analysis.actuals.warnings],
    },
    milestones: plan.milestones.map((m) => milestoneJson(m, analysis)),
    backlog: plan.backlog.map((t) => ({ ...taskJson(t, progress.tasks.get(t.id), schedule.tasks.get(t.id), analysis.forecast), ...taskActualsJson(t, analysis.actuals) })),
    unlinkedCommits: progress.unlinkedCommits,
    workload: analysis.workload,
    budget: analysis.budget,
    risks: analysis.risks.ranked,
    sprints: analysis.sprints,
    velocity: analysis.velocity,
    forecast: forecastJson(analysis.forecast),
  };
}
