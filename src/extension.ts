// Waymark's entry point. Activation stays cheap: it only registers features.
// The plan store parses project.yml and reads git when a view first asks.
import * as vscode from 'vscode';
import { PlanStore } from './vscode/planStore';
import { registerProjectScaffold } from './vscode/createProject';
// --- feature imports (one line per feature module) ---
import { registerLanguageFeatures } from './vscode/language';
import { registerViews } from './vscode/tree';
import { registerActions } from './vscode/actions';
import { registerGantt } from './vscode/gantt';
import { registerReports } from './vscode/reports';
// --- end feature imports ---

/** Set by the bundle's first line (esbuild banner) so activation time includes module load. */
declare const __waymarkLoadStart: number | undefined;
declare const __waymarkCpuStart: NodeJS.CpuUsage | undefined;

export interface WaymarkApi {
  readonly store: PlanStore;
  /** Module load + activate(), in milliseconds, as measured inside the extension host. */
  readonly activationMs: number;
  /** CPU time of the same span (the bench's load-independent figure); undefined without the banner. */
  readonly activationCpuMs?: number;
}

export function activate(context: vscode.ExtensionContext): WaymarkApi {
  const started = typeof __waymarkLoadStart === 'number' ? __waymarkLoadStart : performance.now();
  const store = new PlanStore(context);
  context.subscriptions.push(store);
  registerProjectScaffold(context, store);
  context.subscriptions.push(vscode.commands.registerCommand('waymark.refresh', () => store.refresh()));
  // --- feature registrations (one line per feature module) ---
  registerLanguageFeatures(context, store);
  registerViews(context, store);
  registerActions(context, store);
  registerGantt(context, store);
  registerReports(context, store);
  // --- end feature registrations ---
  // This thread's CPU time where Node has it (>= 23.9), else the process's (other threads count too).
  const cpuUsage = (process as { threadCpuUsage?: (prev?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage ?? process.cpuUsage;
  const cpu = typeof __waymarkCpuStart === 'object' ? cpuUsage.call(process, __waymarkCpuStart) : undefined;
  return { store, activationMs: performance.now() - started, activationCpuMs: cpu && (cpu.user + cpu.system) / 1000 };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
