/**
 * One tool call from the model: parse its JSON arguments, undo the strict-mode nulls, and either run it through
 * MCP (policy, approval and ledger apply there) or hand `submit_report` to the enforcer. Model mistakes come back
 * as text for the model to correct, never as a thrown error.
 */
import type { EnforceResult } from '../../../report/enforce.js';
import type { AgentSession } from '../../session.js';
import type { ChatToolCall } from './chat-model.js';
import { dropAddedNulls } from './drop-added-nulls.js';
import { SUBMIT_REPORT } from './submit-report-tool.js';
import { engineMessage, toolResultMessage } from './tool-message.js';

export interface DispatchContext {
  session: AgentSession;
  /** Original JSON Schemas by tool name (submit_report included). */
  schemas: Map<string, Record<string, unknown>>;
}

export type DispatchResult =
  | { kind: 'tool'; content: string; ok: boolean }
  | { kind: 'mistake'; content: string; problem: 'invalid_json' | 'unknown_tool' }
  | { kind: 'submission'; content: string; result: EnforceResult };

/** Parse a model's argument text into an object, or say what is wrong with it. */
export function parseArguments(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `the arguments are not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: `the arguments must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  return { ok: true, value: value as Record<string, unknown> };
}

function rejectionMessage(result: EnforceResult): string {
  const lines = result.violations.slice(0, 40).map((v) => `- ${v}`);
  const more = result.violations.length > 40 ? [`- … and ${result.violations.length - 40} more`] : [];
  return engineMessage(
    `submit_report rejected by the enforcer (${result.violations.length} violations):\n${[...lines, ...more].join('\n')}\n` +
      'Fix the report: cite only ledger ids of successful calls of the tools that prove each item, copy figures exactly as measured, ' +
      'mark unproven items done=false with a reason, use status blocked with blockingReasons when anything is missing; then call submit_report again.',
  );
}

/** Handle one tool call. */
export async function dispatchToolCall(call: ChatToolCall, ctx: DispatchContext): Promise<DispatchResult> {
  const schema = ctx.schemas.get(call.name);
  if (!schema) {
    const available = [...ctx.schemas.keys()].join(', ');
    return { kind: 'mistake', problem: 'unknown_tool', content: engineMessage(`there is no tool named "${call.name}". Available tools: ${available}.`) };
  }
  const parsed = parseArguments(call.arguments);
  if (!parsed.ok) {
    return { kind: 'mistake', problem: 'invalid_json', content: engineMessage(`${call.name}: ${parsed.error}. Send the call again with a JSON object that matches its parameters.`) };
  }
  const args = dropAddedNulls(parsed.value, schema);
  if (call.name === SUBMIT_REPORT) {
    const result = ctx.session.submitReport(args);
    const content = result.accepted ? engineMessage(`report accepted (status ${result.report?.status}).`) : rejectionMessage(result);
    return { kind: 'submission', content, result };
  }
  const outcome = await ctx.session.callTool(call.name, args);
  return { kind: 'tool', ok: outcome.ok, content: toolResultMessage(call.name, outcome.ok, outcome.evidenceId, outcome.text) };
}
