// The subcommands, in the order `waymark --help` lists them.
// Each lives in its own module; add one line here per command.
import type { Command } from '../command';
import { setStatusCommand } from './setStatus';
import { validateCommand } from './validate';
import { postmortemCommand } from './postmortem';
import { reportCommand } from './report';
import { statusCommand } from './status';
import { initCommand } from './init';
import { mergeDriverCommand } from './mergeDriver';
import { addCommand } from './add';
import { setCommand } from './set';
import { moveCommand } from './move';
import { removeCommand } from './remove';
import { dependCommand } from './depend';
import { undependCommand } from './undepend';
import { listCommand } from './list';
import { mcpCommand } from './mcp';

export const COMMANDS: Command[] = [validateCommand, statusCommand, setStatusCommand, listCommand, addCommand, setCommand, moveCommand, removeCommand,
  dependCommand, undependCommand, postmortemCommand, reportCommand, initCommand, mergeDriverCommand, mcpCommand];
