/**
 * MCP over Streamable HTTP for editors: one MCP server (and ledger) per HTTP session, a bearer token on every
 * request, and Host/Origin checks against DNS rebinding (done here: the SDK's own options for it are deprecated).
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';

export const MCP_PATH = '/mcp';
/** Request bodies above this are refused (JSON-RPC messages are small; the SDK uses the same bound). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface McpSession {
  server: McpServer;
  /** Stop what the session started (processes, temp state). */
  close: () => Promise<void>;
}

export interface HttpMcpOptions {
  host: string;
  port: number;
  token: string;
  /** Extra Host names and Origins accepted besides loopback (a remote bind adds its own host). */
  allowedHosts?: string[];
  allowedOrigins?: string[];
  /** Skip the Host check (wildcard binds, where any Host may name this machine); the token still applies. */
  anyHost?: boolean;
  createSession: () => McpSession;
  logger: Logger;
}

export interface HttpMcpServer {
  url: string;
  sessionCount: () => number;
  close: () => Promise<void>;
}

/** True for names that always mean this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

function hostnameOf(value: string, withScheme: boolean): string | null {
  try {
    return new URL(withScheme ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Start serving; resolves once listening. */
export async function startHttpMcp(options: HttpMcpOptions): Promise<HttpMcpServer> {
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; session: McpSession }>();
  const allowedHosts = new Set(options.allowedHosts ?? []);
  const allowedOrigins = new Set(options.allowedOrigins ?? []);

  const closeSession = async (id: string) => {
    const entry = sessions.get(id);
    if (!entry) return;
    sessions.delete(id);
    await entry.session.server.close().catch(() => undefined);
    await entry.session.close().catch((error: unknown) => options.logger.warn({ err: error, session: id }, 'session cleanup failed'));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // 1. DNS rebinding: the Host must name this machine (or an allowed name), a browser Origin must be local too.
    const host = hostnameOf(req.headers.host ?? '', false);
    if (!options.anyHost && (!host || !(isLoopbackHost(host) || allowedHosts.has(host)))) return jsonRpcError(res, 403, -32000, `Forbidden: Host ${req.headers.host ?? '(none)'} is not allowed`);
    const origin = req.headers.origin;
    if (origin && !allowedOrigins.has(origin)) {
      const originHost = hostnameOf(origin, true);
      if (!originHost || !isLoopbackHost(originHost)) return jsonRpcError(res, 403, -32000, `Forbidden: Origin ${origin} is not allowed`);
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) return jsonRpcError(res, 404, -32000, `Not found: the MCP endpoint is ${MCP_PATH}`);
    // 2. Bearer token.
    if (!tokenMatches(req.headers.authorization, options.token)) {
      return jsonRpcError(res, 401, -32001, 'Unauthorized: send Authorization: Bearer <token> (SRE_AGENT_MCP_TOKEN)', { 'www-authenticate': 'Bearer realm="sre-agent"' });
    }
    // 3. Route to the session, or open one on initialize.
    const sessionId = req.headers['mcp-session-id'];
    let parsedBody: unknown;
    if (req.method === 'POST') {
      const text = await readBody(req);
      if (text === null) return jsonRpcError(res, 413, -32600, `Invalid Request: body larger than ${MAX_BODY_BYTES} bytes`);
      try {
        parsedBody = JSON.parse(text);
      } catch (error) {
        return jsonRpcError(res, 400, -32700, `Parse error: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (typeof sessionId === 'string') {
      const entry = sessions.get(sessionId);
      if (!entry) return jsonRpcError(res, 404, -32001, `Session not found: ${sessionId} (it ended or never existed); initialize a new one`);
      return entry.transport.handleRequest(req, res, parsedBody);
    }
    if (req.method !== 'POST' || !isInitializeRequest(parsedBody)) {
      return jsonRpcError(res, 400, -32000, 'Bad Request: no mcp-session-id header; the first request of a session must be initialize');
    }
    const session = options.createSession();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, session });
      },
      onsessionclosed: (id) => closeSession(id),
    });
    transport.onclose = () => {
      if (transport.sessionId) void closeSession(transport.sessionId);
    };
    await session.server.connect(transport);
    await transport.handleRequest(req, res, parsedBody);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'MCP HTTP request failed');
      jsonRpcError(res, 500, -32603, 'Internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}${MCP_PATH}`,
    sessionCount: () => sessions.size,
    close: async () => {
      await Promise.all([...sessions.keys()].map((id) => closeSession(id)));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
