/** `sre-agent mcp --http HOST:PORT`: Streamable HTTP for editors (loopback unless --allow-remote, bearer token). */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import { isLoopbackHost, startHttpMcp, type HttpMcpServer } from '../mcp/http-transport.js';
import { createSessionServer, loadDomainTools, type McpCommandOptions } from './mcp.js';

export interface McpHttpOptions extends McpCommandOptions {
  listen: string;
  allowRemote?: boolean;
}

/** Split HOST:PORT ([::1]:PORT for IPv6) and refuse a non-loopback host unless remote access was asked for. */
export function parseListen(listen: string, allowRemote = false): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(listen);
  if (!match) throw new UserError(`--http ${listen}: expected HOST:PORT such as 127.0.0.1:8765`, { field: 'http' });
  const host = match[1]!.replace(/^\[|\]$/g, '');
  const port = Number(match[2]);
  if (port > 65_535) throw new UserError(`--http ${listen}: port ${port} is out of range (0-65535)`, { field: 'http' });
  if (!isLoopbackHost(host) && !allowRemote) {
    throw new UserError(`--http ${listen}: ${host} is not a loopback address; the MCP server binds to 127.0.0.1 unless you also pass --allow-remote`, { field: 'http' });
  }
  return { host, port };
}

/** Start the HTTP server (exported for tests); the token comes from SRE_AGENT_MCP_TOKEN or is generated. */
export async function startMcpHttp(options: McpHttpOptions, logger: Logger, token: string): Promise<HttpMcpServer> {
  const { host, port } = parseListen(options.listen, options.allowRemote);
  const wildcard = host === '0.0.0.0' || host === '::';
  if (wildcard) logger.warn('bound to every interface: Host checks are off, the bearer token is the only guard');
  const tools = await loadDomainTools();
  return startHttpMcp({
    host,
    port,
    token,
    allowedHosts: options.allowRemote && !wildcard ? [host] : [],
    anyHost: wildcard,
    logger,
    createSession: () => {
      const { server, runtime } = createSessionServer(options, logger, 'mcp-http', tools);
      return { server, close: async () => void (await runtime.close()) };
    },
  });
}

/** Serve MCP over HTTP on `listen` until SIGINT/SIGTERM. */
export async function mcpHttpCommand(options: McpHttpOptions, logger: Logger): Promise<void> {
  const fromEnv = process.env.SRE_AGENT_MCP_TOKEN;
  const token = fromEnv && fromEnv.length > 0 ? fromEnv : randomBytes(24).toString('base64url');
  const http = await startMcpHttp(options, logger, token);
  // stderr, not the log: the user needs the token itself to configure the editor (never written to a file).
  process.stderr.write(`sre-agent MCP server on ${http.url}${options.readOnly ? ' (read-only)' : ''}\n`);
  if (!fromEnv) process.stderr.write(`bearer token (set SRE_AGENT_MCP_TOKEN to choose one): ${token}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await http.close();
}
