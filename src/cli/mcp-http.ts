/** `sre-agent mcp --http`: Streamable HTTP transport (loopback, bearer token). Completed by the MCP transport work. */
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import type { McpCommandOptions } from './mcp.js';

/** Serve MCP over HTTP on `listen`. */
export async function mcpHttpCommand(options: McpCommandOptions & { listen: string }, logger: Logger): Promise<void> {
  logger.error({ listen: options.listen }, 'HTTP transport requested');
  throw new UserError('sre-agent mcp --http is not available in this build yet; use stdio (sre-agent mcp)');
}
