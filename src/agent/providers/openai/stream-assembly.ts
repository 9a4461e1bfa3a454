/** Assemble streamed chat-completion chunks into one assistant turn (content, tool calls by index, usage). */
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChatToolCall, ChatTurn } from './chat-model.js';

/** Collects chunks as they arrive; `onText` sees content deltas (progress on a TTY). */
export class StreamAssembler {
  private content = '';
  private sawContent = false;
  private readonly calls = new Map<number, ChatToolCall>();
  private finishReason: string | null = null;
  private usage: ChatTurn['usage'] = null;

  add(chunk: ChatCompletionChunk): string | null {
    if (chunk.usage) {
      this.usage = { prompt: chunk.usage.prompt_tokens ?? 0, completion: chunk.usage.completion_tokens ?? 0, total: chunk.usage.total_tokens ?? 0 };
    }
    const choice = chunk.choices?.[0];
    if (!choice) return null;
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    const delta = choice.delta ?? {};
    for (const call of delta.tool_calls ?? []) {
      const current = this.calls.get(call.index) ?? { id: '', name: '', arguments: '' };
      if (call.id) current.id = call.id;
      if (call.function?.name) current.name += call.function.name;
      if (call.function?.arguments) current.arguments += call.function.arguments;
      this.calls.set(call.index, current);
    }
    if (typeof delta.content === 'string') {
      this.sawContent = true;
      this.content += delta.content;
      return delta.content;
    }
    return null;
  }

  result(attempts: number, retriedStatuses: number[]): ChatTurn {
    const toolCalls = [...this.calls.entries()].sort(([a], [b]) => a - b).map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
    return { content: this.sawContent ? this.content : null, toolCalls, finishReason: this.finishReason, usage: this.usage, attempts, retriedStatuses };
  }
}
