/**
 * A scripted fake chat model for loop tests: queued responses, every request recorded, an error on an unexpected
 * extra call and on unused steps (checked by assertDone()).
 */
import type { ChatModel, ChatRequest, ChatToolCall, ChatTurn } from '../../../src/agent/providers/openai/chat-model.js';

export type ScriptedReply = { content?: string | null; toolCalls?: ChatToolCall[]; usage?: ChatTurn['usage'] } | Error;
export type ScriptedStep = ScriptedReply | ((request: ChatRequest) => ScriptedReply);

let nextId = 0;
/** A tool call with JSON arguments (or raw text, to script invalid JSON). */
export function toolCall(name: string, args: Record<string, unknown> | string = {}): ChatToolCall {
  nextId += 1;
  return { id: `call_${nextId}`, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

export class ScriptedChatModel implements ChatModel {
  readonly name = 'scripted';
  readonly requests: ChatRequest[] = [];
  private readonly problems: string[] = [];

  constructor(private readonly steps: ScriptedStep[] = []) {}

  /** Queue more steps (steps that need objects created after the model, such as a capturing provider). */
  enqueue(...steps: ScriptedStep[]): void {
    this.steps.push(...steps);
  }

  async complete(request: ChatRequest): Promise<ChatTurn> {
    this.requests.push(structuredClone(request));
    const step = this.steps.shift();
    if (!step) {
      const problem = `unexpected model call #${this.requests.length}: the script has no step left`;
      this.problems.push(problem);
      throw new Error(problem);
    }
    const reply = typeof step === 'function' ? step(request) : step;
    if (reply instanceof Error) throw reply;
    return {
      content: reply.content ?? null,
      toolCalls: reply.toolCalls ?? [],
      finishReason: reply.toolCalls?.length ? 'tool_calls' : 'stop',
      usage: reply.usage === undefined ? { prompt: 100, completion: 10, total: 110 } : reply.usage,
      attempts: 1,
      retriedStatuses: [],
    };
  }

  /** Throw when a call came that the script did not expect, or when scripted steps were never used. */
  assertDone(): void {
    if (this.problems.length > 0) throw new Error(this.problems.join('; '));
    if (this.steps.length > 0) throw new Error(`${this.steps.length} scripted step(s) were never used`);
  }
}
