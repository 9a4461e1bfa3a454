/** `sre-agent mcp`: serve the tools to an editor over stdio (nothing but protocol on stdout). */
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from 'pino';
import { allTools } from '../../tools/registry.js';
import type { ToolContext } from '../../tools/tool.js';
import { loadConfig } from '../config/load-config.js';
import { loadHandoff } from '../config/load-handoff.js';
import { Ledger } from '../ledger/ledger.js';
import { ENGINE_TOOLS } from '../mcp/engine-tools.js';
import { createSreServer } from '../mcp/server.js';
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

/** Serve over stdio until the client disconnects. */
export async function mcpCommand(options: McpCommandOptions, logger: Logger): Promise<void> {
  const { getContext, runtime } = sessionContextFactory(options, logger);
  const server = createSreServer({ tools: [...allTools(), ...ENGINE_TOOLS], getContext, caller: 'mcp-stdio', readOnly: options.readOnly });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolveClosed) => {
    transport.onclose = () => resolveClosed();
  });
  await server.connect(transport);
  logger.info({ tools: allTools().length + ENGINE_TOOLS.length }, 'sre-agent MCP server on stdio');
  process.stdin.on('end', () => void server.close());
  await closed;
  await runtime.close();
}
