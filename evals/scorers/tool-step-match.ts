/** Matching ledger tool calls against the scenario's tool steps (name plus a partial argument match). */
import type { LedgerEntry } from '../../schemas/ledger-entry.js';
import type { ToolStep } from '../scenario-schema.js';

export interface NormalStep {
  tool: string;
  args: Record<string, unknown>;
}

export const normalStep = (step: ToolStep): NormalStep => (typeof step === 'string' ? { tool: step, args: {} } : step);

/** Human-readable step, e.g. deploy_execute{environment=production}. */
export function describeStep(step: NormalStep): string {
  const args = Object.entries(step.args).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return args.length ? `${step.tool}{${args.join(', ')}}` : step.tool;
}

/** True when `actual` holds every expected key with an equal value (objects compared recursively, arrays exactly). */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) => partialMatch(v, (actual as Record<string, unknown>)[k]));
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

/** True when the ledger entry is a call of the step's tool whose input matches its arguments. */
export function entryMatches(entry: LedgerEntry, step: NormalStep): boolean {
  return entry.kind === 'tool_call' && entry.tool === step.tool && partialMatch(step.args, entry.input ?? {});
}

/** The tool calls of a run, in order. */
export const toolCalls = (ledger: readonly LedgerEntry[]) => ledger.filter((e) => e.kind === 'tool_call');
