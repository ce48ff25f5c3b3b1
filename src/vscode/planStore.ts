// One snapshot of the plan per workspace folder: the parsed project.yml, the
// history scan and the core's analysis. Loads lazily when a view first asks,
// refreshes on edits, file and repository changes. Finding the file
// (store/locate.ts), reading history (store/history.ts) and the settings
// (store/settings.ts) live beside it; edits are written by planWriter.ts,
// which hands the written text back through reloadWritten.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { IsoDate, Plan, Task } from '../core/model';
import { EDITOR_MAX_BYTES, decodeBytes, parsePlan, type ParsedPlan } from '../core/parse';
import { reparsePlan } from '../core/reparse';
import type { HistoryScan } from '../core/git/history';
import { PLAN_FILE_NAME, readPlanBytes, readPlanFile } from '../core/planFile';
import { foreignTopLevelKeys, notAPlanMessage } from '../core/planRecognition';
import { contentHash } from '../core/yamlUtil';
import type { ProgressResult } from '../core/progress';
import type { Schedule } from '../core/schedule';
import { analyzePlan, type PlanAnalysis } from '../core/analyze';
import { interactiveRuns } from '../core/forecast/monteCarlo';
import { localToday } from '../core/calendar';
import { findRepoRoot, updateHistory, type FolderHistory } from './store/history';
import { locatePlanFile } from './store/locate';
import { STORE_SETTINGS, earnedValueRule } from './store/settings';

export interface PlanSnapshot {
  readonly folder: vscode.WorkspaceFolder;
  readonly fileUri: vscode.Uri;
  readonly parsed: ParsedPlan;
  readonly plan?: Plan;
  readonly history?: HistoryScan;
  readonly historyNote?: string;
  /** Every figure of the plan for `today` (undefined when the plan does not parse). */
  readonly analysis?: PlanAnalysis;
  /** `analysis.progress`, `analysis.schedule`. */
  readonly progress?: ProgressResult;
  readonly schedule?: Schedule;
  readonly today: IsoDate;
}

const EDIT_DEBOUNCE_MS = 300;
const REPO_DEBOUNCE_MS = 500;

/** `snapshots` with `preferred` (when given) moved to, or put at, the front. */
export function preferredFirst(preferred: PlanSnapshot | undefined, snapshots: readonly PlanSnapshot[]): readonly PlanSnapshot[] {
  return preferred ? [preferred, ...snapshots.filter((s) => s !== preferred)] : snapshots;
}

interface FolderState extends FolderHistory {
  snapshot?: PlanSnapshot;
  /** Bumped on every load so that a slow, stale load never overwrites a newer one. */
  generation: number;
  /** The newest load; a superseded load waits for it, so callers see the newest snapshot. */
  latest?: Promise<void>;
  repoWatcher?: vscode.Disposable;
  /** The folder's project.yml belongs to another tool (XcodeGen...): no plan, and the welcome view says why. */
  foreign?: boolean;
  /** Why the folder's project.yml was refused (not a regular file, unreadable), until it can be read again. */
  unreadable?: string;
}

export class PlanStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PlanSnapshot>();
  readonly onDidChange = this.emitter.event;
  private readonly dropEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** A folder's plan went away: its file was deleted, refused, or now belongs to another tool (planRecognition.ts). */
  readonly onDidDropPlan = this.dropEmitter.event;
  readonly storageUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;

  private readonly folders = new Map<string, FolderState>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private loading?: Promise<void>;
  /** The context keys last sent, so a reload that changes nothing sends nothing. */
  private contextKeys?: string;

  constructor(context: vscode.ExtensionContext) {
    this.storageUri = context.globalStorageUri;
    this.log = vscode.window.createOutputChannel('Waymark', { log: true });
    this.disposables.push(this.emitter, this.dropEmitter, this.log);
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** Loads every plan once; views and commands await it before reading. */
  ready(): Promise<void> {
    if (!this.loading) {
      this.startWatching();
      this.loading = this.loadAll();
    }
    return this.loading;
  }

  all(): readonly PlanSnapshot[] {
    const list: PlanSnapshot[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const s = this.folders.get(folder.uri.toString())?.snapshot;
      if (s) list.push(s);
    }
    return list;
  }

  /** Folders whose project.yml exists but was refused, with the reason (the views say so). */
  unreadable(): { folder: vscode.WorkspaceFolder; reason: string }[] {
    return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
      const reason = this.folders.get(folder.uri.toString())?.unreadable;
      return reason ? [{ folder, reason }] : [];
    });
  }

  /** The plan of the workspace folder whose URI string is `key`. */
  forFolderKey(key: string): PlanSnapshot | undefined {
    return this.all().find((s) => s.folder.uri.toString() === key);
  }

  /** The plan that owns a file (or folder); default: the active editor's, else the first. */
  forUri(uri?: vscode.Uri): PlanSnapshot | undefined {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (target) {
      const folder = vscode.workspace.getWorkspaceFolder(target);
      const s = folder && this.folders.get(folder.uri.toString())?.snapshot;
      if (s) return s;
    }
    return this.all()[0];
  }

  findTask(taskId: string, uri?: vscode.Uri): { snapshot: PlanSnapshot; task: Task } | undefined {
    const preferred = uri ? this.forUri(uri) : undefined;
    const order = preferredFirst(preferred, this.all());
    for (const snapshot of order) {
      const item = snapshot.plan?.byId.get(taskId);
      if (item && item.kind === 'task') return { snapshot, task: item };
    }
    return undefined;
  }

  /** Re-reads every plan and rescans history (incrementally, from the cache). */
  async refresh(): Promise<void> {
    if (!this.loading) return this.ready();
    for (const state of this.folders.values()) state.historyFor = undefined;
    return this.reloadAll();
  }

  /** Re-reads every plan; history is rescanned only where its key changed. */
  private reloadAll(): Promise<void> {
    this.loading = this.loadAll();
    return this.loading;
  }

  /** Re-reads one folder's plan from its file (after a refused edit). */
  reload(folder: vscode.WorkspaceFolder): Promise<void> {
    return this.reloadFolder(folder);
  }

  /**
   * Takes in `text` that Waymark just wrote to the folder's plan (planWriter);
   * settles once the store holds it (or a newer snapshot).
   */
  reloadWritten(folder: vscode.WorkspaceFolder, text: string, fromDocument: boolean): Promise<void> {
    // A WorkspaceEdit also scheduled a reload from onDidChangeTextDocument; this one covers it.
    if (fromDocument) this.cancelDebounce(`doc:${folder.uri}`);
    return this.reloadFolder(folder, text);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.folders.values()) s.repoWatcher?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  // --- loading ---------------------------------------------------------------

  private async loadAll(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const live = new Set(folders.map((f) => f.uri.toString()));
    for (const [key, state] of this.folders) {
      if (!live.has(key)) { state.repoWatcher?.dispose(); this.folders.delete(key); }
    }
    await Promise.all(folders.map((f) => this.reloadFolder(f)));
    this.updateContextKeys();
  }

  /**
   * The plan as the editor or the disk holds it. On disk, through the core
   * reader: only a regular file (a committed `project.yml -> /dev/zero` or a
   * FIFO is refused at once), and nothing beyond EDITOR_MAX_BYTES is read or
   * parsed, so the extension host is never held up for long.
   */
  private async readParsed(uri: vscode.Uri): Promise<ParsedPlan> {
    // reparse: the next change of the editor's text is reparsed from this parse.
    const options = { maxBytes: EDITOR_MAX_BYTES, reparse: true };
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return parsePlan(open.getText(), options);
    if (uri.scheme === 'file') return readPlanFile(uri.fsPath, options);
    return parsePlan(await vscode.workspace.fs.readFile(uri), options);
  }

  private state(folder: vscode.WorkspaceFolder): FolderState {
    const key = folder.uri.toString();
    let s = this.folders.get(key);
    if (!s) { s = { generation: 0 }; this.folders.set(key, s); }
    return s;
  }

  /** Reparses one folder's plan (from `text` when given) and recomputes what depends on it. */
  private reloadFolder(folder: vscode.WorkspaceFolder, text?: string): Promise<void> {
    const state = this.state(folder);
    const load = this.load(folder, state, ++state.generation, text);
    state.latest = load;
    return load;
  }

  private async load(folder: vscode.WorkspaceFolder, state: FolderState, generation: number, text?: string): Promise<void> {
    const superseded = () => generation !== state.generation;
    const started = Date.now();
    const fileUri = state.snapshot?.fileUri ?? (await locatePlanFile(folder, this.log));
    if (!fileUri) {
      state.snapshot = undefined;
      state.foreign = false;
      this.updateContextKeys();
      return;
    }
    let parsed: ParsedPlan;
    try {
      // Text from the editor: from the snapshot's parse, re-reading only the task an edit falls in (core/reparse.ts).
      parsed = text !== undefined ? reparsePlan(state.snapshot?.parsed, text, { maxBytes: EDITOR_MAX_BYTES }) : await this.readParsed(fileUri);
    } catch (e) {
      // Refused (a FIFO, a device, a directory) or gone between the look-up and the read.
      const reason = (e as Error).message;
      this.log.warn(`could not read ${fileUri.fsPath}: ${reason}`);
      if (!superseded()) {
        const refused = existsSync(fileUri.fsPath); // else it was deleted: nothing to report
        if (refused && state.unreadable !== reason) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Waymark cannot show the plan of {0}: {1}', folder.name, reason));
        }
        state.unreadable = refused ? reason : undefined;
        const had = state.snapshot !== undefined;
        state.snapshot = undefined;
        state.foreign = false;
        this.updateContextKeys();
        if (had) this.dropEmitter.fire(fileUri);
      }
      return;
    }
    state.unreadable = undefined;
    if (superseded()) return state.latest;
    const foreign = foreignTopLevelKeys(parsed);
    state.foreign = foreign !== undefined;
    if (foreign) {
      this.log.info(notAPlanMessage(vscode.workspace.asRelativePath(fileUri), foreign));
      state.snapshot = undefined;
      this.updateContextKeys();
      this.dropEmitter.fire(fileUri);
      return;
    }
    const today = localToday();
    if (parsed.plan) await updateHistory(this, folder, state, fileUri, parsed.plan);
    if (superseded()) return state.latest;
    const snapshot = this.compute(folder, fileUri, parsed, state, today);
    state.snapshot = snapshot;
    this.log.info(`${folder.name}: ${vscode.workspace.asRelativePath(fileUri)} ${snapshot.plan ? `${snapshot.plan.tasks.length} tasks` : 'does not parse'}, loaded in ${Date.now() - started} ms`);
    this.watchRepository(folder, state, fileUri);
    this.updateContextKeys();
    this.emitter.fire(snapshot);
  }

  private compute(folder: vscode.WorkspaceFolder, fileUri: vscode.Uri, parsed: ParsedPlan, state: FolderState, today: IsoDate): PlanSnapshot {
    const plan = parsed.plan;
    let analysis: PlanAnalysis | undefined;
    if (plan) {
      try {
        // The forecast (and the health that reads it) is computed when a view first asks, with runs bounded on big plans.
        analysis = analyzePlan(plan, state.history, {
          today, rule: earnedValueRule(folder), positionAt: (o) => parsed.positionAt(o), planRevisions: state.planRevisions,
          forecastRuns: interactiveRuns(plan.tasks.length),
        });
      } catch (e) {
        this.log.error(`computing progress and schedule failed: ${(e as Error).stack ?? e}`);
      }
    }
    return {
      folder, fileUri, parsed, plan, history: state.history, historyNote: state.historyNote,
      analysis, progress: analysis?.progress, schedule: analysis?.schedule, today,
    };
  }

  // --- watching --------------------------------------------------------------

  private startWatching(): void {
    const planWatcher = vscode.workspace.createFileSystemWatcher(`**/${PLAN_FILE_NAME}`);
    const onFile = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) return;
      const state = this.state(folder);
      // A new or deleted file can change which project.yml the folder uses.
      if (state.snapshot && state.snapshot.fileUri.toString() !== uri.toString()) return;
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) return;
      this.debounce(`file:${folder.uri}`, EDIT_DEBOUNCE_MS, async () => {
        if (!existsSync(uri.fsPath)) {
          const had = state.snapshot !== undefined;
          state.snapshot = undefined;
          await this.reloadFolder(folder);
          // No other project.yml took its place: the views drop its rows and problems.
          if (had && !state.snapshot) this.dropEmitter.fire(uri);
          return;
        }
        // Our own writes (and saves of text we already parsed) come back as change events.
        const onDisk = await readPlanBytes(uri.fsPath, EDITOR_MAX_BYTES).catch(() => undefined);
        if (state.snapshot && onDisk && 'bytes' in onDisk && contentHash(decodeBytes(onDisk.bytes).text) === state.snapshot.parsed.version) return;
        return this.reloadFolder(folder);
      });
    };
    this.disposables.push(
      planWatcher,
      planWatcher.onDidChange(onFile),
      planWatcher.onDidCreate(onFile),
      planWatcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const snap = this.forOpenPlan(e.document);
        if (!snap || e.contentChanges.length === 0) return;
        this.debounce(`doc:${snap.folder.uri}`, EDIT_DEBOUNCE_MS, () => this.reloadFolder(snap.folder, e.document.getText()));
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The history key holds defaultBranch and closingWords, so a change to them still rescans.
        if (STORE_SETTINGS.some((k) => e.affectsConfiguration(`waymark.${k}`))) void this.reloadAll();
      }),
    );
  }

  private forOpenPlan(doc: vscode.TextDocument): PlanSnapshot | undefined {
    for (const state of this.folders.values()) {
      if (state.snapshot?.fileUri.toString() === doc.uri.toString()) return state.snapshot;
    }
    return undefined;
  }

  /** Rescans history when HEAD or any ref moves (commits, checkouts, fetches, rebases). */
  private watchRepository(folder: vscode.WorkspaceFolder, state: FolderState, fileUri: vscode.Uri): void {
    if (state.repoWatcher || !this.trusted || fileUri.scheme !== 'file') return;
    const repoDir = findRepoRoot(path.dirname(fileUri.fsPath));
    if (!repoDir) return;
    const gitDir = path.join(repoDir, '.git');
    // A worktree's .git is a file pointing elsewhere; watching it still catches HEAD moves of the main tree.
    if (!statSync(gitDir).isDirectory()) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(gitDir), '{HEAD,packed-refs,refs/**}'));
    const onRef = () => this.debounce(`repo:${folder.uri}`, REPO_DEBOUNCE_MS, () => {
      state.historyFor = undefined;
      return this.reloadFolder(folder);
    });
    state.repoWatcher = vscode.Disposable.from(watcher, watcher.onDidChange(onRef), watcher.onDidCreate(onRef), watcher.onDidDelete(onRef));
  }

  private cancelDebounce(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
  }

  private debounce(key: string, ms: number, run: () => Promise<void>): void {
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run().catch((e) => this.log.error(`refresh failed: ${(e as Error).stack ?? e}`));
    }, ms));
  }

  private updateContextKeys(): void {
    const snapshots = this.all();
    const hasProject = snapshots.some((s) => s.plan);
    const invalid = !hasProject && snapshots.some((s) => !s.parsed.syntaxOk || !s.plan);
    const unreadable = !hasProject && !invalid && this.unreadable().length > 0;
    const foreign = !hasProject && !invalid && !unreadable && [...this.folders.values()].some((s) => s.foreign);
    const keys = `hasProject=${hasProject} planInvalid=${invalid} planUnreadable=${unreadable} otherToolsFile=${foreign}`;
    if (keys === this.contextKeys) return;
    this.contextKeys = keys;
    this.log.info(`context: ${keys} (${snapshots.length} plan(s))`);
    void vscode.commands.executeCommand('setContext', 'waymark.hasProject', hasProject);
    void vscode.commands.executeCommand('setContext', 'waymark.planInvalid', invalid);
    void vscode.commands.executeCommand('setContext', 'waymark.planUnreadable', unreadable);
    void vscode.commands.executeCommand('setContext', 'waymark.otherToolsFile', foreign);
    // Until the first load (lazy: when a view or command first asks), and before activation, this key is
    // unset: the palette offers the plan's commands meanwhile (`!waymark.planLoaded`; running one loads it).
    void vscode.commands.executeCommand('setContext', 'waymark.planLoaded', true);
  }
}

