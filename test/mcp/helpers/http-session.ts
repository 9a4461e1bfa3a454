/** An HTTP MCP server in the test process with a small tool set, one context (and ledger) per session. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createApprovalHook } from '../../../src/agent/approval.js';
import { silentLogger } from '../../../src/log.js';
import { createElicitationApproval } from '../../../src/mcp/elicitation-approval.js';
import { ENGINE_TOOLS } from '../../../src/mcp/engine-tools.js';
import { startHttpMcp, type HttpMcpServer } from '../../../src/mcp/http-transport.js';
import { createSreServer } from '../../../src/mcp/server.js';
import { makeToolContext } from '../../helpers/tool-context.js';
import { destructiveTools, testTools } from '../../openai/helpers/test-tools.js';

export const TOKEN = 'test-token-0123456789abcdef';

export interface TestHttpServer {
  http: HttpMcpServer;
  executed: string[];
  contexts: ReturnType<typeof makeToolContext>[];
}

/** Start on 127.0.0.1:0; every session gets a fresh context (ledger) and the approval-by-elicitation hook. */
export async function startTestHttpServer(options: { readOnly?: boolean } = {}): Promise<TestHttpServer> {
  const { tools, executed } = destructiveTools();
  const contexts: ReturnType<typeof makeToolContext>[] = [];
  const http = await startHttpMcp({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    logger: silentLogger(),
    createSession: () => {
      const ctx = makeToolContext();
      contexts.push(ctx);
      const policy = createApprovalHook(ctx.config, { interactive: false });
      const server: McpServer = createSreServer({
        tools: [...testTools, ...tools, ...ENGINE_TOOLS],
        getContext: () => ctx,
        caller: 'mcp-http-test',
        readOnly: options.readOnly,
        approve: createElicitationApproval(() => server, policy),
      });
      return { server, close: async () => void (await ctx.runtime.close()) };
    },
  });
  return { http, executed, contexts };
}

/** An SDK client over Streamable HTTP with the bearer token; `elicit` answers approval requests when given. */
export async function connectClient(url: string, options: { token?: string; elicit?: (message: string) => { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> } } = {}): Promise<Client> {
  const client = new Client({ name: 'test-editor', version: '1.0.0' }, { capabilities: options.elicit ? { elicitation: {} } : {} });
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, async (request) => answer(String(request.params.message)));
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${options.token ?? TOKEN}` } } });
  await client.connect(transport);
  return client;
}
