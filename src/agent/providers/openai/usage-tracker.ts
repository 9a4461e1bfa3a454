/** Token usage over a run: reported usage when the server sends it, a character estimate otherwise (budget only). */
import type { TokenUsage } from '../../../../schemas/ledger-entry.js';
import type { ChatRequest, ChatTurn } from './chat-model.js';

/** ~4 characters per token: only used to keep the budget honest when a server reports no usage. */
const CHARS_PER_TOKEN = 4;

export class UsageTracker {
  private reported: TokenUsage = { prompt: 0, completion: 0, total: 0 };
  private estimated = 0;
  calls = 0;

  constructor(private readonly budget: number) {}

  /** Count one call; returns the usage to record (null when the server reported none). */
  add(request: ChatRequest, turn: ChatTurn): TokenUsage | null {
    this.calls += 1;
    if (turn.usage) {
      this.reported = {
        prompt: this.reported.prompt + turn.usage.prompt,
        completion: this.reported.completion + turn.usage.completion,
        total: this.reported.total + turn.usage.total,
      };
      return turn.usage;
    }
    const chars = JSON.stringify(request.messages).length + JSON.stringify(request.tools).length + (turn.content?.length ?? 0) + JSON.stringify(turn.toolCalls).length;
    this.estimated += Math.ceil(chars / CHARS_PER_TOKEN);
    return null;
  }

  /** Tokens counted against the budget so far. */
  used(): number {
    return this.reported.total + this.estimated;
  }

  exhausted(): boolean {
    return this.used() >= this.budget;
  }

  totals(): TokenUsage & { estimatedUnreported: number } {
    return { ...this.reported, estimatedUnreported: this.estimated };
  }
}
