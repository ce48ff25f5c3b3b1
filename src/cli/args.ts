// Argument parsing shared by every `waymark` subcommand. Global options are the
// same everywhere: --file, --repo, --today, --json, --help.

export interface GlobalOptions {
  file?: string;
  repo?: string;
  today?: string;
  json: boolean;
  help: boolean;
}

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  globals: GlobalOptions;
  /** Command-specific `--name value` options. */
  options: Map<string, string>;
  /** Command-specific boolean flags. */
  flags: Set<string>;
}

export class UsageError extends Error {}

const GLOBAL_VALUE_OPTIONS = new Set(['file', 'repo', 'today']);

/**
 * Parses argv (without `node` and the script). `valueOptions` names the
 * command-specific options that take a value; any other `--x` is a flag.
 * A `--` ends option parsing.
 */
export function parseArgs(argv: readonly string[], valueOptions: ReadonlySet<string> = new Set()): ParsedArgs {
  const globals: GlobalOptions = { json: false, help: false };
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  let command: string | undefined;
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (rest || !arg.startsWith('-') || arg === '-') {
      if (command === undefined) command = arg;
      else positionals.push(arg);
      continue;
    }
    if (arg === '--') { rest = true; continue; }
    if (arg === '-h') { globals.help = true; continue; }
    if (!arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const takesValue = GLOBAL_VALUE_OPTIONS.has(name) || valueOptions.has(name);
    let value: string | undefined;
    if (takesValue) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        value = argv[++i];
        if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
      }
    } else if (eq >= 0) {
      throw new UsageError(`option '--${name}' takes no value`);
    }
    if (name === 'file' || name === 'repo' || name === 'today') globals[name] = value;
    else if (name === 'json') globals.json = true;
    else if (name === 'help') globals.help = true;
    else if (value !== undefined) options.set(name, value);
    else flags.add(name);
  }
  if (globals.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(globals.today)) {
    throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${globals.today}'`);
  }
  return { command, positionals, globals, options, flags };
}
