/** The seam between the agent loop and a chat model: the real OpenAI client, or a scripted fake in tests. */
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { TokenUsage } from '../../../../schemas/ledger-entry.js';

export interface ChatToolCall {
  id: string;
  name: string;
  /** Raw JSON text as the model wrote it (may be invalid). */
  arguments: string;
}

export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  tools: ChatCompletionFunctionTool[];
}

/** One assistant turn, as the loop needs it. */
export interface ChatTurn {
  content: string | null;
  toolCalls: ChatToolCall[];
  finishReason: string | null;
  /** Usage as the server reported it; null when it did not. */
  usage: TokenUsage | null;
  /** HTTP attempts made for this turn (1 = no retry). */
  attempts: number;
  /** Status codes of the attempts that were retried (429, 5xx). */
  retriedStatuses: number[];
}

export interface ChatModel {
  /** Model name as recorded in the ledger (e.g. gpt-4o-mini). */
  readonly name: string;
  complete(request: ChatRequest, signal: AbortSignal): Promise<ChatTurn>;
}
