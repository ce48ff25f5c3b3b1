// `waymark`: the command-line face of the pure core, for terminals and CI.
import { parseArgs, UsageError } from './args';
import { GLOBAL_OPTIONS_HELP, type CliIO } from './command';
import { COMMANDS } from './commands/index';
import { packageVersion } from './version';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  let first;
  try {
    first = parseArgs(argv, new Set(COMMANDS.flatMap((c) => c.valueOptions ?? [])));
  } catch (e) {
    if (e instanceof UsageError) { io.err(`waymark: ${e.message}\n`); return 2; }
    throw e;
  }
  if (first.command === undefined || first.command === 'help') {
    io.out(topHelp());
    return first.command === undefined && !first.globals.help ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === first.command);
  if (!command) {
    io.err(`waymark: unknown command '${first.command}'. Run 'waymark --help' for the list.\n`);
    return 2;
  }
  let args;
  try {
    args = parseArgs(argv, new Set(command.valueOptions ?? []));
  } catch (e) {
    if (e instanceof UsageError) { io.err(`waymark ${command.name}: ${e.message}\n\n${command.usage}\n`); return 2; }
    throw e;
  }
  if (args.globals.help) {
    io.out(`${command.usage}\n\n${GLOBAL_OPTIONS_HELP}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`waymark ${command.name}: ${e.message}\n`); return 2; }
    // An unexpected failure is still reported as a message, not a stack trace.
    io.err(`waymark ${command.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.WAYMARK_DEBUG) io.err(`${(e as Error).stack ?? ''}\n`);
    return 2;
  }
}

function topHelp(): string {
  const width = Math.max(0, ...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `waymark: the project plan in project.yml, checked against the git history.

Usage: waymark <command> [options]

Commands:
${list}

${GLOBAL_OPTIONS_HELP}

Run 'waymark <command> --help' for a command's own options, 'waymark --version' for the version.
`;
}

if (require.main === module) {
  // `waymark status | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const io: CliIO = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
