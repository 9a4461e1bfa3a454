/** ChatModel over the official `openai` client: chat completions with tools, streamed or not, retried by the client. */
import OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { countingFetch } from './attempt-counter.js';
import type { ChatModel, ChatRequest, ChatTurn } from './chat-model.js';
import { StreamAssembler } from './stream-assembly.js';

export interface OpenAiChatModelOptions {
  model: string;
  apiKey: string;
  baseUrl?: string;
  /** Per HTTP attempt. */
  timeoutMs: number;
  /** Retries on 408/409/429/5xx and connection errors, with exponential backoff (client-side). */
  maxRetries: number;
  stream?: boolean;
  /** Content deltas as they stream in. */
  onText?: (delta: string) => void;
}

function fromCompletion(completion: ChatCompletion, attempts: number, retriedStatuses: number[]): ChatTurn {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const toolCalls = (message?.tool_calls ?? [])
    .filter((c) => c.type === 'function')
    .map((c, i) => ({ id: c.id || `call_${i}`, name: c.function.name, arguments: c.function.arguments ?? '' }));
  const usage = completion.usage ? { prompt: completion.usage.prompt_tokens, completion: completion.usage.completion_tokens, total: completion.usage.total_tokens } : null;
  return { content: message?.content ?? null, toolCalls, finishReason: choice?.finish_reason ?? null, usage, attempts, retriedStatuses };
}

/** The real model. One instance per run; calls are sequential. */
export class OpenAiChatModel implements ChatModel {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly counter = countingFetch();

  constructor(private readonly options: OpenAiChatModelOptions) {
    this.name = options.model;
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      fetch: this.counter.fetch,
      logLevel: 'off',
    });
  }

  async complete(request: ChatRequest, signal: AbortSignal): Promise<ChatTurn> {
    const log = this.counter.reset();
    const base = { model: this.options.model, messages: request.messages, tools: request.tools.length > 0 ? request.tools : undefined };
    if (this.options.stream === false) {
      const completion = await this.client.chat.completions.create({ ...base, stream: false }, { signal });
      return fromCompletion(completion, log.attempts, [...log.failedStatuses]);
    }
    const stream = await this.client.chat.completions.create({ ...base, stream: true, stream_options: { include_usage: true } }, { signal });
    const assembler = new StreamAssembler();
    for await (const chunk of stream) {
      const text = assembler.add(chunk);
      if (text) this.options.onText?.(text);
    }
    return assembler.result(log.attempts, [...log.failedStatuses]);
  }
}
