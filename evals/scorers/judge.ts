/**
 * Optional graded score (off by default; `--judge openai:MODEL`): an LLM reads the report's prose next to the
 * facts the ledger holds and rates it 1-5 for clarity and faithfulness. Answers go through the response cache.
 */
import { DEFAULTS } from '../../src/constants.js';
import { UserError } from '../../src/errors.js';
import type { ChatModel } from '../../src/agent/providers/openai/chat-model.js';
import { OpenAiChatModel } from '../../src/agent/providers/openai/openai-chat-model.js';
import type { JudgeScorer } from '../harness.js';
import { CachingChatModel } from '../model-cache/caching-chat-model.js';
import type { ResponseCache } from '../model-cache/response-cache.js';

const INSTRUCTIONS = [
  'You grade the prose of an SRE release report (Brazilian Portuguese) against the facts of the run.',
  'Score 1-5: 5 = clear, faithful to the facts, every block reason actionable; 1 = misleading or contradicts the facts.',
  'Answer only with JSON: {"score": <1-5>, "reason": "<one sentence>"}.',
].join('\n');

/** Parse the judge's answer: a 1-5 score becomes 0..1. */
export function parseJudgeAnswer(text: string): { score: number; reason: string } {
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) throw new Error(`judge answer has no JSON object: ${text.slice(0, 120)}`);
  const json = JSON.parse(match[0]) as { score?: unknown; reason?: unknown };
  const score = Number(json.score);
  if (!Number.isFinite(score) || score < 1 || score > 5) throw new Error(`judge score must be 1-5, got ${String(json.score)}`);
  return { score: (score - 1) / 4, reason: String(json.reason ?? '') };
}

/** A judge scorer over `model` (a ready ChatModel: tests pass a scripted one). */
export function judgeWith(model: ChatModel): JudgeScorer {
  return async (scenario, run) => {
    const report = run.report!;
    const facts = run.ledger
      .filter((e) => e.kind === 'tool_call')
      .map((e) => `${e.id} ${e.tool} ${e.ok ? 'ok' : e.refused ? 'refused' : 'failed'}`)
      .join('\n');
    const prose = { status: report.status, summary: report.summary, blockingReasons: report.blockingReasons, nextSteps: report.nextSteps, strategyWhy: report.deploy.strategy.why };
    const turn = await model.complete(
      {
        messages: [
          { role: 'system', content: INSTRUCTIONS },
          { role: 'user', content: `Scenario: ${scenario.description}\n\nLedger:\n${facts}\n\nReport prose:\n${JSON.stringify(prose, null, 2)}` },
        ],
        tools: [],
      },
      AbortSignal.timeout(DEFAULTS.modelCallTimeoutMs),
    );
    const answer = parseJudgeAnswer(turn.content ?? '');
    return { name: 'judge', score: answer.score, detail: answer.reason };
  };
}

/** The judge for `--judge openai:MODEL`, through the response cache. */
export function createJudge(label: string, options: { cache: ResponseCache; baseUrl?: string; apiKey?: string }): JudgeScorer {
  const [family, ...rest] = label.split(':');
  const model = rest.join(':');
  if (family !== 'openai' || !model) throw new UserError(`--judge ${label}: expected openai:MODEL`, { field: 'judge' });
  const baseUrl = options.baseUrl ?? process.env.OPENAI_BASE_URL;
  const apiKey = options.apiKey ?? process.env.OPENAI_API_KEY;
  if (!apiKey && !baseUrl) throw new UserError(`--judge ${label} needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)`, { field: 'OPENAI_API_KEY' });
  const client = new OpenAiChatModel({ model, apiKey: apiKey ?? 'no-key', baseUrl: baseUrl || undefined, timeoutMs: DEFAULTS.modelCallTimeoutMs, maxRetries: DEFAULTS.modelMaxRetries, stream: false });
  return judgeWith(new CachingChatModel(client, options.cache));
}
