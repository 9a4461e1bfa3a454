/**
 * Done-when: `sre-agent run --model openai:any --base-url URL` against the replay server produces the report the
 * playbook produces when the scripted model makes the playbook's decisions (same tools, same order, same report).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../schemas/ledger-entry.js';
import type { Report } from '../../schemas/report.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadHandoff } from '../../src/config/load-handoff.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { draftReport } from '../../src/report/draft-report.js';
import { cliArgv, REPO_ROOT } from '../mcp/helpers/spawn-cli.js';
import { ReplayServer, type ChatBody } from './helpers/replay-server.js';

const API_KEY = 'sk-clireplay0123456789abcdefXYZ';
/** The playbook's first steps, in its order (ci_run_tests/ci_security_scan are skipped: no commands configured). */
const PLAYBOOK_OPENING = ['qa_handoff_verify', 'ci_detect_project', 'ci_validate_pipeline'];

let dir = '';
let server: ReplayServer;

/** Rebuild the run's ledger from its JSONL file (ids are sequential, so they come out the same). */
function ledgerFrom(file: string): Ledger {
  const ledger = new Ledger();
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const { id: _id, ...entry } = JSON.parse(line) as LedgerEntry;
    ledger.append(entry);
  }
  return ledger;
}

/** The playbook's decision after its opening: QA and CI gates did not both pass (no test command), so stop. */
function playbookStopReason(ledger: Ledger): string {
  const qa = ledger.lastOk<Record<string, unknown>>('qa_handoff_verify');
  const qaOk = Boolean(qa && (qa.output as Record<string, unknown>).verdict === 'approved' && (qa.output as Record<string, unknown>).consistent === true);
  return !qaOk ? 'QA handoff not approved or inconsistent with its artifacts: no deploy' : 'CI gates (tests, coverage, security) did not pass: no deploy';
}

/** A report with evidence ids replaced by "<tool>#<n>" (model calls shift the ids) and run-specific fields dropped. */
function normalise(report: Report, ledgerFile: string): unknown {
  const entries = readFileSync(ledgerFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LedgerEntry);
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const e of entries.filter((x) => x.kind === 'tool_call')) {
    const n = (seen.get(e.tool) ?? 0) + 1;
    seen.set(e.tool, n);
    names.set(e.id, `${e.tool}#${n}`);
  }
  const { usage: _usage, ...rest } = report;
  const text = JSON.stringify({ ...rest, release: { ...rest.release, date: 'DATE' } }).replace(/E\d{3,}/g, (id) => names.get(id) ?? `UNKNOWN:${id}`);
  return JSON.parse(text);
}

async function runCli(model: string, out: string, baseUrl?: string) {
  const args = ['run', '--handoff', join(dir, 'qa-handoff.json'), '--config', join(dir, 'sre.yaml'), '--model', model, '--out', out, '--json', ...(baseUrl ? ['--base-url', baseUrl] : [])];
  return execa('node', cliArgv(args), { cwd: REPO_ROOT, reject: false, timeout: 120_000, env: { OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: '', SRE_LOG_LEVEL: 'warn' } });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sre-cli-replay-'));
  writeFileSync(join(dir, 'sre.yaml'), 'service:\n  name: demo\nenvironments:\n  staging:\n    baseUrl: http://127.0.0.1:18081\n  production:\n    baseUrl: http://127.0.0.1:18082\n');
  writeFileSync(
    join(dir, 'qa-handoff.json'),
    JSON.stringify({ release: { version: '1.3.0', commit: 'abc1234', branch: 'main', previousVersion: '1.2.0' }, qa: { verdict: 'approved' }, claims: { tests: { passed: 10, total: 10 }, coverage: { lines: 90 } } }),
  );
  const out = join(dir, 'openai-out');
  const config = loadConfig({ file: join(dir, 'sre.yaml') }).config;
  const handoff = loadHandoff(join(dir, 'qa-handoff.json')).data;
  server = new ReplayServer([
    // Turn 1: the playbook's opening calls, limited to the tools this build serves (the playbook skips the others too).
    { reply: (body: ChatBody) => ({ toolCalls: PLAYBOOK_OPENING.filter((n) => body.tools!.some((t) => t.function.name === n)).map((name) => ({ name, arguments: {} })) }) },
    // Turn 2: the playbook's decision and its ledger-drafted report.
    {
      reply: () => {
        const ledger = ledgerFrom(join(out, 'ledger.jsonl'));
        const report = draftReport({ ledger, handoff, config, extraReasons: [playbookStopReason(ledger)] });
        return { toolCalls: [{ name: 'submit_report', arguments: report as unknown as Record<string, unknown> }] };
      },
    },
  ]);
  await server.start();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('sre-agent run --model openai:any --base-url URL (replay server)', () => {
  it('produces the report the playbook produces for the same decisions', async () => {
    const [openai, playbook] = await Promise.all([runCli('openai:any', join(dir, 'openai-out'), server.baseUrl), runCli('playbook', join(dir, 'playbook-out'))]);
    expect(openai.stderr).not.toContain(API_KEY);
    expect(server.unexpected).toEqual([]);
    expect(server.remaining()).toBe(0);
    expect(server.requests.every((r) => r.body.model === 'any')).toBe(true);
    expect(openai.exitCode).toBe(playbook.exitCode);
    const a = JSON.parse(openai.stdout) as { report: Report; outDir: string };
    const b = JSON.parse(playbook.stdout) as { report: Report; outDir: string };
    expect(a.report.usage?.modelCalls).toBe(2);
    expect(normalise(a.report, join(a.outDir, 'ledger.jsonl'))).toEqual(normalise(b.report, join(b.outDir, 'ledger.jsonl')));
    // Same tools, same order, same inputs.
    const toolCalls = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LedgerEntry).filter((e) => e.kind === 'tool_call').map((e) => [e.tool, e.input, e.ok]);
    expect(toolCalls(join(a.outDir, 'ledger.jsonl'))).toEqual(toolCalls(join(b.outDir, 'ledger.jsonl')));
  }, 240_000);
});
