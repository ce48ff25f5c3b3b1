// Mocha's spec reporter, closed by one plain summary line, `unit: N passed, N failed, N skipped`.
// CI log readers know that line in any language; they do not read mocha's own "N passing".
// .ci/run repeats it (with the in-host suite's line) as the run's last lines.
'use strict';
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(`unit: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
