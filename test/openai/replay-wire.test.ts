/**
 * The real `openai` client and the real loop against a local chat-completions replay server: streamed and plain
 * responses, tool calls, 429/500 retries, garbage; the tests assert on the request bodies sent each turn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../src/agent/providers/openai.js';
import { runStep } from '../../src/agent/run-step.js';
import { CapturingProvider, makeLoadedConfig, makeLoadedHandoff } from './helpers/run-fixture.js';
import { ReplayServer, type ChatBody, type ReplayStep } from './helpers/replay-server.js';
import { testTools } from './helpers/test-tools.js';

const API_KEY = 'sk-replaytest0123456789abcdefXYZ';
const REASON = 'replayed model: stopped before any deploy';
let server: ReplayServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

async function replay(steps: (capture: CapturingProvider) => ReplayStep[], options: { stream?: boolean; limits?: Record<string, number> } = {}) {
  let capture: CapturingProvider | null = null;
  const lazy: ReplayStep[] = [];
  server = new ReplayServer(lazy);
  const baseUrl = await server.start();
  capture = new CapturingProvider(new OpenAiProvider('gpt-test', { baseUrl, apiKey: API_KEY, stream: options.stream, maxRetries: 2 }));
  lazy.push(...steps(capture));
  const config = makeLoadedConfig({ limits: { modelCallTimeoutMs: 10_000, ...options.limits } });
  const result = await runStep({ handoff: makeLoadedHandoff(), config, model: capture, tools: testTools, out: join(config.dir, 'out'), apiKey: API_KEY });
  return { result, requests: server.requests.map((r) => r.body), raw: server.requests, server };
}

const submitDraft = (c: CapturingProvider): ReplayStep => ({ reply: () => ({ toolCalls: [{ name: 'submit_report', arguments: c.draft([REASON]) as unknown as Record<string, unknown> }] }) });
const toolMessages = (body: ChatBody) => body.messages.filter((m) => m.role === 'tool');

describe('openai provider over the wire (replay server, real openai client)', () => {
  for (const stream of [true, false]) {
    it(`happy path (${stream ? 'streamed chunks' : 'plain JSON'}): tools as strict functions, results fed back, tokens recorded`, async () => {
      const { result, requests, raw, server: s } = await replay((c) => [{ reply: { content: 'Checking staging first.', toolCalls: [{ name: 'env_url', arguments: { environment: 'staging' } }], usage: { prompt: 1200, completion: 30 } } }, submitDraft(c)], { stream });
      expect(s.remaining()).toBe(0);
      expect(s.unexpected).toEqual([]);
      expect(result.enforcement.accepted).toBe(true);
      expect(requests).toHaveLength(2);
      const [first, second] = requests as [ChatBody, ChatBody];
      expect(first.model).toBe('gpt-test');
      expect(Boolean(first.stream)).toBe(stream);
      if (stream) expect(first.stream_options).toEqual({ include_usage: true });
      expect(raw[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
      const fn = (name: string) => first.tools!.find((t) => t.function.name === name)!.function;
      expect(fn('env_url').strict).toBe(true);
      expect(fn('env_url').parameters).toMatchObject({ type: 'object', additionalProperties: false, required: ['environment'] });
      expect(fn('submit_report').strict).toBe(true);
      expect(fn('report_validate').strict).toBe(false);
      // ledger_read's optional fields become nullable-required in strict mode.
      expect(fn('ledger_read').parameters).toMatchObject({ required: ['id', 'offset', 'limit'], properties: { id: { type: ['string', 'null'] } } });
      expect(first.messages.map((m) => m.role)).toEqual(['system', 'user']);
      // Turn 2 carries the assistant's tool call and the result under the same id.
      const assistant = second.messages[2]!;
      expect(assistant.role).toBe('assistant');
      expect(assistant.content).toBe('Checking staging first.');
      const callId = assistant.tool_calls![0]!.id;
      expect(assistant.tool_calls![0]!.function).toEqual({ name: 'env_url', arguments: '{"environment":"staging"}' });
      expect(toolMessages(second)).toHaveLength(1);
      expect(toolMessages(second)[0]!.tool_call_id).toBe(callId);
      expect(toolMessages(second)[0]!.content).toContain('"baseUrl": "http://127.0.0.1:18081"');
      const models = result.ledger.all().filter((e) => e.kind === 'model_call');
      expect(models.map((m) => m.tokens)).toEqual([
        { prompt: 1200, completion: 30, total: 1230 },
        { prompt: 1000, completion: 50, total: 1050 },
      ]);
      expect(result.report.usage).toEqual({ modelCalls: 2, tokens: { prompt: 2200, completion: 80, total: 2280 } });
      // The API key reaches the server but no file the run writes.
      for (const file of ['ledger.jsonl', 'report.json', 'report.md', 'sre-handoff.json']) expect(readFileSync(join(result.outDir, file), 'utf8')).not.toContain(API_KEY);
    });
  }

  it('answers invalid arguments and an unknown tool over the wire; the model repairs', async () => {
    const { result, requests } = await replay((c) => [
      { reply: { toolCalls: [{ name: 'env_url', arguments: { environment: 'qa' } }, { name: 'kubectl_apply', arguments: {} }] } },
      { reply: { toolCalls: [{ name: 'env_url', arguments: { environment: 'production' } }] } },
      submitDraft(c),
    ]);
    const [invalid, unknown] = toolMessages(requests[1]!);
    expect(invalid!.content).toMatch(/ERRO[\s\S]*environment/);
    expect(unknown!.content).toContain('there is no tool named "kubectl_apply"');
    expect(toolMessages(requests[2]!).at(-1)!.content).toContain('"baseUrl": "http://127.0.0.1:18082"');
    expect(result.enforcement.accepted).toBe(true);
  });

  it('sends the enforcer violations back after a premature report, then accepts the repair', async () => {
    const { result, requests } = await replay((c) => [
      {
        reply: () => {
          const report = c.draft([REASON]);
          report.checklist.smoke_tests = { done: true, evidence: ['E777'] };
          return { toolCalls: [{ name: 'submit_report', arguments: report as unknown as Record<string, unknown> }] };
        },
      },
      submitDraft(c),
    ]);
    expect(toolMessages(requests[1]!)[0]!.content).toContain('checklist.smoke_tests');
    expect(toolMessages(requests[1]!)[0]!.content).toContain('E777');
    expect(result.enforcement.accepted).toBe(true);
  });

  it('ends blocked when the model loops without submitting', async () => {
    const again: ReplayStep = { reply: { toolCalls: [{ name: 'env_url', arguments: { environment: 'staging' } }] } };
    const { result, server: s } = await replay(() => [again, again], { limits: { maxTurns: 2 } });
    expect(s.unexpected).toEqual([]);
    expect(result.exitCode).toBe(2);
    expect(result.report.blockingReasons).toContain('the model used all 2 turns without submitting a report');
  });

  for (const status of [429, 500]) {
    it(`retries a ${status} with backoff and records the retry`, async () => {
      const { result, requests } = await replay((c) => [{ status, headers: { 'retry-after-ms': '20' } }, submitDraft(c)]);
      expect(requests).toHaveLength(2);
      expect(requests[0]).toEqual(requests[1]);
      const call = result.ledger.all().find((e) => e.kind === 'model_call')!;
      expect(call.output).toMatchObject({ attempts: 2, retriedStatuses: [status] });
      expect(result.enforcement.accepted).toBe(true);
    });
  }

  it('ends blocked with the reason when retries run out', async () => {
    const limited: ReplayStep = { status: 503, headers: { 'retry-after-ms': '5' } };
    const { result, requests } = await replay(() => [limited, limited, limited]);
    expect(requests).toHaveLength(3);
    expect(result.report.blockingReasons.join('\n')).toMatch(/model call 1 failed: .*503/);
  });

  it('survives a 200 response that is not JSON, then goes on', async () => {
    const { result, requests } = await replay((c) => [{ raw: '<html>upstream hiccup</html>' }, submitDraft(c)], { stream: false });
    expect(requests).toHaveLength(2);
    const calls = result.ledger.all().filter((e) => e.kind === 'model_call');
    expect(calls[0]).toMatchObject({ ok: false });
    expect(calls[0]!.error).toMatch(/JSON/);
    expect(result.enforcement.accepted).toBe(true);
  });
});
