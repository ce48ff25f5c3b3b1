// `waymark mcp`: the agent tools (src/core/agent) served over the Model
// Context Protocol with the official SDK. The low-level Server is used
// because the tools declare plain JSON Schema (shared with VS Code's
// languageModelTools), which McpServer's zod-based API would have to re-declare.
// stdout is the protocol: everything else goes to `log` (stderr).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema, ErrorCode, ListResourcesRequestSchema, ListToolsRequestSchema, McpError, ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { FileAgentHost, type FileHostOptions } from '../core/agent/fileHost';
import type { AgentHost } from '../core/agent/host';
import { AgentInputError } from '../core/agent/schema';
import { AgentToolError, runTool, toolList } from '../core/agent/tools';
import { waymarkVersion } from '../cli/version';

export const RESOURCES = [
  { uri: 'waymark://project.yml', name: 'project.yml', description: 'The plan as written.', mimeType: 'application/yaml' },
  { uri: 'waymark://status.json', name: 'status.json', description: 'The plan checked against the git history (docs/status-json.md).', mimeType: 'application/json' },
] as const;

export function createServer(host: AgentHost, log: (line: string) => void): Server {
  const server = new Server({ name: 'waymark', version: waymarkVersion() }, { capabilities: { tools: {}, resources: {} } });

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList() }));

  // One call at a time: a write reads the file, edits and writes it; a second
  // call in between would compute its edit from the text before the first.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(f: () => Promise<T>): Promise<T> => {
    const next = queue.then(f);
    queue = next.catch(() => undefined);
    return next;
  };

  server.setRequestHandler(CallToolRequestSchema, (req) => oneAtATime(async (): Promise<CallToolResult> => {
    const { name, arguments: args } = req.params;
    try {
      const answer = await runTool(name, args, host);
      return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
    } catch (e) {
      if (!(e instanceof AgentInputError || e instanceof AgentToolError)) log(`waymark mcp: ${name}: ${(e as Error)?.stack ?? String(e)}`);
      return { content: [{ type: 'text', text: e instanceof Error ? e.message : String(e) }], isError: true };
    }
  }));

  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [...RESOURCES] }));

  server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
    const { uri } = req.params;
    const resource = RESOURCES.find((r) => r.uri === uri);
    if (!resource) {
      throw new McpError(ErrorCode.InvalidParams, `No resource ${JSON.stringify(uri.slice(0, 100))}: Waymark serves only ${RESOURCES.map((r) => r.uri).join(' and ')}.`);
    }
    const state = await host.state();
    if (resource.name === 'project.yml') return { contents: [{ uri, mimeType: resource.mimeType, text: state.file.text }] };
    if (!state.analysis) throw new McpError(ErrorCode.InternalError, 'project.yml does not parse; read waymark://project.yml or call validate_plan.');
    return { contents: [{ uri, mimeType: resource.mimeType, text: JSON.stringify(state.analysis.status) }] };
  });

  return server;
}

/**
 * Serves the plan file on stdin/stdout until the client closes the
 * connection. The host is made here, not by the caller: dist/mcp.js is its
 * own bundle, and the parsed plans must come from the same core copy as the
 * edits applied to them.
 */
export async function serveStdio(options: FileHostOptions, log: (line: string) => void): Promise<void> {
  const server = createServer(new FileAgentHost(options), log);
  const closed = new Promise<void>((resolve) => { server.onclose = () => resolve(); });
  server.onerror = (e) => log(`waymark mcp: ${e.message}`);
  await server.connect(new StdioServerTransport());
  // The transport does not notice stdin's end by itself.
  process.stdin.once('end', () => { void server.close(); });
  await closed;
}
