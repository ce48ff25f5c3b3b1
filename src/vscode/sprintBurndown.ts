// Waymark: Show Sprint Burndown. The sprint's chart (report/sprintSection.ts)
// in a webview panel, in the editor's theme colours: the SVG's fixed
// mid-tone colours are mapped to VS Code's theme variables by a stylesheet,
// so the chart follows light, dark and high-contrast themes without a script.
// Under it, the figures as text. One panel, redrawn when the plan changes.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { SprintReport } from '../core/sprint';
import { currentSprint, sprintBurndownSvg, sprintSentence } from '../core/report/sprintSection';
import { CHART_COLORS } from '../core/report/svg';
import { escapeXml } from '../protocol/xml';
import type { PlanSnapshot, PlanStore } from './planStore';
import { isViewNode } from './actions/targets';
import { folderKeyOf } from './tree/sources';
import { COMMANDS } from './commands';

/** What the command returns (tests): the sprint shown and the panel's HTML. */
export interface SprintBurndownResult {
  readonly sprintId: string;
  readonly html: string;
}

/**
 * Chart colour -> theme variable (the SVG's attributes stay as the fallback).
 * The scope band keeps the SVG's mid-tone orange: the themes' charts-orange is
 * translucent in VS Code's default themes (rgba(234, 92, 0, 0.33) in Dark
 * Modern), which over the band's own transparency left the scope invisible.
 */
const THEME: readonly [string, string][] = [
  [CHART_COLORS.text, '--vscode-descriptionForeground'],
  [CHART_COLORS.actual, '--vscode-charts-blue'],
  [CHART_COLORS.marker, '--vscode-charts-red'],
];

export function registerSprintBurndown(context: vscode.ExtensionContext, store: PlanStore): void {
  let panel: vscode.WebviewPanel | undefined;
  let shown: { folderKey: string; sprintId: string } | undefined;
  const render = (snapshot: PlanSnapshot, sprint: SprintReport): string => {
    const html = panelHtml(sprint, snapshot.today);
    panel!.title = vscode.l10n.t('Sprint {0} burndown', sprint.id);
    panel!.webview.html = html;
    return html;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showSprintBurndown, async (arg?: unknown): Promise<SprintBurndownResult | undefined> => {
      await store.ready();
      const target = await pickSprint(store, arg);
      if (!target) return undefined;
      if (!panel) {
        panel = vscode.window.createWebviewPanel('waymark.sprintBurndown', vscode.l10n.t('Sprint burndown'), vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
        panel.onDidDispose(() => { panel = undefined; shown = undefined; });
      } else {
        panel.reveal();
      }
      shown = { folderKey: folderKeyOf(target.snapshot), sprintId: target.sprint.id };
      return { sprintId: target.sprint.id, html: render(target.snapshot, target.sprint) };
    }),
    store.onDidChange((snapshot) => {
      if (!panel || !shown || folderKeyOf(snapshot) !== shown.folderKey) return;
      const sprint = snapshot.analysis?.sprints.find((s) => s.id === shown!.sprintId);
      if (sprint) render(snapshot, sprint);
    }),
  );
}

/** The sprint of a tree row (`sprintId`), an id, else the user picks one (the current sprint first). */
async function pickSprint(store: PlanStore, arg: unknown): Promise<{ snapshot: PlanSnapshot; sprint: SprintReport } | undefined> {
  const wanted = typeof arg === 'string' ? arg : isViewNode(arg) ? arg.sprintId : undefined;
  const snapshots = store.all().filter((s) => s.analysis && s.plan!.sprints.length > 0);
  const ordered = isViewNode(arg) ? snapshots.filter((s) => folderKeyOf(s) === arg.folderKey) : snapshots;
  if (wanted !== undefined) {
    for (const snapshot of ordered) {
      const sprint = snapshot.analysis!.sprints.find((s) => s.id === wanted);
      if (sprint) return { snapshot, sprint };
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: no sprint \'{0}\' in project.yml.', wanted.slice(0, 80)));
    return undefined;
  }
  if (snapshots.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Waymark: project.yml has no sprints. Add a `sprints:` section to see their burndown.'));
    return undefined;
  }
  const items = snapshots.flatMap((snapshot) => {
    const current = currentSprint(snapshot.analysis!.sprints);
    const list = [...snapshot.analysis!.sprints].sort((a, b) => Number(b === current) - Number(a === current));
    return list.map((sprint) => ({
      label: sprint.goal ? `${sprint.id}: ${sprint.goal}` : sprint.id,
      description: `${sprint.start} → ${sprint.end} · ${sprint.state}${snapshots.length > 1 ? ` · ${snapshot.folder.name}` : ''}`,
      snapshot, sprint,
    }));
  });
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Show the burndown of which sprint?') });
  return picked && { snapshot: picked.snapshot, sprint: picked.sprint };
}

/** The panel: the chart, inline, recoloured by the theme; then its figures. No script. */
export function panelHtml(s: SprintReport, today: string): string {
  const nonce = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const svg = sprintBurndownSvg(s, today, { width: 760, height: 340 });
  const recolour = THEME.map(([hex, v]) => `svg [stroke="${hex}"] { stroke: var(${v}); } svg [fill="${hex}"] { fill: var(${v}); }`).join('\n');
  const added = s.scopeAdded === null
    ? `<li>${escapeXml(vscode.l10n.t('Scope added during the sprint: unknown (needs project.yml\'s git history from before the sprint began)'))}</li>`
    : `<li>${escapeXml(vscode.l10n.t('Scope added during the sprint: {0} h', s.scopeAdded.hours))}${s.scopeAdded.tasks.map((t) => ` · ${escapeXml(vscode.l10n.t('{0} on {1} ({2} h)', t.id, t.day, t.hours))}`).join('')}</li>`;
  const committed = s.membership === 'planned-dates'
    ? vscode.l10n.t('Committed at the start: {0} h ({1} tasks, planned to finish in the sprint)', s.committedHours, s.tasks.length)
    : vscode.l10n.t('Committed at the start: {0} h ({1} tasks)', s.committedHours, s.tasks.length);
  const completed = vscode.l10n.t('Completed: {0} h', s.completedHours);
  return `<!DOCTYPE html>
<html lang="${escapeXml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'">
<title>${escapeXml(vscode.l10n.t('Sprint {0} burndown', s.id))}</title>
<style nonce="${nonce}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); padding: 12px 20px; }
svg { max-width: 100%; height: auto; }
${recolour}
svg text[font-weight="600"] { fill: var(--vscode-foreground); }
ul { padding-left: 18px; line-height: 1.6; }
</style>
</head>
<body>
${svg}
<p>${escapeXml(sprintSentence(s))}</p>
<ul>
<li>${escapeXml(committed)}</li>
${added}
<li>${escapeXml(completed)}${s.completedTasks.length ? ` (${s.completedTasks.map(escapeXml).join(', ')})` : ''}</li>
</ul>
</body>
</html>`;
}
