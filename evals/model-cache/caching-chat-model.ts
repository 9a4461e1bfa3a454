/**
 * A ChatModel that answers from the response cache when it has seen the request, and otherwise asks the wrapped
 * model (the openai provider's real client) and records the answer. It sits on the provider's own seam
 * (OpenAiProviderOptions.chatModel), so the agent loop is the same with or without it.
 */
import type { ChatModel, ChatRequest, ChatTurn } from '../../src/agent/providers/openai/chat-model.js';
import { requestKey } from './normalise-request.js';
import type { ResponseCache } from './response-cache.js';

export class CachingChatModel implements ChatModel {
  readonly name: string;

  constructor(
    private readonly inner: ChatModel,
    private readonly cache: ResponseCache,
  ) {
    this.name = inner.name;
  }

  async complete(request: ChatRequest, signal: AbortSignal): Promise<ChatTurn> {
    const key = requestKey({ model: this.inner.name, messages: request.messages, tools: request.tools });
    const cached = this.cache.get(key);
    if (cached) return structuredClone(cached);
    const turn = await this.inner.complete(request, signal);
    this.cache.set({ key, model: this.inner.name, messages: request.messages.length, turn });
    return turn;
  }
}
