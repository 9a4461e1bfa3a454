/**
 * The MCP server: every tool module, the master prompt and the contracts, behind the policy guard and the ledger.
 * One code path serves editors (stdio, HTTP) and our own agent (in-process client).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { CHECKLIST_ITEMS } from '../../schemas/checklist.js';
import { jsonSchemaOf } from '../../schemas/json-schemas.js';
import type { AnyToolModule, ToolContext } from '../../tools/tool.js';
import { renderMasterPrompt } from '../agent/master-prompt.js';
import { loadHandoff } from '../config/load-handoff.js';
import { describeError, TimeoutError } from '../errors.js';
import type { Ledger } from '../ledger/ledger.js';
import { evaluatePolicy } from '../policy/guard.js';
import { EVIDENCE_RULES } from '../report/evidence-rules.js';
import { toolResultText } from './tool-result-text.js';

/** Asked before a destructive action runs; resolves true to go on. */
export type ApprovalHook = (request: { tool: string; input: Record<string, unknown>; reason: string }) => Promise<{ approved: boolean; note?: string }>;

export interface SreServerOptions {
  tools: AnyToolModule[];
  /** The context tools run with; a function so a missing sre.yaml is reported per call, not at start. */
  getContext: () => ToolContext & { ledger: Ledger };
  /** Recorded on each ledger entry. */
  caller: string;
  /** Serve only read-only tools (hidden tools are refused on tools/call too). */
  readOnly?: boolean;
  approve?: ApprovalHook;
  /** Which actions need approval (default: see needsApproval). */
  needsApproval?: (tool: AnyToolModule, input: Record<string, unknown>) => string | null;
  version?: string;
}

/** Destructive actions that need a human: production changes and rollback execution. */
export function needsApproval(tool: AnyToolModule, input: Record<string, unknown>): string | null {
  if (!tool.annotations.destructive) return null;
  if (tool.name.startsWith('rollback_execute')) return 'rollback execution';
  if (input.environment === 'production') return `${tool.name} in production`;
  return null;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, tool: string, abort: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new TimeoutError(`${tool} did not finish within ${ms} ms and was stopped`, { tool }));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorResult(text: string, evidenceId?: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }], ...(evidenceId ? { _meta: { 'sre-agent/evidenceId': evidenceId } } : {}) };
}

/** Run one tool call through policy, approval, timeout, output validation and the ledger. */
export async function callToolModule(tool: AnyToolModule, args: Record<string, unknown>, options: SreServerOptions, signal?: AbortSignal): Promise<CallToolResult> {
  let ctx: ToolContext & { ledger: Ledger };
  try {
    ctx = options.getContext();
  } catch (error) {
    return errorResult(`${tool.name} cannot run: ${describeError(error)}`);
  }
  const startedAt = new Date();
  const base = { kind: 'tool_call' as const, tool: tool.name, input: args, startedAt: startedAt.toISOString(), caller: options.caller };
  const decision = evaluatePolicy({ tool: tool.name, input: args }, { ledger: ctx.ledger, config: ctx.config, handoff: ctx.handoff?.data ?? null });
  if (!decision.allowed) {
    const entry = ctx.ledger.append({ ...base, ok: false, durationMs: 0, refused: { rule: decision.rule, reason: decision.reason }, error: `refused by policy rule ${decision.rule}: ${decision.reason}` });
    return errorResult(`${entry.id}: refused by policy rule ${decision.rule}: ${decision.reason}`, entry.id);
  }
  const approvalReason = (options.needsApproval ?? needsApproval)(tool, args);
  if (approvalReason && options.approve) {
    const answer = await options.approve({ tool: tool.name, input: args, reason: approvalReason });
    if (!answer.approved) {
      const reason = `not approved: ${approvalReason}${answer.note ? ` (${answer.note})` : ''}`;
      const entry = ctx.ledger.append({ ...base, ok: false, durationMs: 0, refused: { rule: 'human-approval', reason }, error: reason });
      return errorResult(`${entry.id}: ${reason}`, entry.id);
    }
  }
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal?.addEventListener('abort', onAbort);
  ctx.signal.addEventListener('abort', onAbort);
  try {
    const raw = await withTimeout(tool.handler(args, { ...ctx, signal: abort.signal }), ctx.config.limits.toolCallTimeoutMs, tool.name, abort);
    const parsed = tool.output.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${tool.name} returned a result that does not match its output schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    const entry = ctx.ledger.append({ ...base, ok: true, output: parsed.data, durationMs: Date.now() - startedAt.getTime() });
    return {
      structuredContent: parsed.data as Record<string, unknown>,
      content: [{ type: 'text', text: toolResultText(entry.id, parsed.data, ctx.config.limits.maxToolResultChars) }],
      _meta: { 'sre-agent/evidenceId': entry.id },
    };
  } catch (error) {
    const message = describeError(error);
    const entry = ctx.ledger.append({ ...base, ok: false, error: message, durationMs: Date.now() - startedAt.getTime() });
    ctx.logger.warn({ tool: tool.name, evidenceId: entry.id }, message);
    return errorResult(`${entry.id}: ${tool.name} failed: ${message}`, entry.id);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

type RawHandler = (request: { params?: { name?: unknown } }, extra: unknown) => Promise<unknown>;

/**
 * Read-only gate on tools/call: a hidden tool called by name gets a clear refusal (and a ledger entry), not
 * "tool not found". The SDK keeps request handlers in a map; we wrap its tools/call handler in place.
 */
function refuseHiddenTools(server: McpServer, hidden: Map<string, AnyToolModule>, options: SreServerOptions): void {
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, RawHandler> })._requestHandlers;
  const original = handlers?.get('tools/call');
  if (!handlers || !original) return; // nothing registered: the SDK refuses every call itself
  handlers.set('tools/call', async (request, extra) => {
    const tool = hidden.get(String(request.params?.name));
    if (!tool) return original(request, extra);
    const reason = `this MCP server runs with --read-only; ${tool.name} changes things and is not served`;
    let evidenceId: string | undefined;
    try {
      const ctx = options.getContext();
      const args = (request.params as { arguments?: Record<string, unknown> }).arguments ?? {};
      evidenceId = ctx.ledger.append({ kind: 'tool_call', tool: tool.name, input: args, startedAt: new Date().toISOString(), caller: options.caller, ok: false, durationMs: 0, refused: { rule: 'read-only', reason }, error: `refused: ${reason}` }).id;
    } catch {
      // No context (e.g. no sre.yaml): still refuse, without a ledger entry.
    }
    return errorResult(`${evidenceId ? `${evidenceId}: ` : ''}refused by rule read-only: ${reason}`, evidenceId);
  });
}

/** Tools each server hides in read-only mode, and whether its tools/call handler is already wrapped. */
const HIDDEN = new WeakMap<McpServer, Map<string, AnyToolModule>>();

/** Register tool modules on a server made by createSreServer (also after connecting, e.g. loaded lazily). */
export function addToolModules(server: McpServer, tools: AnyToolModule[], options: SreServerOptions): void {
  let hidden = HIDDEN.get(server);
  const wrapped = hidden !== undefined;
  hidden ??= new Map();
  for (const tool of tools) {
    if (options.readOnly && !tool.annotations.readOnly) {
      hidden.set(tool.name, tool);
      continue;
    }
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: {
          title: tool.title,
          readOnlyHint: tool.annotations.readOnly,
          destructiveHint: tool.annotations.destructive,
          idempotentHint: tool.annotations.idempotent ?? false,
          openWorldHint: tool.annotations.openWorld ?? false,
        },
      },
      async (args: Record<string, unknown>, extra: { signal: AbortSignal }) => callToolModule(tool, args, options, extra.signal),
    );
  }
  if (!wrapped && hidden.size > 0) {
    HIDDEN.set(server, hidden);
    refuseHiddenTools(server, hidden, options);
  }
}

/** Build the MCP server with every tool, the master prompt and the contract resources. */
export function createSreServer(options: SreServerOptions): McpServer {
  const server = new McpServer({ name: 'sre-agent', version: options.version ?? '0.1.0' }, { capabilities: { logging: {} } });
  addToolModules(server, options.tools, options);

  server.registerPrompt(
    'sre-master',
    {
      title: 'Master SRE prompt (step 7)',
      description: 'The seed\'s master SRE prompt in Brazilian Portuguese, filled in with the QA handoff and sre.yaml.',
      argsSchema: { handoff: z.string().optional().describe('Path of the QA handoff (JSON or YAML); default: the session\'s handoff') },
    },
    async ({ handoff }) => {
      const ctx = options.getContext();
      const data = handoff ? loadHandoff(handoff, { cwd: ctx.configDir }).data : ctx.handoff?.data;
      if (!data) throw new Error('No QA handoff: pass the handoff argument (a path to the QA handoff file)');
      return { messages: [{ role: 'user', content: { type: 'text', text: renderMasterPrompt(ctx.config, data) } }] };
    },
  );

  const json = (uri: string, value: unknown) => ({ contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] });
  server.registerResource('checklist', 'sre://checklist', { title: 'Pre-delivery checklist and its evidence rules', mimeType: 'application/json' }, async (uri) =>
    json(uri.href, Object.fromEntries(Object.entries(CHECKLIST_ITEMS).map(([k, label]) => [k, { label, proofs: EVIDENCE_RULES[k as keyof typeof EVIDENCE_RULES].map((r) => ({ tools: r.tools, meaning: r.describe })) }]))),
  );
  for (const name of ['report', 'qa-handoff', 'sre-handoff', 'config'] as const) {
    server.registerResource(`schema-${name}`, `sre://schemas/${name}`, { title: `JSON Schema: ${name}`, mimeType: 'application/schema+json' }, async (uri) => json(uri.href, jsonSchemaOf(name)));
  }
  return server;
}
