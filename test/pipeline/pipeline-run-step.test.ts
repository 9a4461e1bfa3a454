/** pipeline_run_step: an orchestrating agent hands a release to step 7 over MCP and gets the verdict back. */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { silentLogger } from '../../src/log.js';
import { ENGINE_TOOLS } from '../../src/mcp/engine-tools.js';
import { connectInProcess } from '../../src/mcp/in-process.js';
import { createSreServer } from '../../src/mcp/server.js';
import { packagePath } from '../../src/paths.js';
import { Runtime } from '../../src/runtime/run-runtime.js';
import { allTools } from '../../tools/registry.js';

const FIXTURES = packagePath('test', 'fixtures', 'handoffs');
const loaded = loadConfig({ file: join(FIXTURES, 'sre.yaml') });
const runtime = new Runtime();
const ledger = new Ledger();
const server = createSreServer({
  tools: [...allTools(), ...ENGINE_TOOLS],
  caller: 'orchestrator',
  getContext: () => ({
    config: loaded.config,
    configDir: loaded.dir,
    repoDir: loaded.dir,
    outDir: mkdtempSync(join(tmpdir(), 'pipeline-')),
    runId: 'orchestrator',
    handoff: null,
    ledger,
    runtime,
    logger: silentLogger(),
    signal: new AbortController().signal,
  }),
});
const connection = connectInProcess(server, 'orchestrator');
afterAll(async () => {
  await (await connection).close();
  await runtime.close();
});

describe('pipeline_run_step over MCP', () => {
  it('runs step 7 on an inline handoff whose claims contradict its artifacts, and returns blocked with the reason and the step-8 handoff', async () => {
    const { client } = await connection;
    const handoff = JSON.parse(JSON.stringify((await import('yaml')).parse(readFileSync(join(FIXTURES, 'qa-handoff.yaml'), 'utf8'))));
    handoff.artifacts.junit = [join(FIXTURES, '..', 'junit', 'go-junit-report-dorny.xml')];
    handoff.artifacts.coverage = join(FIXTURES, '..', 'coverage', 'lcov-istanbul-branches.info');
    handoff.claims.tests = { passed: 5, failed: 0, skipped: 0, total: 5 }; // the JUnit file says 2 passed, 2 failed, 1 skipped
    const out = mkdtempSync(join(tmpdir(), 'pipeline-run-'));
    const result = await client.callTool({ name: 'pipeline_run_step', arguments: { handoff, out } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const data = result.structuredContent as { status: string; blockingReasons: string[]; outDir: string; sreHandoff: { status: string } };
    expect(data.status).toBe('blocked');
    expect(data.blockingReasons.join('\n')).toMatch(/QA handoff:/);
    expect(data.outDir).toBe(out);
    expect(data.sreHandoff.status).toBe('blocked');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.pipeline.tests).toMatchObject({ passed: 2, failed: 2, skipped: 1, total: 5 });
    const nested = readFileSync(join(out, 'ledger.jsonl'), 'utf8');
    expect(nested).not.toContain('"tool":"deploy_execute"');
  });

  it('answers a schema-invalid inline handoff with the field that is wrong', async () => {
    const { client } = await connection;
    const result = await client.callTool({ name: 'pipeline_run_step', arguments: { handoff: { release: { version: 'one' } } } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/release\.version.*semantic version/);
  });
});
