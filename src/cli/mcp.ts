/** `sre-agent mcp`: serve the tools to an editor over stdio (nothing but protocol on stdout). */
import { resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from 'pino';
import type { AnyToolModule, ToolContext } from '../../tools/tool.js';
import { loadConfig } from '../config/load-config.js';
import { loadHandoff } from '../config/load-handoff.js';
import { Ledger } from '../ledger/ledger.js';
import { createApprovalHook } from '../agent/approval.js';
import { createElicitationApproval } from '../mcp/elicitation-approval.js';
import { ENGINE_TOOLS } from '../mcp/engine-tools.js';
import { addToolModules, createSreServer, type ApprovalHook, type SreServerOptions } from '../mcp/server.js';
import { StdioJsonRpcTransport } from '../mcp/stdio-transport.js';
import { Runtime } from '../runtime/run-runtime.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface McpCommandOptions {
  config?: string;
  handoff?: string;
  readOnly?: boolean;
  out?: string;
}

/** Build a per-session context factory: sre.yaml is loaded on first use so a missing one is a tool error, not a crash. */
export function sessionContextFactory(options: McpCommandOptions, logger: Logger): { getContext: () => ToolContext & { ledger: Ledger }; runtime: Runtime } {
  const runtime = new Runtime();
  const ledger = new Ledger();
  const abort = new AbortController();
  let ctx: (ToolContext & { ledger: Ledger }) | undefined;
  const getContext = () => {
    if (ctx) return ctx;
    const loaded = loadConfig({ file: options.config });
    const handoff = options.handoff ? loadHandoff(options.handoff) : null;
    const outDir = options.out ? resolve(options.out) : mkdtempSync(join(tmpdir(), 'sre-agent-mcp-'));
    ctx = {
      config: loaded.config,
      configDir: loaded.dir,
      repoDir: resolve(loaded.dir, loaded.config.service.repository),
      outDir,
      runId: `mcp-${process.pid}`,
      handoff,
      ledger,
      runtime,
      logger,
      signal: abort.signal,
    };
    return ctx;
  };
  return { getContext, runtime };
}

/** The domain tool modules (loaded on demand: they are most of the start-up time). */
export async function loadDomainTools(): Promise<AnyToolModule[]> {
  const { allTools } = await import('../../tools/registry.js');
  return allTools();
}

/**
 * One MCP session: its own ledger and runtime; approvals asked over MCP (elicitation) or decided by the sre.yaml
 * policy. `tools` are the domain tools (the engine tools are always there); more can be added with addToolModules.
 */
export function createSessionServer(options: McpCommandOptions, logger: Logger, caller: string, tools: AnyToolModule[]): { server: McpServer; runtime: Runtime; serverOptions: SreServerOptions } {
  const { getContext, runtime } = sessionContextFactory(options, logger);
  // No terminal to ask on: stdin carries the protocol (stdio) or there is none (HTTP).
  const policy: ApprovalHook = (request) => createApprovalHook(getContext().config, { interactive: false })(request);
  const serverOptions: SreServerOptions = {
    tools: [...tools, ...ENGINE_TOOLS],
    getContext,
    caller,
    readOnly: options.readOnly,
    approve: createElicitationApproval(() => server, policy),
  };
  const server: McpServer = createSreServer(serverOptions);
  return { server, runtime, serverOptions };
}

/** Serve over stdio until the client disconnects. */
export async function mcpCommand(options: McpCommandOptions, logger: Logger): Promise<void> {
  const { server, runtime, serverOptions } = createSessionServer(options, logger, 'mcp-stdio', []);
  const transport = new StdioJsonRpcTransport();
  // Answer initialize first, load the domain tools meanwhile; other requests wait for them (see holdUntil).
  const ready = loadDomainTools().then((tools) => {
    const notify = server.sendToolListChanged.bind(server);
    server.sendToolListChanged = () => undefined; // no client has listed tools yet: nothing changed for anyone
    try {
      addToolModules(server, tools, serverOptions);
    } finally {
      server.sendToolListChanged = notify;
    }
    logger.info({ tools: tools.length + ENGINE_TOOLS.length }, 'sre-agent MCP server on stdio');
  });
  transport.holdUntil(ready);
  const closed = new Promise<void>((resolveClosed) => {
    transport.onclose = () => resolveClosed();
  });
  await server.connect(transport);
  // End of input: answer what was asked, then close.
  process.stdin.on('end', () => void transport.whenIdle().then(() => server.close()));
  await closed;
  await runtime.close();
}
