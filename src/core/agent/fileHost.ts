// The agent host for a program that reads project.yml and git itself (the
// MCP server): the plan and its figures are recomputed only when the file's
// bytes or the repository's refs changed since the last call, so a client can
// call tools in a loop and always see the current plan at little cost.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { localToday } from '../calendar';
import { scanHistory, type HistoryScan } from '../git/history';
import { readRepoState } from '../git/repo';
import { GitError, runGit } from '../git/run';
import type { EarnedValueRule, IsoDate, TextEdit } from '../model';
import { parsePlan } from '../parse';
import { writeIfUnchanged } from '../planFile';
import { sprintRevisionsBeside } from '../git/sprintRevisions';
import { analyzePlan } from '../analyze';
import { agentState, type AgentHost, type AgentPlanState, type AgentWriteResult } from './host';
import { AgentToolError } from './tools';

export interface FileHostOptions {
  /** project.yml, absolute. */
  readonly planPath: string;
  /** The repository folder to read history from. */
  readonly repoDir: string;
  /** Fixed date (tests, reproducible answers); else the local date at each call. */
  readonly today?: IsoDate;
  readonly rule?: EarnedValueRule;
  /** Where the history cache lives, given the git directory; no cache when absent. */
  readonly cacheFile?: (gitDir: string) => string;
}

export class FileAgentHost implements AgentHost {
  private cached?: { key: string; state: AgentPlanState };

  constructor(private readonly options: FileHostOptions) {}

  async state(): Promise<AgentPlanState> {
    const { planPath, repoDir } = this.options;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(planPath);
    } catch (e) {
      throw new AgentToolError(`${planPath}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    const today = this.options.today ?? localToday();
    const key = `${createHash('sha1').update(bytes).digest('hex')}|${await refsKey(repoDir)}|${today}`;
    if (this.cached?.key === key) return this.cached.state;
    const file = parsePlan(bytes);
    let state = agentState(planPath, file, today);
    if (file.plan && file.syntaxOk) {
      const plan = file.plan;
      let history: HistoryScan | undefined;
      let gitNote: string | undefined;
      const revisionsRead = sprintRevisionsBeside(repoDir, planPath, plan, today);
      try {
        history = await scanHistory(repoDir, plan, { cacheFile: this.options.cacheFile });
      } catch (e) {
        if (!(e instanceof GitError)) throw e;
        gitNote = `${e.message}; showing declared statuses only`;
      }
      const planRevisions = history ? await revisionsRead : undefined;
      const analysis = analyzePlan(plan, history, { today, rule: this.options.rule, positionAt: (o) => file.positionAt(o), planRevisions });
      state = agentState(planPath, file, today, analysis, gitNote);
    }
    this.cached = { key, state };
    return state;
  }

  async userEmail(): Promise<string | undefined> {
    try {
      const r = await runGit(this.options.repoDir, ['config', '--get', 'user.email'], { okCodes: [1] });
      return r.stdout.toString('utf8').trim().toLowerCase() || undefined;
    } catch {
      return undefined;
    }
  }

  async write(state: AgentPlanState, change: { edits: readonly TextEdit[] }): Promise<AgentWriteResult> {
    const r = await writeIfUnchanged(state.path, state.file.version, change.edits);
    this.cached = undefined;
    return r.ok ? { ok: true } : r;
  }
}

/** HEAD and every branch tip: a new commit, checkout, fetch or rebase changes it. */
async function refsKey(repoDir: string): Promise<string> {
  try {
    const s = await readRepoState(repoDir);
    return `${s.head ?? ''}:${[...s.branches, ...s.remoteBranches].map(([n, sha]) => `${n}=${sha}`).join(',')}`;
  } catch (e) {
    if (e instanceof GitError) return `no-git:${e.kind}`;
    throw e;
  }
}
