/**
 * The response cache: a model-driven scenario run records each model answer under the request's key; the same
 * scenario run again is answered entirely from the cache (the model is never asked) and takes the same path.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../schemas/ledger-entry.js';
import { OpenAiProvider } from '../../src/agent/providers/openai.js';
import type { ChatModel, ChatRequest, ChatTurn } from '../../src/agent/providers/openai/chat-model.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { draftReport } from '../../src/report/draft-report.js';
import { CachingChatModel } from '../../evals/model-cache/caching-chat-model.js';
import { maskVolatile, requestKey } from '../../evals/model-cache/normalise-request.js';
import { ResponseCache } from '../../evals/model-cache/response-cache.js';
import { runScenario, type ScenarioRun } from '../../evals/run-scenario.js';
import { loadScenario, SCENARIOS_DIR } from './helpers.js';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A model that plays the playbook's opening for a rejected handoff, then submits the ledger's draft report. */
class OpeningModel implements ChatModel {
  readonly name = 'scripted-opening';
  calls = 0;
  constructor(private readonly ledgerFile: () => string) {}
  async complete(request: ChatRequest): Promise<ChatTurn> {
    this.calls += 1;
    const base = { finishReason: 'tool_calls', usage: { prompt: 900, completion: 40, total: 940 }, attempts: 1, retriedStatuses: [] };
    if (this.calls === 1) {
      return { ...base, content: null, toolCalls: [{ id: 'call_1', name: 'qa_handoff_verify', arguments: '{}' }, { id: 'call_2', name: 'ci_detect_project', arguments: '{"path":"."}' }] };
    }
    const ledger = new Ledger();
    for (const line of readFileSync(this.ledgerFile(), 'utf8').split('\n').filter(Boolean)) {
      const { id: _id, ...entry } = JSON.parse(line) as LedgerEntry;
      ledger.append(entry);
    }
    if (!this.handoff || !this.config || request.messages.length < 3) throw new Error('the opening model needs the run config, handoff and its first tool results');
    const report = draftReport({ ledger, handoff: this.handoff, config: this.config, extraReasons: ['QA rejected the release: no deploy'] });
    return { ...base, content: null, toolCalls: [{ id: 'call_3', name: 'submit_report', arguments: JSON.stringify(report) }] };
  }
  handoff: Parameters<typeof draftReport>[0]['handoff'] | undefined;
  config: Parameters<typeof draftReport>[0]['config'] | undefined;
}

/** A model that must never be asked. */
class ForbiddenModel implements ChatModel {
  readonly name = 'scripted-opening';
  calls = 0;
  async complete(): Promise<ChatTurn> {
    this.calls += 1;
    throw new Error('the cache should have answered this request');
  }
}

const calls = (run: ScenarioRun) => run.ledger.filter((e) => e.kind === 'tool_call').map((e) => [e.tool, e.ok]);

describe('response cache', () => {
  it('masks ports, temporary paths, timestamps and durations out of the key', () => {
    const a = requestKey({ messages: [{ role: 'tool', content: '{"url":"http://127.0.0.1:41234/health","durationMs":12,"at":"2025-11-09T15:30:00.123Z","file":"/tmp/sre-eval-qa-rejected-AbC123/qa/junit.xml"}' }] });
    const b = requestKey({ messages: [{ role: 'tool', content: '{"url":"http://127.0.0.1:50001/health","durationMs":97,"at":"2025-12-01T08:00:59.001Z","file":"/tmp/sre-eval-qa-rejected-Zz9Yy8/qa/junit.xml"}' }] });
    const c = requestKey({ messages: [{ role: 'tool', content: '{"url":"http://127.0.0.1:50001/health","durationMs":97,"status":"unhealthy"}' }] });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(maskVolatile('took 15 ms at 127.0.0.1:8080')).toBe('took N ms at 127.0.0.1:PORT');
  });

  it('records a model run, then replays it from the cache without asking the model', async () => {
    const scenario = loadScenario('qa-rejected');
    const cache = new ResponseCache(tempDir('sre-eval-cache-'));
    const out1 = tempDir('sre-eval-out-');
    const recording = new OpeningModel(() => join(out1, 'ledger.jsonl'));
    const first = await runScenario({
      scenario,
      scenariosDir: SCENARIOS_DIR,
      outDir: out1,
      provider: () => {
        const provider = new OpenAiProvider('scripted-opening', { chatModel: new CachingChatModel(recording, cache) });
        // The scripted model drafts its report from the same config and handoff the run uses.
        const drive = provider.drive.bind(provider);
        provider.drive = async (session) => {
          recording.config = session.config;
          recording.handoff = session.handoff;
          return drive(session);
        };
        return provider;
      },
    });
    expect(first.error).toBeNull();
    expect(recording.calls).toBe(2);
    expect(cache.stats).toEqual({ hits: 0, misses: 2, writes: 2 });
    expect(first.enforcement?.accepted).toBe(true);

    const replay = new ForbiddenModel();
    const second = await runScenario({ scenario, scenariosDir: SCENARIOS_DIR, provider: () => new OpenAiProvider('scripted-opening', { chatModel: new CachingChatModel(replay, cache) }) });
    expect(second.error).toBeNull();
    expect(replay.calls).toBe(0);
    expect(cache.stats.hits).toBe(2);
    expect(calls(second)).toEqual(calls(first));
    expect(second.report?.status).toBe('blocked');
    expect(second.enforcement?.accepted).toBe(true);
  }, 120_000);
});
