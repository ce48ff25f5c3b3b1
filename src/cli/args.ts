// Argument parsing for every `waymark` command: node:util parseArgs in strict
// mode over the global options (the same everywhere: --file, --repo, --today,
// --json, --help, --version) plus the command's own option spec. An unknown
// option, a missing or unwanted value, or a stray argument is a UsageError
// (exit 2) on every command.
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';

/** A command's options, as node:util parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface GlobalOptions {
  file?: string;
  repo?: string;
  today?: string;
  json: boolean;
  help: boolean;
  version: boolean;
}

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  globals: GlobalOptions;
  /** Command-specific `--name value` options. */
  options: Map<string, string>;
  /** Command-specific boolean options that were given. */
  flags: Set<string>;
}

export class UsageError extends Error {}

export const GLOBAL_OPTIONS = {
  file: { type: 'string' },
  repo: { type: 'string' },
  today: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies OptionSpec;

const GLOBAL_NAMES: ReadonlySet<string> = new Set(Object.keys(GLOBAL_OPTIONS));

/**
 * The command name (the first argument that is not an option) and the other
 * arguments. `allOptions` is every command's spec together, so that the value
 * of an option given before the command (`--out x status`) is not taken for it.
 */
export function splitCommand(argv: readonly string[], allOptions: OptionSpec): { command?: string; rest: string[] } {
  const { tokens } = nodeParseArgs({
    args: [...argv], options: { ...allOptions, ...GLOBAL_OPTIONS }, strict: false, allowPositionals: true, tokens: true,
  });
  const first = tokens.find((t) => t.kind === 'positional');
  if (!first) return { rest: [...argv] };
  return { command: first.value, rest: argv.filter((_, i) => i !== first.index) };
}

/**
 * Parses a command's arguments (without the command name) strictly against
 * the global options and `spec`. Positionals are returned; their count is the
 * caller's to check (see checkPositionals).
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec = {}): ParsedArgs {
  let parsed;
  try {
    parsed = nodeParseArgs({ args: [...argv], options: { ...spec, ...GLOBAL_OPTIONS }, strict: true, allowPositionals: true });
  } catch (e) {
    throw usageErrorOf(e);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const globals: GlobalOptions = {
    file: v.file as string | undefined,
    repo: v.repo as string | undefined,
    today: v.today as string | undefined,
    json: v.json === true,
    help: v.help === true,
    version: v.version === true,
  };
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (const [name, value] of Object.entries(v)) {
    if (GLOBAL_NAMES.has(name)) continue;
    if (typeof value === 'string') options.set(name, value);
    else if (value === true) flags.add(name);
  }
  if (globals.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(globals.today)) {
    throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${globals.today}'`);
  }
  return { positionals: parsed.positionals, globals, options, flags };
}

/**
 * A UsageError unless exactly the named positionals were given
 * (`names` like ['<task-id>', '<status>'], empty for none; `[NAME]` optional, last).
 */
export function checkPositionals(positionals: readonly string[], names: readonly string[]): void {
  // Names in brackets (`[PATH]`) are optional and come last.
  const required = names.filter((n) => !n.startsWith('[')).length;
  if (positionals.length >= required && positionals.length <= names.length) return;
  if (names.length === 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const n = positionals.length;
  throw new UsageError(`expected ${names.join(' ')}, got ${n} argument${n === 1 ? '' : 's'}`);
}

/** parseArgs' errors in the CLI's words (it names the option; we keep that and drop the advice). */
function usageErrorOf(e: unknown): unknown {
  const err = e as { code?: string; message?: string };
  if (typeof err?.code !== 'string' || !err.code.startsWith('ERR_PARSE_ARGS_')) return e;
  const message = err.message ?? '';
  const name = /'(-[^' ,]*)/.exec(message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option '${name}'`);
  if (/does not take an argument/.test(message)) return new UsageError(`option '${name}' takes no value`);
  if (/ambiguous/.test(message)) return new UsageError(`option '${name}' needs a value (write ${name}=VALUE for one that starts with '-')`);
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new UsageError(`option '${name}' needs a value`);
  return new UsageError(message.split('\n')[0]);
}
