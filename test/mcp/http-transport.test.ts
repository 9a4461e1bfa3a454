/** MCP over Streamable HTTP: token, Host/Origin checks, a ledger per session, read-only gate, malformed input, elicitation. */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { parseListen } from '../../src/cli/mcp-http.js';
import { connectClient, startTestHttpServer, TOKEN, type TestHttpServer } from './helpers/http-session.js';

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

let server: TestHttpServer | null = null;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined);
  await server?.http.close();
  server = null;
});

/** A raw HTTP request (node:http lets the test set Host and Origin freely). */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: init.method ?? 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...init.headers }, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 5 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

async function client(options: Parameters<typeof connectClient>[1] = {}) {
  const c = await connectClient(server!.http.url, options);
  clients.push(c);
  return c;
}

describe('MCP Streamable HTTP transport', () => {
  it('answers 401 without the bearer token or with a wrong one, 200 with it', async () => {
    server = await startTestHttpServer();
    const body = JSON.stringify(INITIALIZE);
    const none = await raw(server.http.url, { body });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(JSON.parse(none.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
    expect((await raw(server.http.url, { body, headers: { authorization: 'Bearer wrong-token-0123456789abc' } })).status).toBe(401);
    const ok = await raw(server.http.url, { body, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers['mcp-session-id']).toBeTruthy();
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    server = await startTestHttpServer();
    const body = JSON.stringify(INITIALIZE);
    const port = new URL(server.http.url).port;
    const host = await raw(server.http.url, { body, headers: { authorization: `Bearer ${TOKEN}`, host: `evil.example:${port}` } });
    expect(host.status).toBe(403);
    expect(host.body).toContain('Host evil.example');
    const origin = await raw(server.http.url, { body, headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' } });
    expect(origin.status).toBe(403);
    expect(origin.body).toContain('Origin https://evil.example');
    const local = await raw(server.http.url, { body, headers: { authorization: `Bearer ${TOKEN}`, origin: 'http://localhost:5173' } });
    expect(local.status).toBe(200);
  });

  it('lists and calls tools with the SDK client, with a separate ledger per session', async () => {
    server = await startTestHttpServer();
    const a = await client();
    const b = await client();
    const listed = await a.listTools();
    const byName = new Map(listed.tools.map((t) => [t.name, t]));
    expect(byName.get('env_url')!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.get('deploy_execute')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    const call = await a.callTool({ name: 'env_url', arguments: { environment: 'production' } });
    expect(call.structuredContent).toEqual({ environment: 'production', baseUrl: 'http://127.0.0.1:18082' });
    expect(call._meta).toEqual({ 'sre-agent/evidenceId': 'E001' });
    const ledgerA = await a.callTool({ name: 'ledger_read', arguments: {} });
    const ledgerB = await b.callTool({ name: 'ledger_read', arguments: {} });
    expect((ledgerA.structuredContent as { entries: { tool: string }[] }).entries.map((e) => e.tool)).toEqual(['env_url']);
    expect((ledgerB.structuredContent as { entries: unknown[] }).entries).toEqual([]);
    expect(server.http.sessionCount()).toBe(2);
  });

  it('--read-only serves only read-only tools and refuses a hidden tool called by name', async () => {
    server = await startTestHttpServer({ readOnly: true });
    const c = await client();
    const names = (await c.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(['env_url', 'ledger_read', 'report_validate']);
    const refused = await c.callTool({ name: 'deploy_execute', arguments: { environment: 'staging' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain('refused by rule read-only');
    expect(server.executed).toEqual([]);
    expect(server.contexts[0]!.ledger.all()[0]).toMatchObject({ tool: 'deploy_execute', ok: false, refused: { rule: 'read-only' } });
    const unknown = await c.callTool({ name: 'no_such_tool', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(JSON.stringify(unknown.content)).toContain('not found');
  });

  it('answers malformed JSON with a JSON-RPC parse error and keeps serving the session', async () => {
    server = await startTestHttpServer();
    const init = await raw(server.http.url, { body: JSON.stringify(INITIALIZE), headers: { authorization: `Bearer ${TOKEN}` } });
    const session = String(init.headers['mcp-session-id']);
    const auth = { authorization: `Bearer ${TOKEN}`, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' };
    const bad = await raw(server.http.url, { body: '{"jsonrpc": "2.0", "id": 2, "method": ', headers: auth });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    const notRpc = await raw(server.http.url, { body: '{"hello": "world"}', headers: auth });
    expect(notRpc.status).toBe(400);
    expect(JSON.parse(notRpc.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    await raw(server.http.url, { body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), headers: auth });
    const list = await raw(server.http.url, { body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }), headers: auth });
    expect(list.status).toBe(200);
    expect(list.body).toContain('env_url');
  });

  it('asks the editor user by elicitation before a destructive action, and obeys the answer', async () => {
    server = await startTestHttpServer();
    const messages: string[] = [];
    const yes = await client({ elicit: (m) => (messages.push(m), { action: 'accept', content: { approve: true } }) });
    const approved = await yes.callTool({ name: 'rollback_execute', arguments: { environment: 'production', scenario: 'feature_flag' } });
    expect(approved.isError).toBeFalsy();
    expect(messages[0]).toContain('rollback execution');
    expect(server.executed).toEqual(['rollback_execute production']);

    const no = await client({ elicit: () => ({ action: 'decline' }) });
    const declined = await no.callTool({ name: 'rollback_execute', arguments: { environment: 'production' } });
    expect(declined.isError).toBe(true);
    expect(JSON.stringify(declined.content)).toContain('declined');

    // A client that cannot be asked falls back to the approval policy (default: ask, and nobody to ask → refused).
    const mute = await client();
    const refused = await mute.callTool({ name: 'rollback_execute', arguments: { environment: 'production' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain('not approved: rollback execution');
    expect(server.executed).toEqual(['rollback_execute production']);
  });
});

describe('--http address', () => {
  it('binds loopback only unless --allow-remote is given', () => {
    expect(parseListen('127.0.0.1:8765')).toEqual({ host: '127.0.0.1', port: 8765 });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(() => parseListen('0.0.0.0:8765')).toThrow(/not a loopback address.*--allow-remote/);
    expect(() => parseListen('192.168.1.10:8765')).toThrow(/--allow-remote/);
    expect(parseListen('192.168.1.10:8765', true)).toEqual({ host: '192.168.1.10', port: 8765 });
    expect(() => parseListen('localhost')).toThrow(/expected HOST:PORT/);
  });
});
