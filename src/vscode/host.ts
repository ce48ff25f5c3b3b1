// The extension host's heavy part, bundled on its own (dist/extensionHost.js):
// the plan store, the writer, git, the analysis, the views' providers, the
// language features, the Gantt and board hosts, reports and agent tools.
// src/extension.ts (dist/extension.js, what activation loads) require()s it
// on first use: a view asks for children, a command runs, a project.yml
// document opens, a panel is restored, an agent calls a tool, or the status
// bar's first look 2 s after activation.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { PlanStore } from './planStore';
import { PlanWriter } from './planWriter';
import { registerProjectScaffold } from './createProject';
import { COMMANDS } from './commands';
import { useDisplayLanguage } from './displayLanguage';
// --- feature imports (one line per feature module) ---
import { registerLanguageFeatures } from './language';
import { registerViews, type ViewsAtActivation } from './tree';
import { registerActions } from './actions';
import { registerGantt } from './gantt';
import { registerBoard } from './board';
import { VIEW_TYPE as GANTT_VIEW_TYPE } from './gantt/panel';
import { VIEW_TYPE as BOARD_VIEW_TYPE } from './board/panel';
import { registerReports } from './reports';
import { registerSprintBurndown } from './sprintBurndown';
import { languageModelTools } from './lmTools';
import { scmCompletion } from './scmCompletion';
import { registerDocs } from './docs';
import { registerWalkthroughProgress } from './walkthrough';
// --- end feature imports ---

/** What activation registered on the host's behalf, and asks it for. */
export interface Host {
  readonly store: PlanStore;
  readonly writer: PlanWriter;
  /** The webview panels' serializers, by view type. */
  readonly serializers: ReadonlyMap<string, vscode.WebviewPanelSerializer>;
  /** The agent tools, by contributed name (package.json languageModelTools). */
  readonly tools: ReadonlyMap<string, vscode.LanguageModelTool<Record<string, unknown>>>;
  /** Task ids and closing words in the Source Control input box. */
  readonly scmCompletion: vscode.CompletionItemProvider;
}

/** Registers every command and feature; views, panels, tools and SCM completion through what activation made. */
export function startHost(context: vscode.ExtensionContext, views: ViewsAtActivation): Host {
  // The view models and hover texts (no `vscode` import, so plain mocha tests them) translate with
  // @vscode/l10n: hand it the bundle VS Code loaded for the display language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  useDisplayLanguage(vscode.env.language);
  const store = new PlanStore(context);
  const writer = new PlanWriter(store);
  context.subscriptions.push(store, writer);
  registerProjectScaffold(context, store);
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.refresh, () => store.refresh()));
  // --- feature registrations (one line per feature module) ---
  registerLanguageFeatures(context, store);
  registerViews(context, writer, views);
  registerActions(context, writer);
  const serializers = new Map([[GANTT_VIEW_TYPE, registerGantt(context, writer)], [BOARD_VIEW_TYPE, registerBoard(context, writer)]]);
  registerReports(context, store);
  registerSprintBurndown(context, store);
  registerDocs(context);
  registerWalkthroughProgress(context, store);
  // --- end feature registrations ---
  return { store, writer, serializers, tools: languageModelTools(writer), scmCompletion: scmCompletion(store) };
}
