// The agent tools (src/core/agent) as VS Code language-model tools, so agent
// mode can use them without an MCP server. Answers come from the plan store's
// snapshot; writes show their diff in a confirmation (prepareInvocation), go
// through the one writer, planWriter.ts (WorkspaceEdit when open: one undo step) and
// are refused in an untrusted workspace.
import * as vscode from 'vscode';
import { agentState, type AgentHost, type AgentPlanState, type AgentWriteResult } from '../core/agent/host';
import { AgentInputError } from '../core/agent/schema';
import { AGENT_TOOLS, AgentToolError, previewWrite, runTool, type AgentTool } from '../core/agent/tools';
import { applyTextEdits } from '../core/edit';
import type { TextEdit } from '../core/model';
import type { PlanSnapshot, PlanStore } from './planStore';
import type { PlanWriter } from './planWriter';
import { folderKeyOf } from './tree/sources';
import { readUserEmail, repoDirOf } from './startWork';

/** Contributed names carry the extension's prefix (package.json languageModelTools). */
export const LM_TOOL_PREFIX = 'waymark_';

const UNTRUSTED = 'Waymark changes project.yml from agent tools only in a trusted workspace.';

/** The tools by contributed name; src/extension.ts registers them (vscode.lm.registerTool) at activation. */
export function languageModelTools(writer: PlanWriter): ReadonlyMap<string, vscode.LanguageModelTool<Input>> {
  const host = new StoreHost(writer);
  return new Map(AGENT_TOOLS.map((tool) => [`${LM_TOOL_PREFIX}${tool.name}`, new WaymarkTool(tool, host)]));
}

type Input = Record<string, unknown>;

class WaymarkTool implements vscode.LanguageModelTool<Input> {
  constructor(private readonly tool: AgentTool, private readonly host: StoreHost) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<Input>): Promise<vscode.PreparedToolInvocation> {
    if (!this.tool.edit) return { invocationMessage: `Waymark: ${this.tool.name.replace(/_/g, ' ')}` };
    if (!vscode.workspace.isTrusted) return { invocationMessage: UNTRUSTED };
    let preview;
    try {
      preview = previewWrite(this.tool, options.input ?? {}, await this.host.state());
    } catch {
      // invoke() reports the refusal to the model; nothing to confirm.
      return { invocationMessage: `Waymark: ${this.tool.name.replace(/_/g, ' ')}` };
    }
    const message = new vscode.MarkdownString(`Waymark will change project.yml:\n\n${fenced(preview.diff || '(no change)', 'diff')}`);
    return { invocationMessage: preview.summary, confirmationMessages: { title: vscode.l10n.t('Change project.yml: {0}', preview.summary), message } };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<Input>): Promise<vscode.LanguageModelToolResult> {
    if (this.tool.edit && !vscode.workspace.isTrusted) throw new Error(UNTRUSTED);
    try {
      const answer = await runTool(this.tool.name, options.input ?? {}, this.host);
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(answer))]);
    } catch (e) {
      // VS Code hands a thrown error's message to the model: make it the refusal itself.
      if (e instanceof AgentInputError || e instanceof AgentToolError) throw new Error(e.message, { cause: e });
      throw e;
    }
  }
}

/** A Markdown code block whose fence no backtick run in `text` (plan text is data) can close. */
function fenced(text: string, lang: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** The agent host over the plan store: the active editor's plan, else the first folder's. */
class StoreHost implements AgentHost {
  private readonly states = new WeakMap<PlanSnapshot, AgentPlanState>();
  private readonly snapshots = new WeakMap<AgentPlanState, PlanSnapshot>();

  private readonly store: PlanStore;

  constructor(private readonly writer: PlanWriter) {
    this.store = writer.store;
  }

  async state(): Promise<AgentPlanState> {
    await this.store.ready();
    const snapshot = this.store.forUri();
    if (!snapshot) throw new AgentToolError('There is no project.yml in this workspace.');
    let state = this.states.get(snapshot);
    if (!state) {
      state = stateOf(snapshot);
      this.states.set(snapshot, state);
      this.snapshots.set(state, snapshot);
    }
    return state;
  }

  async userEmail(): Promise<string | undefined> {
    const snapshot = this.store.forUri();
    const dir = snapshot && repoDirOf(snapshot);
    return dir ? readUserEmail(dir) : undefined;
  }

  async write(state: AgentPlanState, change: { edits: readonly TextEdit[]; summary: string }): Promise<AgentWriteResult> {
    if (!vscode.workspace.isTrusted) return { ok: false, reason: UNTRUSTED };
    const snapshot = this.snapshots.get(state);
    if (!snapshot) return { ok: false, reason: 'project.yml changed since Waymark read it; try again.' };
    const edits = [...change.edits];
    const outcome = await this.writer.apply(folderKeyOf(snapshot), (parsed) => (parsed.version === snapshot.parsed.version
      ? { ok: true, edits, text: applyTextEdits(parsed.text, edits), summary: change.summary, warnings: [] }
      : { ok: false, reason: 'project.yml changed since Waymark read it; try again.' }), { label: 'language-model tool' });
    return outcome.applied ? { ok: true } : { ok: false, reason: outcome.reason };
  }
}

function stateOf(s: PlanSnapshot): AgentPlanState {
  const usable = s.parsed.syntaxOk ? s.analysis : undefined;
  return agentState(s.fileUri.fsPath, s.parsed, s.today, usable, s.history ? undefined : s.historyNote);
}
