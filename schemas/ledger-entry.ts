/** One line of the evidence ledger: a tool call (or a model call) that really happened. */
import { z } from 'zod';

export const TokenUsage = z.object({
  prompt: z.number().int().nonnegative(),
  completion: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

export const LedgerEntry = z.object({
  id: z.string().regex(/^E\d{3,}$/).describe('Evidence id cited by the report, e.g. E007'),
  kind: z.enum(['tool_call', 'model_call']),
  tool: z.string().describe('Tool name, or the model name for model calls'),
  input: z.unknown(),
  output: z.unknown().optional(),
  ok: z.boolean(),
  error: z.string().optional(),
  refused: z.object({ rule: z.string(), reason: z.string() }).optional().describe('Set when the policy guard refused the action'),
  startedAt: z.string().describe('ISO 8601'),
  durationMs: z.number().nonnegative(),
  tokens: TokenUsage.optional(),
  caller: z.string().optional().describe('Who asked: playbook, openai:MODEL, mcp-client NAME'),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;
