/** `sre-agent mcp` over stdio: nothing but JSON-RPC on stdout, malformed lines answered, the SDK client works. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProjectDir, NODE_ARGS } from './helpers/cli-server.js';

let dir = '';
beforeAll(() => {
  dir = makeProjectDir();
});

const lines = (...messages: (object | string)[]) => messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join('\n') + '\n';

describe('sre-agent mcp (stdio)', () => {
  it('writes only JSON-RPC to stdout, answers malformed input with JSON-RPC errors and keeps serving', async () => {
    const input = lines(
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      '{"jsonrpc": "2.0", "id": 2, "method": "tools/list"',
      '{"id": 3, "hello": "world"}',
      { jsonrpc: '2.0', id: 4, method: 'tools/list' },
      { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'ledger_read', arguments: {} } },
    );
    // stdin closes after the input: the server must answer everything, then exit cleanly.
    const result = await execa('node', [...NODE_ARGS, 'mcp'], { cwd: dir, input, reject: false, timeout: 90_000, env: { SRE_LOG_LEVEL: 'info' } });
    expect(result.exitCode).toBe(0);
    const out = result.stdout.split('\n').filter((l) => l.length > 0);
    const messages = out.map((l) => JSON.parse(l) as { jsonrpc: string; id: unknown; result?: { tools?: unknown[] }; error?: { code: number } });
    for (const m of messages) expect(m.jsonrpc).toBe('2.0');
    const byId = (id: unknown) => messages.filter((m) => m.id === id);
    expect(byId(1)[0]!.result).toBeTruthy();
    expect(messages.find((m) => m.error?.code === -32700)).toMatchObject({ id: null });
    expect(byId(3)[0]).toMatchObject({ error: { code: -32600 } });
    expect(byId(4)[0]!.result!.tools!.length).toBeGreaterThan(2);
    expect(byId(5)[0]).toMatchObject({ result: { structuredContent: { entries: [] } } });
    // Logs went to stderr as JSON lines, not to stdout.
    expect(result.stderr).toContain('sre-agent MCP server on stdio');
  });

  it('serves the SDK client: list with annotations, call, and a read-only refusal by name', async () => {
    const transport = new StdioClientTransport({ command: 'node', args: [...NODE_ARGS, 'mcp', '--read-only'], cwd: dir, stderr: 'pipe', env: { ...process.env, SRE_LOG_LEVEL: 'warn' } as Record<string, string> });
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const tools = (await client.listTools()).tools;
      expect(tools.length).toBeGreaterThan(0);
      for (const t of tools) expect(t.annotations?.readOnlyHint).toBe(true);
      const names = tools.map((t) => t.name);
      expect(names).toContain('ledger_read');
      expect(names).not.toContain('backup_create');
      const ledger = await client.callTool({ name: 'ledger_read', arguments: {} });
      expect(ledger.isError).toBeFalsy();
      const refused = await client.callTool({ name: 'backup_create', arguments: {} });
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused.content)).toContain('refused by rule read-only');
      const after = await client.callTool({ name: 'ledger_read', arguments: {} });
      expect((after.structuredContent as { entries: { tool: string; refusedBy?: string }[] }).entries).toEqual([
        expect.objectContaining({ tool: 'ledger_read' }),
        expect.objectContaining({ tool: 'backup_create', refusedBy: 'read-only' }),
      ]);
    } finally {
      await client.close();
    }
  });
});
