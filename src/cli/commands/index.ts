// The subcommands, in the order `waymark --help` lists them.
// Each lives in its own module; add one line here per command.
import type { Command } from '../command';
import { setStatusCommand } from './setStatus';
import { validateCommand } from './validate';
import { postmortemCommand } from './postmortem';
import { reportCommand } from './report';
import { statusCommand } from './status';
import { siteCommand } from './site';

export const COMMANDS: Command[] = [validateCommand, statusCommand, setStatusCommand, postmortemCommand, reportCommand, siteCommand];
