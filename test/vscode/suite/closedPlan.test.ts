// Checks that need project.yml never opened in an editor: VS Code keeps a
// closed editor's document in workspace.textDocuments for minutes, and the
// store reads an open document's text instead of the file. index.ts runs this
// file right after activation, before any suite opens the plan.
//
// 1. Schedule problems are listed for the file on disk, without opening it.
// 2. A committed `project.yml -> /dev/zero` (or a FIFO) neither hangs nor
//    exhausts the extension host: the core reader refuses anything but a
//    regular file at once, and the view and a notification say why. The demo
//    plan is restored after.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import * as vscode from 'vscode';
import { expectDemoPlanBack, waitFor } from './waitFor';

const EXTENSION_ID = 'waymark-dev.waymark';

interface Api {
  store: {
    ready(): Promise<void>;
    refresh(): Promise<void>;
    all(): readonly { plan?: unknown }[];
    unreadable(): readonly { folder: { name: string }; reason: string }[];
  };
}

const planUri = async () => (await vscode.workspace.findFiles('project.yml'))[0];
const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

describe('the plan on disk, never opened', () => {
  let api: Api;
  before(async () => {
    api = await vscode.extensions.getExtension<Api>(EXTENSION_ID)!.activate();
    await api.store.ready();
    assert.ok(!isOpen(await planUri()), 'project.yml is not open yet (this file must run before the suites that open it: see index.ts)');
  });

  it('lists schedule problems of project.yml without opening it', async () => {
    const uri = await planUri();
    // The demo runs late and its people are over-booked (relative to today, so either or both):
    // warnings from the store's snapshot, placed on the due date or the person's id.
    const problems = await waitFor('schedule warnings', async () => {
      const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'waymark' && (d.code === 'over-allocated' || d.code === 'missed-deadline'));
      return list.length ? list : undefined;
    });
    for (const d of problems) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      if (d.code === 'over-allocated') assert.match(d.message, /^\S.* is over-allocated in \d{4}-W\d{2} \(week of \d{4}-\d{2}-\d{2}\): [\d.]+ h scheduled, [\d.]+ h available \(.+\)\.$/);
      else assert.match(d.message, /'[\w.-]+' is (forecast to finish|past its due)/);
      assert.equal(d.range.start.line, d.range.end.line, 'a one-line range (an id or a date), not a whole mapping');
    }
    assert.ok(!isOpen(uri), 'still not open');
  });

  describe('hostile plan files', () => {
    let file: string;
    before(async () => {
      file = (await planUri()).fsPath;
      renameSync(file, `${file}.real`);
    });
    after(async () => {
      rmSync(file, { force: true });
      renameSync(`${file}.real`, file);
      await expectDemoPlanBack(api);
      assert.deepEqual(api.store.unreadable(), [], 'and nothing is reported unreadable any more');
    });

    for (const [what, make, why] of [
      ['a symlink to /dev/zero', () => symlinkSync('/dev/zero', file), /is a device; Waymark reads only regular files/],
      ['a FIFO', () => execFileSync('mkfifo', [file]), /is a FIFO \(named pipe\)/],
    ] as const) {
      it(`${what} named project.yml is refused at once, without reading it, and the view says why`, async () => {
        rmSync(file, { force: true });
        make();
        await api.store.refresh(); // a hang or a 24 GB read would time the test out
        assert.equal(api.store.all().some((s) => s.plan), false, 'no plan was read from it');
        const [refused] = api.store.unreadable();
        assert.ok(refused, 'the store reports the refused file');
        assert.match(refused.reason, why);
        // The warnings listed for the plan (first test) go with it.
        const uri = vscode.Uri.file(file);
        await waitFor('the refused plan\'s problems to be dropped', async () => vscode.languages.getDiagnostics(uri).every((d) => d.source !== 'waymark'));
      });
    }
  });
});
