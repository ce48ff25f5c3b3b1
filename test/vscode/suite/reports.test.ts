// Inside the real VS Code on the demo workspace: Generate Postmortem on the
// beta milestone (as the Plan view passes it: a node with `milestoneId`) and
// Generate Status Report open untitled Markdown documents with the expected
// headings and figures. Closes what it opens (the workspace is shared).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

interface Api { store: { ready(): Promise<void> } }
interface ReportResult { document: vscode.TextDocument }

/** Untitled documents are dirty: revert before closing, or VS Code asks to save. */
async function revertAndClose(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

async function closeAll(doc: vscode.TextDocument): Promise<void> {
  await revertAndClose(doc);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('reports', () => {
  before(async () => {
    const api = (await vscode.extensions.getExtension('waymark-dev.waymark')!.activate()) as Api;
    await api.store.ready();
  });

  it('Generate Postmortem on the beta milestone opens its Markdown with the chart inline', async function () {
    this.timeout(90_000); // git history + the preview on a shared, busy machine
    const result = await vscode.commands.executeCommand<ReportResult>('waymark.generatePostmortem', { kind: 'milestone', milestoneId: 'beta' });
    assert.ok(result, 'the command returned the document');
    const doc = result.document;
    try {
      assert.equal(doc.isUntitled, true);
      assert.match(doc.uri.path, /\/postmortem-beta\.md$/);
      assert.equal(doc.languageId, 'markdown');
      const text = doc.getText();
      assert.ok(text.startsWith('# Postmortem: Returns API beta (`beta`)\n'), text.slice(0, 80));
      for (const h of ['## Summary', '## Baseline vs actual', '## Schedule', '### Estimate accuracy', '## Work', '## Risks', '## Burndown', '### Timeline', '## What went well', '## What went wrong', '## Action items']) {
        assert.ok(text.includes(`\n${h}\n`), `heading ${h}`);
      }
      // The demo: due 2026-10-09 at the baseline, v0.9.0 tagged on 2026-10-13 (Monday 10-12 is a holiday).
      assert.ok(text.includes('| Planned finish | 2026-10-09 (due date at the baseline) |'));
      assert.ok(text.includes('| Actual finish | 2026-10-13 (released as `v0.9.0`) |'));
      assert.ok(text.includes('| Slip | +1 workday |'));
      assert.ok(text.includes('- **Re-estimated:** RET-3 3d → 5d'));
      assert.ok(text.includes('![Burndown of beta: remaining estimated work in days][burndown-chart]\n'));
      assert.match(text, /\n\[burndown-chart\]: data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\n$/);
      // The document is shown, and the preview beside it.
      assert.equal(vscode.window.activeTextEditor?.document, doc);
      const tabs = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      const end = Date.now() + 10_000;
      while (!tabs().some((l) => /^Preview /.test(l)) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      assert.ok(tabs().some((l) => /^Preview /.test(l)), `a preview tab among ${tabs().join(', ')}`);
    } finally {
      await closeAll(doc);
    }
  });

  it('accepts a milestone id string and refuses an unknown one without opening anything', async () => {
    const none = await vscode.commands.executeCommand<ReportResult | undefined>('waymark.generatePostmortem', 'no-such-milestone');
    assert.equal(none, undefined);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'markdown').length, 0);
  });

  it('Generate Status Report opens the stakeholder report', async function () {
    this.timeout(60_000);
    const result = await vscode.commands.executeCommand<ReportResult>('waymark.generateStatusReport');
    assert.ok(result);
    try {
      const text = result.document.getText();
      assert.ok(text.startsWith('# Status report: Harbor Returns\n'), `the report starts with its title, got: ${JSON.stringify(text.slice(0, 300))}`);
      for (const h of ['## Overall', '## Milestones', '## What is next', '## Top risks', '## Workload hot spots', '## Budget and schedule performance']) {
        assert.ok(text.includes(`\n${h}\n`), `heading ${h}`);
      }
      assert.match(text, /\| Returns API beta \(`beta`\) \| 100% \| 9\/9 \|/);
      // Named for Save, in the plan's folder; a second report while the first is open gets its own name.
      assert.match(result.document.uri.path, /\/status-report-\d{4}-\d{2}-\d{2}\.md$/);
      const again = await vscode.commands.executeCommand<ReportResult>('waymark.generateStatusReport');
      assert.ok(again);
      assert.equal(again.document.uri.path, result.document.uri.path.replace(/\.md$/, '-2.md'));
      assert.ok(again.document.getText().startsWith('# Status report: Harbor Returns\n'));
      assert.equal(result.document.getText(), text, 'the first report is left as it was');
      await revertAndClose(again.document);
    } finally {
      await closeAll(result.document);
    }
  });
});
