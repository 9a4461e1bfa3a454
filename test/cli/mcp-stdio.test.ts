/** `sre-agent mcp` as a child process: protocol-only stdout, tools, a call, the master prompt. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';

const BIN = packagePath('bin', 'sre-agent.js');
const FIXTURES = packagePath('test', 'fixtures', 'handoffs');
const ARGS = [BIN, 'mcp', '--config', join(FIXTURES, 'sre.yaml'), '--handoff', join(FIXTURES, 'qa-handoff.yaml')];

describe('sre-agent mcp over stdio', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: ARGS, stderr: 'ignore', cwd: FIXTURES }));
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists the engine and domain tools with schemas and annotations', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toContain('report_validate');
    expect(names).toContain('ledger_read');
    const validate = tools.find((t) => t.name === 'report_validate')!;
    expect(validate.inputSchema.type).toBe('object');
    expect(validate.outputSchema?.type).toBe('object');
    expect(validate.annotations?.readOnlyHint).toBe(true);
  });

  it('calls a tool and records it in the session ledger', async () => {
    const first = await client.callTool({ name: 'report_validate', arguments: { report: { status: 'delivered' } } });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({ accepted: false, status: null });
    const listed = await client.callTool({ name: 'ledger_read', arguments: {} });
    const entries = (listed.structuredContent as { entries: Array<{ id: string; tool: string }> }).entries;
    expect(entries[0]).toMatchObject({ id: 'E001', tool: 'report_validate' });
  });

  it('serves the master prompt filled in with the handoff, and the contracts as resources', async () => {
    const prompt = await client.getPrompt({ name: 'sre-master', arguments: {} });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('# Super Agente: SRE — Engine Prompt Mestre');
    expect(text).toContain('**Release**: v1.3.0');
    expect(text).toContain('## CHECKLIST ANTES DE ENTREGAR');
    const resource = await client.readResource({ uri: 'sre://schemas/report' });
    expect(JSON.parse((resource.contents[0] as { text: string }).text).type).toBe('object');
  });
});

describe('sre-agent mcp stdout', () => {
  it('writes nothing but JSON-RPC messages to stdout, and answers malformed input with an error', async () => {
    const child = spawn(process.execPath, ARGS, { cwd: FIXTURES, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const send = (msg: unknown) => child.stdin.write(`${typeof msg === 'string' ? msg : JSON.stringify(msg)}\n`);
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send('{ this is not json');
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'ledger_read', arguments: {} } });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to id 3; stdout so far: ${stdout.slice(0, 500)}`)), 15_000);
      child.stdout.on('data', () => {
        if (stdout.includes('"id":3')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.stdin.end();
    await new Promise((resolve) => child.on('exit', resolve));
    const lines = stdout.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const message = JSON.parse(line) as { jsonrpc?: string };
      expect(message.jsonrpc).toBe('2.0');
    }
    expect(lines.some((l) => l.includes('"id":2') && l.includes('"tools"'))).toBe(true);
  });
});
