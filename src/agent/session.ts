/** What a provider works with: an MCP client to the tools, the master prompt, and the report submission gate. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { SreConfig } from '../../schemas/config.js';
import type { TokenUsage } from '../../schemas/ledger-entry.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EnforceResult } from '../report/enforce.js';

export interface ProgressEvent {
  kind: 'tool' | 'model' | 'note';
  text: string;
  ok?: boolean;
}

export interface AgentSession {
  client: Client;
  masterPrompt: string;
  handoff: QaHandoff;
  config: SreConfig;
  ledger: Ledger;
  logger: Logger;
  signal: AbortSignal;
  /** Call a tool through MCP; returns the structured result or the error text, and the evidence id. */
  callTool(name: string, args?: Record<string, unknown>): Promise<ToolCallOutcome>;
  /** Hand in a candidate report: the enforcer judges it; the last submission is the run's report. */
  submitReport(candidate: unknown): EnforceResult;
  progress(event: ProgressEvent): void;
  /** Record one model call (kind model_call, with its token usage) in the ledger; returns its evidence id. */
  recordModelCall(call: ModelCallRecord): string;
  /** Note a reason the run could not finish (recorded as a blocking reason). */
  stop(reason: string): void;
  /** Reasons noted with stop(), in order. */
  readonly stopReasons: string[];
}

export interface ModelCallRecord {
  /** Model name, e.g. gpt-4o-mini. */
  model: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  ok: boolean;
  error?: string;
  startedAt: string;
  durationMs: number;
  /** Usage as the server reported it; absent when it did not report any. */
  tokens?: TokenUsage;
}

export interface ToolCallOutcome {
  ok: boolean;
  evidenceId: string | null;
  output: Record<string, unknown> | null;
  /** Text the tool returned (the error message when !ok). */
  text: string;
  raw: CallToolResult;
}

/** A provider decides which tools to call and submits the report. */
export interface Provider {
  readonly name: string;
  drive(session: AgentSession): Promise<void>;
}
