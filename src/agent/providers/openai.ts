/**
 * The `openai` provider (`--model openai:NAME`): any OpenAI-compatible chat-completions server (OpenAI, Ollama,
 * vLLM…) drives the MCP tools through the agent loop. OPENAI_API_KEY / OPENAI_BASE_URL, or --base-url.
 */
import { DEFAULTS } from '../../constants.js';
import { UserError } from '../../errors.js';
import type { AgentSession, Provider } from '../session.js';
import type { ProviderOptions } from './index.js';
import { runAgentLoop, type LoopOutcome } from './openai/agent-loop.js';
import type { ChatModel } from './openai/chat-model.js';
import { OpenAiChatModel } from './openai/openai-chat-model.js';

/** Longest total backoff the client can add to one call (0.5 s doubling, capped at 8 s per retry). */
function maxBackoffMs(retries: number): number {
  let total = 0;
  for (let i = 0; i < retries; i += 1) total += Math.min(500 * 2 ** i, 8_000);
  return total;
}

export interface OpenAiProviderOptions extends ProviderOptions {
  /** Stream responses (default true); false sends plain JSON requests. */
  stream?: boolean;
  /** A ready model instead of the OpenAI client (tests: a scripted fake). */
  chatModel?: ChatModel;
  maxRetries?: number;
}

export class OpenAiProvider implements Provider {
  readonly name: string;
  /** How the last drive() ended (tests, evals). */
  lastOutcome: LoopOutcome | null = null;

  constructor(
    private readonly model: string,
    private readonly options: OpenAiProviderOptions = {},
  ) {
    if (!model && !options.chatModel) throw new UserError('--model openai:NAME needs a model name, e.g. openai:gpt-4o-mini', { field: 'model' });
    // Fail before any tool runs: local OpenAI-compatible servers (Ollama, vLLM) take no key, the hosted API needs one.
    if (!options.chatModel && !(options.apiKey ?? process.env.OPENAI_API_KEY) && !(options.baseUrl ?? process.env.OPENAI_BASE_URL)) {
      throw new UserError('OPENAI_API_KEY is not set (or give --base-url for a local OpenAI-compatible server)', { field: 'OPENAI_API_KEY' });
    }
    this.name = `openai:${options.chatModel?.name ?? model}`;
  }

  async drive(session: AgentSession): Promise<void> {
    const limits = session.config.limits;
    const maxRetries = this.options.maxRetries ?? DEFAULTS.modelMaxRetries;
    const model = this.options.chatModel ?? this.createClientModel(limits.modelCallTimeoutMs, maxRetries);
    this.lastOutcome = await runAgentLoop(session, model, {
      maxTurns: limits.maxTurns,
      maxReportRepairs: limits.maxReportRepairs,
      tokenBudget: limits.tokenBudget,
      maxIdleTurns: DEFAULTS.maxIdleModelTurns,
      callDeadlineMs: limits.modelCallTimeoutMs * (maxRetries + 1) + maxBackoffMs(maxRetries),
    });
  }

  private createClientModel(timeoutMs: number, maxRetries: number): ChatModel {
    const baseUrl = this.options.baseUrl || process.env.OPENAI_BASE_URL || undefined;
    const apiKey = this.options.apiKey ?? process.env.OPENAI_API_KEY;
    return new OpenAiChatModel({
      model: this.model,
      apiKey: apiKey ?? 'no-key',
      baseUrl,
      timeoutMs,
      maxRetries,
      stream: this.options.stream ?? true,
    });
  }
}

/** Factory for `--model openai:NAME` (registered in providers/index.ts). */
export function createOpenAiProvider(model: string, options: ProviderOptions): Provider {
  return new OpenAiProvider(model, options);
}
