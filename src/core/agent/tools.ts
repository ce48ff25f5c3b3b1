// The tools Waymark offers coding agents, defined once: name, a short
// description, the JSON schema of the input, and the handler. The MCP server
// (src/mcp) and the VS Code language-model tools (src/vscode/lmTools.ts)
// serve exactly these. Every answer is JSON built from the same figures as
// `waymark status --json`; commit subjects and plan text are data in it.
// Writes go through the core's minimal edits and the host's one writer and
// answer with the unified diff they made.
import * as path from 'node:path';
import { addTask, setStatus, setTaskField, type EditResult, type TaskField } from '../edit';
import { PRIORITIES, TASK_STATUSES, type Diagnostic, type Task, type TextEdit } from '../model';
import { explainNextTasks, isClosedStatus } from '../nextTasks';
import { parsePlan, type ParsedPlan } from '../parse';
import { personForEmail } from '../progress';
import { taskJson, type TaskStatusJson } from '../report/status';
import { taskActualsJson } from '../actuals';
import { ID_RE } from '../validate';
import { unifiedDiff } from './diff';
import type { AgentAnalysis, AgentHost, AgentPlanState } from './host';
import { AgentInputError, checkInput, type JsonSchema, type ObjectSchema, type StringSchema } from './schema';

/** A refusal the agent can act on (unknown task, unusable plan, file changed). */
export class AgentToolError extends Error {}

export interface AgentTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: ObjectSchema;
  /** Writes compute their edit here (shown before confirmation in VS Code) and are applied by runTool. */
  readonly edit?: (input: Input, file: ParsedPlan) => EditResult & { id?: string };
  readonly read?: (input: Input, state: AgentPlanState, host: AgentHost) => unknown;
}

type Input = Record<string, unknown>;

// ---------------------------------------------------------------- schemas

const ID: StringSchema = { type: 'string', pattern: ID_RE.source, maxLength: 100, description: 'task id, e.g. PAY-12' };
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const fields = {
  assignee: { type: ['string', 'null'], pattern: ID_RE.source, maxLength: 100, description: 'person id' },
  estimate: { type: ['string', 'null'], pattern: '^\\d+(\\.\\d+)?\\s*[hdw]?$', maxLength: 20, description: 'e.g. 3d, 4h, 1w' },
  start: { type: ['string', 'null'], pattern: DATE_PATTERN, description: 'YYYY-MM-DD' },
  due: { type: ['string', 'null'], pattern: DATE_PATTERN, description: 'YYYY-MM-DD' },
  priority: { type: ['string', 'null'], enum: PRIORITIES },
} satisfies Record<string, StringSchema>;
const NO_INPUT: ObjectSchema = { type: 'object', properties: {}, additionalProperties: false };

function objectSchema(properties: Record<string, JsonSchema>, required: string[] = []): ObjectSchema {
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

// ---------------------------------------------------------------- shared answers

function analysisOf(state: AgentPlanState): AgentAnalysis {
  if (state.analysis) return state.analysis;
  const first = state.file.diagnostics.find((d) => d.severity === 'error');
  const where = first ? ` (${path.basename(state.path)}:${first.start.line}:${first.start.col}: ${first.message})` : '';
  throw new AgentToolError(`project.yml cannot be used until its errors are fixed${where}; validate_plan lists them.`);
}

function taskOf(a: AgentAnalysis, id: string): Task {
  const item = a.plan.byId.get(id);
  if (!item) throw new AgentToolError(`There is no task '${id}' in project.yml.`);
  if (item.kind !== 'task') throw new AgentToolError(`'${id}' is a ${item.kind}, not a task.`);
  return item;
}

/**
 * The task's object in the status JSON (same numbers as `waymark status
 * --json`), built for this task alone; its `criticality` (the Monte Carlo
 * forecast's) only `withForecast`, else 0: a tool that does not show it does
 * not run the forecast.
 */
function taskJsonOf(a: AgentAnalysis, id: string, withForecast = false): TaskStatusJson | undefined {
  const item = a.plan.byId.get(id);
  if (item?.kind !== 'task') return undefined;
  const f = a.figures;
  return { ...taskJson(item, a.progress.tasks.get(id), a.schedule.tasks.get(id), withForecast ? f.forecast : undefined), ...taskActualsJson(item, f.actuals) };
}

function isDoneIn(a: AgentAnalysis): (id: string) => boolean {
  return (id) => {
    const t = a.progress.tasks.get(id);
    if (t) return isClosedStatus(t.effective);
    const m = a.progress.milestones.get(id);
    return m !== undefined && m.doneTasks >= m.totalTasks;
  };
}

function diagnosticJson(d: Diagnostic) {
  return { severity: d.severity, code: d.code, message: d.message, line: d.start.line, col: d.start.col };
}

// ---------------------------------------------------------------- tools

const MAX_DIAGNOSTICS = 200;

export const AGENT_TOOLS: readonly AgentTool[] = [
  {
    name: 'plan_status',
    description: 'Progress, forecast finish, slip, health with reasons per milestone, and how sure: P50/P85/P95 dates and the chance of meeting its due, from project.yml and git.',
    inputSchema: NO_INPUT,
    read: (_input, state) => {
      const s = analysisOf(state).status;
      return {
        today: s.today,
        project: s.project,
        milestones: s.milestones.map(({ tasks: _tasks, weightHours: _w, ...m }) => m),
        backlogTasks: s.backlog.length,
        unlinkedCommits: s.unlinkedCommits,
        git: { available: s.git.available, note: s.git.note, head: s.git.head, defaultBranch: s.git.defaultBranch, warnings: s.git.warnings },
        overAllocations: s.workload.overAllocations.map((o) => o.message),
        risks: s.risks.filter((r) => r.active).map((r) => ({ id: r.id, title: r.title, level: r.level, exposure: r.exposure })),
        forecast: { runs: s.forecast.runs, seed: s.forecast.seed, durationsFrom: s.forecast.teamSource, samples: s.forecast.samples.length },
      };
    },
  },
  {
    name: 'next_tasks',
    description: 'A person\'s open tasks in the order to work on them (critical path, priority, planned start), each with why. Default person: the git user.',
    inputSchema: objectSchema({
      person: { type: 'string', maxLength: 200, pattern: '^[^\\s].*$', description: 'person id or email' },
      limit: { type: 'integer', minimum: 1, maximum: 100, description: 'default 10' },
    }),
    read: async (input, state, host) => {
      const a = analysisOf(state);
      const person = await resolvePerson(a, input.person as string | undefined, host);
      const limit = (input.limit as number | undefined) ?? 10;
      const ordered = explainNextTasks(a.plan.tasks, person, (t) => {
        const s = a.schedule.tasks.get(t.id);
        return { effective: a.progress.tasks.get(t.id)?.effective ?? t.status, critical: s?.critical, plannedStart: s?.plannedStart };
      }, isDoneIn(a));
      return {
        person,
        open: ordered.length,
        tasks: ordered.slice(0, limit).map(({ task, why }) => {
          const j = taskJsonOf(a, task.id);
          return {
            id: task.id, title: task.title, milestone: task.milestone ?? null, status: j?.effectiveStatus ?? task.status,
            priority: task.priority ?? null, due: task.due ?? null, float: j?.float ?? null, forecastFinish: j?.forecastFinish ?? null, why,
          };
        }),
      };
    },
  },
  {
    name: 'task_details',
    description: 'One task: declared and effective status, dates, float, dependencies and the commits that reference it.',
    inputSchema: objectSchema({ id: ID }, ['id']),
    read: (input, state) => {
      const a = analysisOf(state);
      const task = taskOf(a, input.id as string);
      const isDone = isDoneIn(a);
      const commits = (a.history?.commits ?? []).filter((c) => c.refs.some((r) => r.taskId === task.id));
      return {
        ...taskJsonOf(a, task.id, true),
        milestone: task.milestone ?? null,
        description: task.description ?? null,
        priority: task.priority ?? null,
        start: task.start ?? null,
        tags: task.tags,
        depends: task.depends.map((id) => ({ id, done: isDone(id) })),
        dependents: a.plan.tasks.filter((t) => t.depends.includes(task.id)).map((t) => t.id),
        commits: commits.map((c) => ({
          sha: c.sha, date: c.authorDate, author: c.authorName, subject: c.subject,
          closing: c.refs.some((r) => r.taskId === task.id && r.closing), onDefaultBranch: c.onDefaultBranch,
        })),
      };
    },
  },
  {
    name: 'critical_path',
    description: 'The critical tasks in schedule order, with float and dates.',
    inputSchema: NO_INPUT,
    read: (_input, state) => {
      const a = analysisOf(state);
      return {
        forecastFinish: a.schedule.forecastFinish,
        tasks: a.schedule.criticalPath.map((id) => {
          const j = taskJsonOf(a, id)!;
          return { id, title: j.title, assignee: j.assignee, status: j.effectiveStatus, float: j.float, plannedStart: j.plannedStart, plannedFinish: j.plannedFinish, forecastFinish: j.forecastFinish };
        }),
      };
    },
  },
  {
    name: 'set_task_status',
    description: 'Set a task\'s status in project.yml (one minimal edit). Returns the diff.',
    inputSchema: objectSchema({ id: ID, status: { type: 'string', enum: TASK_STATUSES } }, ['id', 'status']),
    edit: (input, file) => setStatus(file, input.id as string, input.status as string),
  },
  {
    name: 'update_task',
    description: 'Change a task\'s assignee, estimate, start, due or priority (null removes). Returns the diff.',
    inputSchema: objectSchema({ id: ID, ...fields }, ['id']),
    edit: (input, file) => updateTask(file, input),
  },
  {
    name: 'add_task',
    description: 'Add a task to a milestone (or the backlog); the id is the next free one unless given. Returns the id and the diff.',
    inputSchema: objectSchema({
      title: { type: 'string', maxLength: 500, pattern: '\\S' },
      milestone: { ...ID, description: 'milestone id; omit for the backlog' },
      id: ID,
      assignee: { ...fields.assignee, type: 'string' },
      estimate: { ...fields.estimate, type: 'string' },
      start: { ...fields.start, type: 'string' },
      due: { ...fields.due, type: 'string' },
      priority: { ...fields.priority, type: 'string' },
      depends: { type: 'array', items: ID, maxItems: 50 },
    }, ['title']),
    edit: (input, file) => {
      const { milestone, ...rest } = input;
      return addTask(file, (milestone as string | undefined) ?? null, rest as { title: string });
    },
  },
  {
    name: 'validate_plan',
    description: 'Problems in project.yml (syntax, references, cycles, missed deadlines) with line and column.',
    inputSchema: NO_INPUT,
    read: (_input, state) => {
      const all = [...state.file.diagnostics, ...(state.extraDiagnostics ?? [])];
      return {
        file: path.basename(state.path),
        errors: all.filter((d) => d.severity === 'error').length,
        warnings: all.filter((d) => d.severity === 'warning').length,
        diagnostics: all.slice(0, MAX_DIAGNOSTICS).map(diagnosticJson),
        ...(all.length > MAX_DIAGNOSTICS ? { more: all.length - MAX_DIAGNOSTICS } : {}),
      };
    },
  },
];

async function resolvePerson(a: AgentAnalysis, asked: string | undefined, host: AgentHost): Promise<string> {
  const people = a.plan.people.map((p) => p.id);
  if (asked !== undefined) {
    if (people.includes(asked)) return asked;
    const byEmail = personForEmail(a.plan, asked.trim());
    if (byEmail) return byEmail;
    throw new AgentToolError(`'${asked}' is no person id or email in project.yml; people: ${people.join(', ') || 'none'}.`);
  }
  const email = await host.userEmail();
  const me = email ? personForEmail(a.plan, email) : undefined;
  if (me) return me;
  throw new AgentToolError(`${email ? `The git user ${email} matches no person's email in project.yml` : 'The git user.email is not known'}; pass person (one of: ${people.join(', ') || 'none'}).`);
}

const UPDATABLE = ['assignee', 'estimate', 'start', 'due', 'priority'] as const satisfies readonly TaskField[];

/** Several fields, one after another on the re-parsed text, as one edit of the original. */
function updateTask(file: ParsedPlan, input: Input): EditResult {
  const id = input.id as string;
  const asked = UPDATABLE.filter((f) => input[f] !== undefined);
  if (asked.length === 0) return { ok: false, reason: `Nothing to change: give at least one of ${UPDATABLE.join(', ')}.` };
  let current = file;
  const summaries: string[] = [];
  const warnings: string[] = [];
  for (const field of asked) {
    const r = setTaskField(current, id, field, input[field] as string | null);
    if (!r.ok) return r;
    summaries.push(r.summary);
    warnings.push(...r.warnings);
    if (r.edits.length) current = parsePlan(r.text);
  }
  return { ok: true, edits: spanEdit(file.text, current.text), text: current.text, summary: summaries.join('; '), warnings };
}

/** One edit turning `before` into `after`: the span between their common start and end. */
function spanEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return [{ offset: head, length: before.length - head - tail, newText: after.slice(head, after.length - tail) }];
}

// ---------------------------------------------------------------- running

export function findTool(name: string): AgentTool {
  const tool = AGENT_TOOLS.find((t) => t.name === name);
  if (!tool) throw new AgentInputError(`There is no tool '${String(name).slice(0, 60)}'; tools: ${AGENT_TOOLS.map((t) => t.name).join(', ')}.`);
  return tool;
}

export interface WriteAnswer {
  changed: boolean;
  summary: string;
  /** Unified diff of project.yml; empty when nothing changed. */
  diff: string;
  warnings: string[];
  id?: string;
}

/** What a write would do, without doing it (VS Code shows it before asking to confirm). */
export function previewWrite(tool: AgentTool, input: Input, state: AgentPlanState): WriteAnswer & { edits: TextEdit[] } {
  checkInput(tool.inputSchema, input);
  analysisOf(state);
  const r = tool.edit!(input, state.file);
  if (!r.ok) throw new AgentToolError(r.reason);
  return {
    changed: r.edits.length > 0, summary: r.summary, diff: unifiedDiff(path.basename(state.path), state.file.text, r.text),
    warnings: r.warnings, ...(r.id ? { id: r.id } : {}), edits: r.edits,
  };
}

/**
 * Validates `input` against the tool's schema and runs it. Throws
 * AgentInputError (bad input) or AgentToolError (refused); hosts turn both
 * into an error answer and keep serving.
 */
export async function runTool(name: string, input: unknown, host: AgentHost): Promise<unknown> {
  const tool = findTool(name);
  checkInput(tool.inputSchema, input ?? {});
  const args = (input ?? {}) as Input;
  const state = await host.state();
  if (tool.read) return tool.read(args, state, host);
  const { edits, ...answer } = previewWrite(tool, args, state);
  if (edits.length) {
    const w = await host.write(state, { edits, summary: answer.summary });
    if (!w.ok) throw new AgentToolError(w.reason);
  }
  return answer;
}

/** The tool list as agents receive it (name, description, input schema). */
export function toolList(): { name: string; description: string; inputSchema: ObjectSchema }[] {
  return AGENT_TOOLS.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
}
