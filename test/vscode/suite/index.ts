// The tests module that VS Code loads inside its extension host
// (`extensionTestsPath` points at the folder this file compiles into). Both
// runners use it: test/vscode/run.mjs (VS Code server + Chromium, offline) and
// test/vscode/electron.ts (@vscode/test-electron, downloads VS Code).
//
// It runs mocha (bdd: describe/it) over every `*.test.js` beside it, sorted
// (activation, closedPlan and otherToolsFile first: see below).
// Environment (set by the runners, inherited by the extension host):
//   WAYMARK_TEST_GREP     only tests whose full title matches (mocha --grep)
//   WAYMARK_TEST_FILE     only files whose name contains this text
//   WAYMARK_TEST_TIMEOUT  per-test timeout in ms (default 20000)
// The last line it prints is `vscode-suite: N passed, N failed, N skipped`,
// which run.mjs reads to count.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type MochaType from 'mocha';

/** mocha 12 is an ES module whose CommonJS build lives in lib/mocha.cjs; older hosts cannot require() ESM. */
function loadMocha(): typeof MochaType {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  try { return require('mocha/lib/mocha.cjs'); } catch { /* older mocha layout */ }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require('mocha');
  return m.default ?? m;
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  const grep = process.env.WAYMARK_TEST_GREP;
  const fileFilter = process.env.WAYMARK_TEST_FILE;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.WAYMARK_TEST_TIMEOUT) || 20_000,
    ...(grep ? { grep } : {}),
  });
  // Sorted, except that activation runs first (it checks the extension started by itself), then
  // the files that need project.yml never opened (VS Code keeps a closed editor's document for
  // minutes, and the store reads an open document rather than the file); any later file may open it.
  const first = ['activation.test.js', 'closedPlan.test.js', 'otherToolsFile.test.js'];
  const rank = (f: string) => (first.includes(f) ? first.indexOf(f) : first.length);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && (!fileFilter || f.includes(fileFilter)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const f of files) mocha.addFile(join(__dirname, f));
  console.log(`vscode-suite: ${files.length} file(s) in ${__dirname}${grep ? `, grep ${JSON.stringify(grep)}` : ''}`);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        const passed = s?.passes ?? 0;
        console.log(`vscode-suite: ${passed} passed, ${failures} failed, ${s?.pending ?? 0} skipped`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (files.length === 0 || (s?.tests ?? 0) === 0) reject(new Error('no tests ran (check WAYMARK_TEST_GREP / WAYMARK_TEST_FILE)'));
        else resolve();
      });
    } catch (e) {
      // A test file that throws while loading (syntax error, bad import) ends here.
      console.error(`vscode-suite: could not load the tests: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      console.log('vscode-suite: 0 passed, 1 failed, 0 skipped');
      reject(e);
    }
  });
}
