/**
 * MCP bench: engine overhead per tool call through the in-process MCP client against a direct handler call,
 * a stdio round trip, cold start from process launch to the `initialize` answer (target < 300 ms), and the
 * token count of the system prompt plus tool definitions (target < 8,000, counted with gpt-tokenizer).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { countTokens } from 'gpt-tokenizer';
import { z } from 'zod';
import { SreConfig } from '../schemas/config.js';
import { QaHandoff } from '../schemas/qa-handoff.js';
import { renderMasterPrompt } from '../src/agent/master-prompt.js';
import { KICKOFF } from '../src/agent/providers/openai/agent-loop.js';
import { submitReportDefinition } from '../src/agent/providers/openai/submit-report-tool.js';
import { buildFunctionCatalog } from '../src/agent/providers/openai/tool-definitions.js';
import { Ledger } from '../src/ledger/ledger.js';
import { silentLogger } from '../src/log.js';
import { ENGINE_TOOLS } from '../src/mcp/engine-tools.js';
import { connectInProcess } from '../src/mcp/in-process.js';
import { createSreServer } from '../src/mcp/server.js';
import { Runtime } from '../src/runtime/run-runtime.js';
import { allTools } from '../tools/registry.js';
import { defineTool, type AnyToolModule, type ToolContext } from '../tools/tool.js';
import { median } from './support/median.js';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE_CONFIG = { service: { name: 'demo' }, environments: { staging: { baseUrl: 'http://127.0.0.1:18081' }, production: { baseUrl: 'http://127.0.0.1:18082' } } };
const SAMPLE_HANDOFF = QaHandoff.parse({
  release: { version: '1.3.0', commit: 'abc123def456', branch: 'main', previousVersion: '1.2.0' },
  qa: { verdict: 'approved', reasons: ['220/220 tests passed'] },
  claims: { tests: { passed: 220, total: 220 }, coverage: { lines: 92 } },
  migrations: [{ name: '0006_feature', reverse: '0005_previous_migration' }],
  featureFlags: [{ key: 'new-endpoint', description: 'New features endpoint' }],
  artifacts: { junit: ['reports/junit.xml'], coverage: 'reports/coverage.xml' },
  notes: 'Smoke-tested manually in QA.',
});

/** A tool whose handler does almost nothing, so the measured difference is the engine path itself. */
const echoTool = defineTool({
  name: 'bench_echo',
  title: 'Echo',
  description: 'Return the input.',
  input: z.object({ value: z.string() }),
  output: z.object({ value: z.string() }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input) => ({ value: input.value }),
});

function context(): ToolContext & { ledger: Ledger } {
  return {
    config: SreConfig.parse(SAMPLE_CONFIG),
    configDir: tmpdir(),
    repoDir: tmpdir(),
    outDir: mkdtempSync(join(tmpdir(), 'sre-bench-mcp-')),
    runId: 'bench',
    handoff: { data: SAMPLE_HANDOFF, file: null, dir: tmpdir() },
    ledger: new Ledger(),
    runtime: new Runtime(),
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
}

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function engineOverhead(): Promise<void> {
  const ctx = context();
  const server = createSreServer({ tools: [echoTool as unknown as AnyToolModule], getContext: () => ctx, caller: 'bench' });
  const { client, close } = await connectInProcess(server, 'bench');
  const N = 2_000;
  await timeEach(200, () => client.callTool({ name: 'bench_echo', arguments: { value: 'x' } }));
  await timeEach(200, () => echoTool.handler({ value: 'x' }, ctx));
  const viaMcp = median(await timeEach(N, () => client.callTool({ name: 'bench_echo', arguments: { value: 'x' } })));
  const direct = median(await timeEach(N, () => echoTool.handler({ value: 'x' }, ctx)));
  await close();
  console.log(`engine overhead per tool call (n=${N}, medians): in-process MCP client ${(viaMcp * 1000).toFixed(1)} µs, direct handler ${(direct * 1000).toFixed(2)} µs, ` + `overhead ${((viaMcp - direct) * 1000).toFixed(1)} µs, ratio ${(viaMcp / direct).toFixed(0)}x (policy, approval check, zod in/out, ledger append, JSON text)`);
}

/** How to launch `sre-agent mcp`: the built CLI when present (what users run), else from source through tsx. */
function serverCommand(): { args: string[]; label: string } {
  const built = join(ROOT, 'dist/src/cli/main.js');
  if (existsSync(built)) return { args: [join(ROOT, 'bin/sre-agent.js'), 'mcp'], label: 'node bin/sre-agent.js mcp (dist)' };
  const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  return { args: ['--import', loader, join(ROOT, 'test/mcp/helpers/cli-entry.ts'), 'mcp'], label: 'tsx from source (no dist build found)' };
}

function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sre-bench-mcp-'));
  writeFileSync(join(dir, 'sre.yaml'), 'service:\n  name: demo\nenvironments:\n  staging:\n    baseUrl: http://127.0.0.1:18081\n  production:\n    baseUrl: http://127.0.0.1:18082\n');
  return dir;
}

async function stdioRoundTrip(): Promise<void> {
  const { args, label } = serverCommand();
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args, cwd: projectDir(), stderr: 'ignore', env: { ...process.env, SRE_LOG_LEVEL: 'warn' } as Record<string, string> }));
  const call = () => client.callTool({ name: 'ledger_read', arguments: { id: 'E999999' } });
  await timeEach(50, call);
  const calls = await timeEach(300, call);
  const pings = await timeEach(300, () => client.ping());
  await client.close();
  console.log(`stdio round trip (${label}, n=300, medians): tools/call ledger_read ${median(calls).toFixed(2)} ms, ping ${median(pings).toFixed(2)} ms`);
}

/** Launch the server and time until the answer to `initialize` arrives on stdout. */
function coldStartOnce(args: string[], cwd: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, SRE_LOG_LEVEL: 'warn' } });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no initialize answer within 30 s'));
    }, 30_000);
    child.stdout.once('data', () => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      child.stdin.end();
      child.once('exit', () => resolvePromise(ms));
    });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } })}\n`);
  });
}

async function coldStart(): Promise<void> {
  const { args, label } = serverCommand();
  const cwd = projectDir();
  await coldStartOnce(args, cwd);
  const runs: number[] = [];
  for (let i = 0; i < 7; i += 1) runs.push(await coldStartOnce(args, cwd));
  const bare: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t0 = performance.now();
    await new Promise<void>((r) => spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).once('exit', () => r()));
    bare.push(performance.now() - t0);
  }
  const m = median(runs);
  console.log(`cold start to initialize answer (${label}, n=${runs.length}): median ${m.toFixed(0)} ms (min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)}); bare node start ${median(bare).toFixed(0)} ms; target < 300 ms: ${m < 300 ? 'met' : 'NOT met'}`);
}

async function promptTokens(): Promise<void> {
  const config = SreConfig.parse(SAMPLE_CONFIG);
  const server = createSreServer({ tools: [...allTools(), ...ENGINE_TOOLS], getContext: () => context(), caller: 'bench' });
  const { client, close } = await connectInProcess(server, 'bench');
  const listed = await client.listTools();
  await close();
  const catalog = buildFunctionCatalog(listed.tools);
  const submit = submitReportDefinition().definition;
  const system = renderMasterPrompt(config, SAMPLE_HANDOFF);
  const prompt = countTokens(system) + countTokens(KICKOFF);
  const tools = countTokens(JSON.stringify(catalog.definitions));
  const submitTokens = countTokens(JSON.stringify(submit));
  const total = prompt + tools + submitTokens;
  console.log(
    `tokens (gpt-tokenizer, o200k_base): system prompt + engine rules ${prompt}, ${listed.tools.length} tool definitions ${tools}, submit_report ${submitTokens}; ` +
      `total ${total}; target < 8000: ${total < 8000 ? 'met' : 'NOT met'}; non-strict tools: ${catalog.nonStrict.map((t) => `${t.name} (${t.reason})`).join(', ') || 'none'}`,
  );
}

/** Print every figure (called by `npm run bench`). */
export async function run(): Promise<void> {
  await engineOverhead();
  await stdioRoundTrip();
  await coldStart();
  await promptTokens();
}
