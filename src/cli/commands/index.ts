// The subcommands, in the order `waymark --help` lists them.
// Each lives in its own module; add one line here per command.
import type { Command } from '../command';
import { setStatusCommand } from './setStatus';
import { validateCommand } from './validate';

export const COMMANDS: Command[] = [validateCommand, setStatusCommand];
