/** The official MCP Inspector in CLI mode lists and calls our tools over stdio and over Streamable HTTP. */
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProjectDir, NODE_ARGS, startHttpCli } from './helpers/cli-server.js';
import { REPO_ROOT } from './helpers/spawn-cli.js';

const INSPECTOR = join(REPO_ROOT, 'node_modules/@modelcontextprotocol/inspector-cli/build/cli.js');
const TOKEN = 'inspector-token-0123456789abcdef';
let dir = '';
let http: Awaited<ReturnType<typeof startHttpCli>> | null = null;

function inspector(args: string[]) {
  return execa('node', [INSPECTOR, '--cli', ...args], { cwd: dir, reject: false, timeout: 90_000, env: { SRE_LOG_LEVEL: 'warn' } });
}

beforeAll(async () => {
  dir = makeProjectDir();
  http = await startHttpCli(dir, TOKEN);
}, 90_000);

afterAll(async () => {
  await http?.stop();
});

describe('MCP Inspector CLI', () => {
  it('lists the tools over stdio', async () => {
    const result = await inspector(['node', ...NODE_ARGS, 'mcp', '--method', 'tools/list']);
    expect(result.exitCode, result.stderr).toBe(0);
    const names = (JSON.parse(result.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(names).toContain('ledger_read');
    expect(names).toContain('report_validate');
  });

  it('calls ledger_read over stdio', async () => {
    const result = await inspector(['node', ...NODE_ARGS, 'mcp', '--method', 'tools/call', '--tool-name', 'ledger_read']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ structuredContent: { entries: [] }, _meta: { 'sre-agent/evidenceId': 'E001' } });
  });

  it('lists and calls the tools over HTTP with the bearer token', async () => {
    const list = await inspector([http!.url, '--transport', 'http', '--header', `Authorization: Bearer ${TOKEN}`, '--method', 'tools/list']);
    expect(list.exitCode, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name)).toContain('ledger_read');
    const call = await inspector([http!.url, '--transport', 'http', '--header', `Authorization: Bearer ${TOKEN}`, '--method', 'tools/call', '--tool-name', 'ledger_read', '--tool-arg', 'offset=0']);
    expect(call.exitCode, call.stderr).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({ structuredContent: { entries: [] } });
  });

  it('is turned away over HTTP without the token', async () => {
    const result = await inspector([http!.url, '--transport', 'http', '--method', 'tools/list']);
    expect(result.exitCode).not.toBe(0);
    expect(`${result.stdout}\n${result.stderr}`).toMatch(/401|Unauthorized/);
  });
});

describe('sre-agent mcp --http (process)', () => {
  it('answers 401 without the token and refuses a non-loopback bind', async () => {
    const response = await fetch(http!.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(response.status).toBe(401);
    const remote = await execa('node', [...NODE_ARGS, 'mcp', '--http', '0.0.0.0:0'], { cwd: dir, reject: false, timeout: 60_000 });
    expect(remote.exitCode).toBe(1);
    expect(remote.stderr).toContain('is not a loopback address');
    expect(remote.stderr).toContain('--allow-remote');
  });
});
