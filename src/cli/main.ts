// `waymark`: the command-line face of the pure core, for terminals and CI.
// The commands' bundle (dist/cliMain.js); the launcher, src/cli/bin.ts, starts it.
import { NotAPlanError } from './planArg';
import { checkPositionals, parseArgs, splitCommand, UsageError, type ParsedArgs } from './args';
import { GLOBAL_OPTIONS_HELP, type CliIO, type Command } from './command';
import { COMMANDS } from './commands/index';
import { terminalSafe } from './terminal';
import { waymarkVersion } from './version';

/** Runs `waymark <argv>`; resolves to the exit code. `commands` is the list to dispatch to (tests add their own). */
export async function main(argv: readonly string[], rawIo: CliIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  // Messages quote plan text and commit subjects: never a control sequence on stderr.
  const io: CliIO = { ...rawIo, err: (t) => rawIo.err(terminalSafe(t)) };
  const { command: name, rest } = splitCommand(argv, Object.assign({}, ...commands.map((c) => c.options ?? {})));
  if (name === undefined || name === 'help') return topLevel(name, rest, io, commands);
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`waymark: unknown command '${name}'. Run 'waymark --help' for the list.\n`);
    return 2;
  }
  let args: ParsedArgs;
  try {
    args = parseArgs(rest, command.options);
    if (!args.globals.help && !args.globals.version) checkPositionals(args.positionals, command.positionals ?? []);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`waymark ${command.name}: ${e.message}\n\n${command.usage}\n`); return 2; }
    throw e;
  }
  args.command = command.name;
  if (args.globals.version) return printVersion(io);
  if (args.globals.help) {
    io.out(`${command.usage}\n\n${GLOBAL_OPTIONS_HELP}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`waymark ${command.name}: ${e.message}\n`); return 2; }
    if (e instanceof NotAPlanError) {
      // An error: stdout stays empty, also with --json (validate --json reports it as its data).
      io.err(`waymark ${command.name}: ${e.message}\n`);
      return 1;
    }
    // An unexpected failure is still reported as a message, not a stack trace.
    io.err(`waymark ${command.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.WAYMARK_DEBUG) io.err(`${(e as Error).stack ?? ''}\n`);
    return 2;
  }
}

/** `waymark`, `waymark --help`, `waymark --version`, `waymark help [command]`. */
function topLevel(name: 'help' | undefined, rest: readonly string[], io: CliIO, commands: readonly Command[]): number {
  let args: ParsedArgs;
  try {
    args = parseArgs(rest);
    const about = name === 'help' && args.positionals.length === 1 ? commands.find((c) => c.name === args.positionals[0]) : undefined;
    if (about) {
      io.out(`${about.usage}\n\n${GLOBAL_OPTIONS_HELP}\n`);
      return 0;
    }
    if (args.positionals.length > 0) throw new UsageError(`${name === 'help' ? 'no command' : 'unexpected argument'} '${args.positionals[0]}'`);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`waymark: ${e.message}. Run 'waymark --help' for the list of commands.\n`); return 2; }
    throw e;
  }
  if (args.globals.version) return printVersion(io);
  io.out(topHelp(commands));
  return name === undefined && !args.globals.help ? 2 : 0;
}

function printVersion(io: CliIO): number {
  io.out(`waymark ${waymarkVersion()}\n`);
  return 0;
}

function topHelp(commands: readonly Command[]): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `waymark: the project plan in project.yml, checked against the git history.

Usage: waymark <command> [options]

Commands:
${list}

${GLOBAL_OPTIONS_HELP}

Run 'waymark <command> --help' for a command's own options.
`;
}
