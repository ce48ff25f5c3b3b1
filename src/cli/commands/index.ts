// The subcommands, in the order `waymark --help` lists them.
// Each lives in its own module; add one line here per command.
import type { Command } from '../command';

export const COMMANDS: Command[] = [];
