// `waymark mcp`: a Model Context Protocol server on stdin/stdout for coding
// agents (docs/agents.md). The SDK is loaded only by this command, so the
// other commands start as fast as before.
import type { Command } from '../command';
import { historyCacheFile, repoDirOf, resolvePlanPath } from '../planArg';
import { ruleOf } from '../reportOutput';

export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'serve the plan to coding agents over the Model Context Protocol (stdio)',
  usage: `Usage: waymark mcp [--file project.yml] [--repo DIR] [--today YYYY-MM-DD] [--rule 50/50|0/100|20/80]

Runs an MCP server on stdin/stdout with the tools plan_status, next_tasks,
task_details, critical_path, set_task_status, update_task, add_task and
validate_plan, and the resources waymark://project.yml and
waymark://status.json. Every call sees the current project.yml and history.
Logs go to stderr. Setup for Claude Code, VS Code and Cursor: docs/agents.md.

Exit status: 0 when the client closes the connection, 2 usage error.`,
  options: { rule: { type: 'string' } },
  async run(args, io) {
    const rule = ruleOf(args);
    const planPath = resolvePlanPath(args, io);
    const { serveStdio } = await import('../../mcp/server.js');
    io.err(`waymark mcp: serving ${planPath}\n`);
    await serveStdio(
      { planPath, repoDir: repoDirOf(args, io, planPath), today: args.globals.today, rule, cacheFile: historyCacheFile(planPath) },
      (line) => io.err(`${line}\n`),
    );
    return 0;
  },
};
