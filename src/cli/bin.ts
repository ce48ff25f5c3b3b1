// `waymark`, the command (dist/cli.js): a launcher that starts in a few
// milliseconds. `waymark status` asked again with nothing it reads changed is
// answered from .git/waymark/ (statusAnswer.ts); everything else loads the
// commands' bundle (dist/cliMain.js, src/cli/main.ts), which is most of the
// start-up time of any other command.
import type { CliIO } from './command';
import { readAnswer, statusAnswerSlot, type AnswerSlot } from './statusAnswer';
import { waymarkVersion } from './version';

async function launch(argv: readonly string[]): Promise<number> {
  const cwd = process.cwd();
  const isTTY = Boolean(process.stdout.isTTY);
  let slot: AnswerSlot | undefined;
  // Only the plain spelling; `waymark --json status` and the like go to the full CLI.
  if (argv[0] === 'status') {
    slot = await statusAnswerSlot(argv.slice(1), { cwd, env: process.env, isTTY, version: waymarkVersion() });
    const kept = slot && readAnswer(slot);
    if (kept) {
      if (process.env.WAYMARK_DEBUG) process.stderr.write(`waymark status: answered from ${slot!.file}\n`);
      process.stdout.write(kept);
      return 0;
    }
  }
  // Required here, not imported: the bundle loads only when the question needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on use: dist/cliMain.js (scripts/build.mjs)
  const { main } = require('./main') as typeof import('./main');
  const io: CliIO = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY,
    cwd,
    ...(slot ? { statusAnswer: slot } : {}),
  };
  return main(argv, io);
}

// `waymark status | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
launch(process.argv.slice(2)).then((code) => { process.exitCode = code; });
