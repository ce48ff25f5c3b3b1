// Which documents are Waymark plans, and their parse for the language
// features: one parse + id index per document version, shared by
// diagnostics, completion, hover, navigation, quick fixes and CodeLens, so a
// keystroke costs at most one parse however many providers ask. Each parse
// starts from the previous version's (reparsePlan), so typing in a task of a
// big plan re-reads that task, not the file.
import * as vscode from 'vscode';
import { EDITOR_MAX_BYTES, type ParsedPlan } from '../../core/parse';
import { reparsePlan } from '../../core/reparse';
import { documentOf } from '../../core/syntaxTree';
import { isWaymarkPlan } from '../../core/planRecognition';
import type { Plan } from '../../core/model';
import type { PlanSnapshot, PlanStore } from '../planStore';
import { buildIdIndex, type IdIndex } from './idIndex';
import { PLAN_FILE_NAME, PLAN_SCHEMES, isPlanUri } from './planUri';

export { PLAN_FILE_NAME, isPlanUri };

/** Files the features apply to; language `yaml` is what VS Code assigns to .yml. */
export const PLAN_SELECTOR: vscode.DocumentSelector = PLAN_SCHEMES.map((scheme) => ({ language: 'yaml', pattern: `**/${PLAN_FILE_NAME}`, scheme }));

/** A top-level key a Waymark plan has: a cheap first look before parsing (planRecognition.ts decides). */
const PLAN_MARKER = /^(version|milestones|backlog)\s*:/m;

export interface PlanDoc {
  readonly version: number;
  readonly parsed: ParsedPlan;
  /** Lazily built on first use (navigation, hover, related information). */
  readonly index: IdIndex;
  /** This version's plan, else the last one that built (for titles while the file is mid-edit). */
  readonly lastPlan?: Plan;
}

export class PlanDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; doc: PlanDoc }>();
  private readonly lastPlans = new Map<string, Plan>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly store: PlanStore) {
    this.sub = vscode.workspace.onDidCloseTextDocument((d) => {
      this.cache.delete(d.uri.toString());
      this.lastPlans.delete(d.uri.toString());
    });
  }

  /**
   * True for a project.yml that is the store's plan or looks like one and is
   * not another tool's file (XcodeGen's spec, for one). Judged on the latest
   * parse when there is one (completion asks on every keystroke); the
   * debounced diagnostics pass asks for the current text (`current`), which
   * keeps that parse fresh.
   */
  isPlan(doc: vscode.TextDocument, current = false): boolean {
    if (!isPlanUri(doc.uri)) return false;
    if (!this.snapshotFor(doc.uri) && !PLAN_MARKER.test(doc.getText())) return false;
    return isWaymarkPlan(((current ? undefined : this.latest(doc)) ?? this.get(doc)).parsed);
  }

  /** The parse of the document's current text (cached per version). */
  get(doc: vscode.TextDocument): PlanDoc {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.doc;
    // From the last version's parse: a keystroke re-reads only the task it falls in (core/reparse.ts).
    const parsed = reparsePlan(hit?.doc.parsed, doc.getText(), { maxBytes: EDITOR_MAX_BYTES });
    if (parsed.plan) this.lastPlans.set(key, parsed.plan);
    let index: IdIndex | undefined;
    const planDoc: PlanDoc = {
      version: doc.version,
      parsed,
      get index() {
        index ??= buildIdIndex(parsed.text, documentOf(parsed));
        return index;
      },
      lastPlan: parsed.plan ?? this.lastPlans.get(key),
    };
    this.cache.set(key, { version: doc.version, doc: planDoc });
    return planDoc;
  }

  /**
   * The most recent parse of the document without parsing now (completion runs on every
   * keystroke; the debounced diagnostics pass keeps this fresh). Undefined before the first.
   */
  latest(doc: vscode.TextDocument): PlanDoc | undefined {
    return this.cache.get(doc.uri.toString())?.doc;
  }

  /** The store's snapshot whose plan file is `uri`, if the store owns it. */
  snapshotFor(uri: vscode.Uri): PlanSnapshot | undefined {
    const key = uri.toString();
    return this.store.all().find((s) => s.fileUri.toString() === key);
  }

  dispose(): void {
    this.sub.dispose();
    this.cache.clear();
    this.lastPlans.clear();
  }
}

/** vscode.Range of a span of the document's text (offsets into the parsed text, which is the document's). */
export function spanRange(doc: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(doc.positionAt(start), doc.positionAt(end));
}
