// What a `waymark` command looks like to the dispatcher. Adding a command is
// one file in commands/ exporting a Command, plus its line in commands/index.ts.
import type { OptionSpec, ParsedArgs } from './args';
import type { AnswerSlot } from './statusAnswer';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal: colours and bars only then. */
  readonly isTTY: boolean;
  readonly cwd: string;
  /** Set by the launcher for `waymark status`: where to keep this answer, and under which key (statusAnswer.ts). */
  readonly statusAnswer?: AnswerSlot;
}

export interface Command {
  readonly name: string;
  /** One line for `waymark --help`. */
  readonly summary: string;
  /** Full text for `waymark <name> --help`. */
  readonly usage: string;
  /**
   * The command's own options (node:util parseArgs spec); the global ones are
   * added. Anything not declared here is a usage error.
   */
  readonly options?: OptionSpec;
  /** The positional arguments it takes, by name, e.g. ['<task-id>', '<status>']; none when absent. */
  readonly positionals?: readonly string[];
  /** Resolves to the exit code: 0 ok, 1 the check failed / bad input, 2 usage or I/O error. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

export const GLOBAL_OPTIONS_HELP = `Global options:
  --file FILE        project.yml to use (default: ./project.yml or the nearest one in a parent folder)
  --repo DIR         git repository to read (default: the folder of the project file)
  --today YYYY-MM-DD the date to compute against (default: today), for reproducible output
  --json             print data as JSON where the command outputs data
  -h, --help         show help
  -v, --version      print Waymark's version`;
