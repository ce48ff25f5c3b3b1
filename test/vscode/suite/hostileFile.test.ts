// A committed `project.yml -> /dev/zero` (or a FIFO) must not hang or exhaust
// the extension host: the store reads the plan through the core reader, which
// refuses anything but a regular file at once. Restores the demo plan after.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { expectDemoPlanBack, takePlanFile, type StoreApi } from './waitFor';

describe('hostile plan files in the extension host', () => {
  let api: StoreApi;
  let file: string;
  before(async function () {
    ({ api, file } = await takePlanFile(this));
    renameSync(file, `${file}.real`);
  });
  after(async () => {
    if (!existsSync(`${file}.real`)) return; // skipped before anything changed
    rmSync(file, { force: true });
    renameSync(`${file}.real`, file);
    await expectDemoPlanBack(api);
  });

  for (const [what, make] of [
    ['a symlink to /dev/zero', () => symlinkSync('/dev/zero', file)],
    ['a FIFO', () => execFileSync('mkfifo', [file])],
  ] as const) {
    it(`${what} named project.yml is refused at once, without reading it`, async () => {
      rmSync(file, { force: true });
      make();
      await api.store.refresh(); // a hang or a 24 GB read would time the test out
      assert.equal(api.store.all().some((s) => s.plan), false, 'no plan was read from it');
    });
  }
});
