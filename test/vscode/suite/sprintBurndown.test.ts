// Inside the real VS Code on the demo workspace: Waymark: Show Sprint Burndown
// opens the sprint's chart in a panel, in theme colours, with the scope that
// joined mid-sprint (RET-19 on 2026-11-18, from project.yml's history); the
// sprint rows of the Plan view carry their progress. Closes what it opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

interface Api { store: { ready(): Promise<void> } }
interface Result { sprintId: string; html: string }

const tabs = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));

describe('sprint burndown', () => {
  before(async () => {
    const api = (await vscode.extensions.getExtension('waymark-dev.waymark')!.activate()) as Api;
    await api.store.ready();
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('Show Sprint Burndown on S8 opens its chart with the scope added mid-sprint, recoloured by the theme', async function () {
    this.timeout(60_000);
    const r = await vscode.commands.executeCommand<Result>('waymark.showSprintBurndown', 'S8');
    assert.ok(r, 'the command returned what it showed');
    assert.equal(r.sprintId, 'S8');
    assert.match(r.html, /<svg [^>]*role="img"/);
    assert.match(r.html, /<title id="chart-title">Sprint S8 burndown: Labels, notifications and merchant approval<\/title>/);
    assert.ok(r.html.includes('Scope added during the sprint: 24 h · RET-19 on 2026-11-18 (24 h)'), 'the scope change from the plan history');
    assert.ok(r.html.includes('Committed at the start: 120 h'));
    assert.match(r.html, /svg \[stroke="#3794ff"\] \{ stroke: var\(--vscode-charts-blue\); \}/);
    assert.doesNotMatch(r.html, /<script/);
    // The scope band keeps its own opaque orange: the themes' charts-orange is translucent.
    assert.match(r.html, /<polyline fill="none" stroke="#d18616" stroke-width="8" stroke-opacity="0\.5"[^>]*><title>Scope<\/title>/);
    assert.doesNotMatch(r.html, /charts-orange/);
    // The tab list follows the new panel asynchronously.
    await waitFor('the panel\'s tab', async () => tabs().includes('Sprint S8 burndown'));
  });

  it('takes the sprint row of the Plan view, and refuses an unknown sprint without opening anything', async () => {
    const fromRow = await vscode.commands.executeCommand<Result>('waymark.showSprintBurndown',
      { kind: 'group', id: 'x', folderKey: vscode.workspace.workspaceFolders![0].uri.toString(), sprintId: 'S7', label: 'S7' });
    assert.equal(fromRow?.sprintId, 'S7');
    await waitFor('the panel retitled to S7', async () => tabs().includes('Sprint S7 burndown'));
    assert.equal(tabs().filter((t) => /^Sprint S\d burndown$/.test(t)).length, 1, 'one panel, reused');
    const none = await vscode.commands.executeCommand<Result>('waymark.showSprintBurndown', 'S99');
    assert.equal(none, undefined);
  });
});
