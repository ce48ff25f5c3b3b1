// What the agent tools need from the program that serves them: the plan as it
// is now, the git user, and the one writer for project.yml. The MCP server
// (src/mcp) reads files and git itself; the extension (src/vscode/lmTools.ts)
// answers from its plan store and writes through its WorkspaceEdit writer.
import type { PlanAnalysis } from '../analyze';
import type { HistoryScan } from '../git/history';
import type { Diagnostic, IsoDate, Plan, TextEdit } from '../model';
import type { ParsedPlan } from '../parse';
import type { ProgressResult } from '../progress';
import { buildStatus, type StatusJson } from '../report/status';
import type { Schedule } from '../schedule';

/** The plan and every figure computed from it, at one moment. */
export interface AgentPlanState {
  /** project.yml, absolute. */
  readonly path: string;
  readonly file: ParsedPlan;
  readonly today: IsoDate;
  /** Undefined when project.yml does not parse (only validate_plan answers then). */
  readonly analysis?: AgentAnalysis;
  /** Problems beyond the file's own: schedule diagnostics (missed deadlines, ...). */
  readonly extraDiagnostics?: readonly Diagnostic[];
}

export interface AgentAnalysis {
  readonly plan: Plan;
  /** Undefined when git was not read; `gitNote` says why. */
  readonly history?: HistoryScan;
  readonly gitNote?: string;
  readonly progress: ProgressResult;
  readonly schedule: Schedule;
  /** Every figure, each computed on first read (analyze.ts): a tool pays only for what it returns. */
  readonly figures: PlanAnalysis;
  /**
   * The `waymark status --json` object (docs/status-json.md), built on first
   * read: it holds the Monte Carlo forecast (1,000 schedules), so only the
   * tools that show the forecast read it.
   */
  readonly status: StatusJson;
}

export type AgentWriteResult = { ok: true } | { ok: false; reason: string };

export interface AgentHost {
  /** The plan now: re-read when project.yml or the repository changed since the last call. */
  state(): Promise<AgentPlanState>;
  /** `git config user.email` of the workspace's repository; undefined when unknown or git may not run. */
  userEmail(): Promise<string | undefined>;
  /**
   * Applies the edits (computed from `state.file`) to project.yml through the
   * host's one writer; refused when the file changed since `state` was read.
   */
  write(state: AgentPlanState, change: { edits: readonly TextEdit[]; summary: string }): Promise<AgentWriteResult>;
}

/** The state of a plan file and, when it parses, its analysis (git not read: `gitNote` says why). */
export function agentState(path: string, file: ParsedPlan, today: IsoDate, analysis?: PlanAnalysis, gitNote?: string): AgentPlanState {
  if (!analysis) return { path, file, today };
  const { plan, history, progress, schedule } = analysis;
  let status: StatusJson | undefined;
  return {
    path, file, today,
    analysis: { plan, history, gitNote, progress, schedule, figures: analysis, get status() { return (status ??= buildStatus({ analysis, gitNote })); } },
    get extraDiagnostics() { return analysis.diagnostics; },
  };
}
