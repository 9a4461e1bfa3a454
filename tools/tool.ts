/**
 * The tool module contract: every MCP tool is one of these. A module reads top to bottom:
 * description for the model, input schema, output schema, annotations, handler.
 * Handlers return data (never prose) and throw `ToolFailure`/`TimeoutError` when they cannot do their job.
 */
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { LedgerEntry } from '../schemas/ledger-entry.js';
import type { QaHandoff } from '../schemas/qa-handoff.js';
import type { SreConfig } from '../schemas/config.js';

/** What a handler may read about the run so far (the ledger is read-only to tools). */
export interface LedgerView {
  all(): readonly LedgerEntry[];
  byTool(tool: string): LedgerEntry[];
  lastOk<T = unknown>(tool: string, where?: (output: T, entry: LedgerEntry) => boolean): LedgerEntry | undefined;
}

/**
 * Per-run services that outlive one call (a deploy driver holding processes, a metrics source).
 * Domains create their own on first use; the eval harness may `provide` a simulated one beforehand.
 */
export interface RunRuntime {
  getOrCreate<T>(key: string, create: () => T): T;
  provide<T>(key: string, value: T): void;
  /** Run `fn` when the run ends (stop processes, close servers). */
  onClose(fn: () => Promise<void> | void): void;
}

export interface ToolContext {
  config: SreConfig;
  /** Directory of sre.yaml: config paths are relative to it. */
  configDir: string;
  /** Repository the run works on (service.repository resolved). */
  repoDir: string;
  /** Where this run writes its outputs (report, ledger, backups, generated files). */
  outDir: string;
  runId: string;
  /** The QA handoff of this run, when there is one, and the directory its artifact paths are relative to. */
  handoff: { data: QaHandoff; file: string | null; dir: string } | null;
  ledger: LedgerView;
  runtime: RunRuntime;
  logger: Logger;
  signal: AbortSignal;
}

export interface ToolAnnotations {
  readOnly: boolean;
  destructive: boolean;
  idempotent?: boolean;
  /** Talks to things outside this machine's files (HTTP services, webhooks). */
  openWorld?: boolean;
}

export interface ToolModule<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  handler: (input: z.infer<I>, ctx: ToolContext) => Promise<z.infer<O>>;
}

/** Define a tool with its types inferred from its schemas. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolModule<I, O>): ToolModule<I, O> {
  return tool;
}

/** A registry entry with its schema types erased (the server validates at the boundary). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolModule = ToolModule<z.ZodObject, z.ZodObject>;
