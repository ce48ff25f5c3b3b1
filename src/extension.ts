// Waymark's entry point, the activation bundle (dist/extension.js). Activation
// stays cheap: it only registers what VS Code must know from the start
// (commands, the two tree views, panel serializers, agent tools, commit-message
// completion) and loads the rest, the extension host bundle (src/vscode/host.ts,
// dist/extensionHost.js), on first use: a view asks for children, a command
// runs, a project.yml document is open, a panel is restored, an agent calls a
// tool, or the status bar takes its first look 2 s after activation.
import * as vscode from 'vscode';
import type { Host } from './vscode/host';
import type { PlanStore } from './vscode/planStore';
import type { PlanWriter } from './vscode/planWriter';
import type { ViewNode } from './vscode/tree/model';
import { COMMANDS, TEST_COMMANDS } from './vscode/commands';
import { LazyTree } from './vscode/tree/lazyTree';
import { isPlanUri } from './vscode/language/planUri';

/** Set by the bundle's first line (esbuild banner) so activation time includes module load. */
declare const __waymarkLoadStart: number | undefined;
declare const __waymarkCpuStart: NodeJS.CpuUsage | undefined;

// This thread's CPU time where Node has it (>= 23.9), else the process's (other threads count too).
const cpuUsage = (process as { threadCpuUsage?: (prev?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage ?? process.cpuUsage;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

// Module evaluation ends here: every import above has run. It is timed on its
// own because VS Code may keep a loaded module waiting (other extensions,
// auth providers) before it calls activate(), and that wait is not ours.
const moduleLoad = typeof __waymarkLoadStart === 'number'
  ? { ms: performance.now() - __waymarkLoadStart, cpuMs: typeof __waymarkCpuStart === 'object' ? cpuMs(cpuUsage.call(process, __waymarkCpuStart)) : undefined }
  : undefined;

/** The status bar shows the checked-out branch's task this long after activation (statusBar.ts). */
const STATUS_BAR_FIRST_LOOK_MS = 2000;

export interface WaymarkApi {
  /** Reading it loads the extension host bundle (the store itself still loads when asked: store.ready()). */
  readonly store: PlanStore;
  /** The one writer of project.yml (planWriter.ts), for tests and other extensions' tools. */
  readonly writer: PlanWriter;
  /** Module load + activate(), in milliseconds, as measured inside the extension host. */
  readonly activationMs: number;
  /** CPU time of the same two spans (the bench's load-independent figure); undefined without the banner. */
  readonly activationCpuMs?: number;
  /** The two parts: evaluating the bundle, and the activate() call. */
  readonly loadMs?: number;
  readonly activateMs: number;
  /** True when activate() itself had to load the host bundle (a project.yml was already open). */
  readonly hostLoadedInActivate: boolean;
}

export function activate(context: vscode.ExtensionContext): WaymarkApi {
  const started = performance.now();
  const cpuStarted = cpuUsage.call(process);
  const commandStubs: vscode.Disposable[] = [];
  let host: Host | undefined;
  let startError: unknown;
  // Synchronous, so nothing runs between dropping the command stubs and the host registering the real commands.
  const loadHost = (): Host => {
    if (host) return host;
    // A host that failed (or is still starting) is not started again: its registrations would clash.
    if (startError !== undefined) throw startError;
    startError = new Error('Waymark: the extension host bundle was asked for while it was starting');
    for (const stub of commandStubs.splice(0)) stub.dispose();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: dist/extensionHost.js (scripts/build.mjs)
      const { startHost } = require('./vscode/host') as typeof import('./vscode/host');
      const sinceActivation = performance.now() - started;
      host = startHost(context, { plan, myTasks, statusBarDelayMs: Math.max(0, STATUS_BAR_FIRST_LOOK_MS - sinceActivation) });
      return host;
    } catch (e) {
      startError = e;
      throw e;
    }
  };

  // The views: their first getChildren loads the host, which attaches the real providers (tree/index.ts).
  const plan = new LazyTree<ViewNode>('waymark.plan', { canSelectMany: true, showCollapseAll: true }, loadHost);
  const myTasks = new LazyTree<ViewNode>('waymark.myTasks', { canSelectMany: true }, loadHost);
  context.subscriptions.push(plan, myTasks);

  // Commands: a stub per id runs the real command once the host has registered it under the same id.
  for (const id of [...Object.values(COMMANDS), ...Object.values(TEST_COMMANDS)]) {
    commandStubs.push(vscode.commands.registerCommand(id, (...args: unknown[]) => {
      loadHost();
      return vscode.commands.executeCommand(id, ...args);
    }));
  }
  context.subscriptions.push({ dispose: () => { for (const stub of commandStubs) stub.dispose(); } });

  // Panels restored after a reload (package.json's onWebviewPanel:<viewType> activation events).
  const manifest = context.extension.packageJSON as { activationEvents?: string[]; contributes?: { languageModelTools?: { name: string }[] } };
  for (const event of manifest.activationEvents ?? []) {
    const viewType = /^onWebviewPanel:(.+)$/.exec(event)?.[1];
    if (!viewType) continue;
    context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(viewType, {
      deserializeWebviewPanel: (panel, state) => part(loadHost().serializers, viewType).deserializeWebviewPanel(panel, state),
    }));
  }

  // Agent tools (package.json languageModelTools). Hosts older than the stable API (1.95) have no vscode.lm.registerTool.
  if (typeof vscode.lm?.registerTool === 'function') {
    for (const { name } of manifest.contributes?.languageModelTools ?? []) {
      context.subscriptions.push(vscode.lm.registerTool<Record<string, unknown>>(name, {
        prepareInvocation: (options, token) => part(loadHost().tools, name).prepareInvocation?.(options, token),
        invoke: (options, token) => part(loadHost().tools, name).invoke(options, token),
      }));
    }
  }

  // Task ids and closing words in the Source Control input box.
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider({ scheme: 'vscode-scm' }, {
    provideCompletionItems: (doc, position, token, ctx) => loadHost().scmCompletion.provideCompletionItems(doc, position, token, ctx),
  }));

  // The language features (diagnostics, completion, hover...) register themselves once a project.yml is open.
  if (vscode.workspace.textDocuments.some((d) => isPlanUri(d.uri))) loadHost();
  else {
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isPlanUri(d.uri)) return;
      opened.dispose();
      loadHost();
    });
    context.subscriptions.push(opened);
  }
  const hostLoadedInActivate = host !== undefined;

  // The status bar's first look (statusBar.ts) needs the host.
  const firstLook = setTimeout(() => loadHost(), STATUS_BAR_FIRST_LOOK_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(firstLook) });

  const activateMs = performance.now() - started;
  const activateCpuMs = cpuMs(cpuUsage.call(process, cpuStarted));
  return {
    get store() { return loadHost().store; },
    get writer() { return loadHost().writer; },
    activationMs: (moduleLoad?.ms ?? 0) + activateMs,
    activationCpuMs: moduleLoad?.cpuMs !== undefined ? moduleLoad.cpuMs + activateCpuMs : undefined,
    loadMs: moduleLoad?.ms,
    activateMs,
    hostLoadedInActivate,
  };
}

/** The host's part registered under `key` at activation (a missing one is a bug: package.json and the host disagree). */
function part<T>(parts: ReadonlyMap<string, T>, key: string): T {
  const found = parts.get(key);
  if (!found) throw new Error(`Waymark: the extension host has nothing for ${key}`);
  return found;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
