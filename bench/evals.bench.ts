/**
 * Eval harness timing: every scenario with the playbook (aim < 10 s), and the same scenarios driven by a model
 * replayed from the response cache (every answer a cache hit: reproducible and free). Medians over runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEval, type EvalResult } from '../evals/harness.js';
import { CachingChatModel } from '../evals/model-cache/caching-chat-model.js';
import { ResponseCache } from '../evals/model-cache/response-cache.js';
import type { ProviderSpec } from '../evals/providers.js';
import { OpenAiProvider } from '../src/agent/providers/openai.js';
import type { ChatModel, ChatRequest, ChatTurn } from '../src/agent/providers/openai/chat-model.js';
import { PlaybookProvider } from '../src/agent/providers/playbook.js';
import { packagePath } from '../src/paths.js';
import { median } from './support/median.js';

const SCENARIOS = packagePath('evals', 'scenarios');
const RUNS = 3;


/** A model that verifies the handoff, then submits an empty (schema-invalid) report until the loop gives up. */
class RecordingModel implements ChatModel {
  readonly name = 'bench-replay';
  calls = 0;
  async complete(request: ChatRequest): Promise<ChatTurn> {
    this.calls += 1;
    const first = request.messages.length <= 2;
    const call = first ? { id: 'c1', name: 'qa_handoff_verify', arguments: '{}' } : { id: `c${request.messages.length}`, name: 'submit_report', arguments: '{}' };
    return { content: null, toolCalls: [call], finishReason: 'tool_calls', usage: { prompt: 1000, completion: 20, total: 1020 }, attempts: 1, retriedStatuses: [] };
  }
}

async function timed(providers: ProviderSpec[], filter?: string): Promise<{ ms: number; result: EvalResult }> {
  const started = performance.now();
  const result = await runEval({ scenariosDir: SCENARIOS, providers, concurrency: 3, filter });
  return { ms: performance.now() - started, result };
}

export async function run(): Promise<void> {
  const playbook: ProviderSpec = { label: 'playbook', create: () => new PlaybookProvider() };
  const times: number[] = [];
  let last: EvalResult | null = null;
  for (let i = 0; i < RUNS; i++) {
    const { ms, result } = await timed([playbook]);
    times.push(ms);
    last = result;
  }
  const perCase = last!.cases.map((c) => ({ name: c.scenario, ms: c.runs[0]!.durationMs })).sort((a, b) => b.ms - a.ms);
  console.log(`evals: ${last!.cases.length} scenarios with the playbook: median ${(median(times) / 1000).toFixed(1)} s over ${RUNS} runs (concurrency 3; aim < 10 s); gate failures ${last!.providers[0]!.gateFailures}`);
  console.log(`evals: slowest scenarios: ${perCase.slice(0, 5).map((c) => `${c.name} ${(c.ms / 1000).toFixed(1)} s`).join(', ')}`);

  // Replayed model: record once (misses), then every later run is answered from the cache.
  const dir = mkdtempSync(join(tmpdir(), 'sre-eval-bench-cache-'));
  try {
    const cache = new ResponseCache(dir);
    const model = new RecordingModel();
    const replayed: ProviderSpec = { label: 'openai:bench-replay', create: () => new OpenAiProvider('bench-replay', { chatModel: new CachingChatModel(model, cache) }) };
    const record = await timed([replayed]);
    const callsWhenRecorded = model.calls;
    const replayTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) replayTimes.push((await timed([replayed])).ms);
    const hits = cache.stats.hits;
    console.log(
      `evals: ${record.result.cases.length} scenarios with a model: recording ${(record.ms / 1000).toFixed(1)} s (${callsWhenRecorded} model calls); ` +
        `replayed from the cache median ${(median(replayTimes) / 1000).toFixed(1)} s over ${RUNS} runs, ${model.calls - callsWhenRecorded} model calls, ${hits} cache hits`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
