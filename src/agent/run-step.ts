/**
 * Step 7 end to end: load → render prompt → provider drives tools over MCP → ledger → enforcer → outputs.
 * `runStep` is the library entry (`import { runStep } from 'sre-agent'`) and what `sre-agent run` calls.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../../schemas/config.js';
import type { Report } from '../../schemas/report.js';
import type { SreHandoff } from '../../schemas/sre-handoff.js';
import { allTools } from '../../tools/registry.js';
import type { AnyToolModule, ToolContext } from '../../tools/tool.js';
import { loadConfig } from '../config/load-config.js';
import { loadHandoff, type LoadedHandoff } from '../config/load-handoff.js';
import { describeError } from '../errors.js';
import { Ledger } from '../ledger/ledger.js';
import { silentLogger } from '../log.js';
import { ENGINE_TOOLS } from '../mcp/engine-tools.js';
import { connectInProcess } from '../mcp/in-process.js';
import { createSreServer, type ApprovalHook } from '../mcp/server.js';
import { buildSreHandoff } from '../report/build-sre-handoff.js';
import { draftReport } from '../report/draft-report.js';
import { enforceReport, type EnforceResult } from '../report/enforce.js';
import { renderReportMarkdown } from '../report/render-markdown.js';
import { Runtime } from '../runtime/run-runtime.js';
import { createApprovalHook } from './approval.js';
import { renderMasterPrompt } from './master-prompt.js';
import { createProvider } from './providers/index.js';
import type { AgentSession, ProgressEvent, Provider, ToolCallOutcome } from './session.js';

export interface RunStepOptions {
  /** QA handoff: a file, a directory holding it, or "-" for stdin. Or an already loaded one. */
  handoff: string | LoadedHandoff;
  /** sre.yaml path (default: discovered in cwd). Or an already loaded config. */
  config?: string | LoadedConfig;
  cwd?: string;
  /** playbook (default) or openai:MODEL. Or a provider instance (tests, evals). */
  model?: string | Provider;
  baseUrl?: string;
  apiKey?: string;
  /** Output directory (default: <config dir>/.sre-agent/runs/<runId>). */
  out?: string;
  approve?: boolean | ApprovalHook;
  logger?: Logger;
  onProgress?: (event: ProgressEvent) => void;
  /** Prepare the runtime before tools run (the eval harness provides simulated drivers here). */
  prepareRuntime?: (runtime: Runtime) => void;
  signal?: AbortSignal;
  tools?: AnyToolModule[];
}

export interface RunStepResult {
  runId: string;
  outDir: string;
  report: Report;
  sreHandoff: SreHandoff;
  ledger: Ledger;
  enforcement: EnforceResult;
  /** 0 delivered, 2 blocked. */
  exitCode: 0 | 2;
}

/** How much longer the in-process client waits than the server's own tool-call timeout. */
const TOOL_RESULT_GRACE_MS = 5_000;

function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\..+$/, '')}-${randomBytes(3).toString('hex')}`;
}

/** Run step 7 once. Throws UserError/ConfigError on bad input before any tool runs. */
export async function runStep(options: RunStepOptions): Promise<RunStepResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const logger = options.logger ?? silentLogger();
  const loaded = typeof options.config === 'object' ? options.config : loadConfig({ file: options.config, cwd });
  const handoff = typeof options.handoff === 'string' ? loadHandoff(options.handoff, { cwd }) : options.handoff;
  const provider = typeof options.model === 'object' ? options.model : createProvider(options.model ?? 'playbook', { baseUrl: options.baseUrl, apiKey: options.apiKey });
  const config = loaded.config;

  const runId = newRunId();
  const outDir = resolve(cwd, options.out ?? join(loaded.dir, '.sre-agent', 'runs', runId));
  mkdirSync(outDir, { recursive: true });
  const secrets = [options.apiKey, process.env.OPENAI_API_KEY, ...config.notify.channels.map((c) => c.url)].filter((s): s is string => Boolean(s));
  const ledger = new Ledger({ file: join(outDir, 'ledger.jsonl'), secrets });
  const runtime = new Runtime();
  options.prepareRuntime?.(runtime);
  const abort = new AbortController();
  options.signal?.addEventListener('abort', () => abort.abort(options.signal?.reason));

  const ctx: ToolContext & { ledger: Ledger } = {
    config,
    configDir: loaded.dir,
    repoDir: resolve(loaded.dir, config.service.repository),
    outDir,
    runId,
    handoff: { data: handoff.data, file: handoff.file, dir: handoff.dir },
    ledger,
    runtime,
    logger,
    signal: abort.signal,
  };
  const approve = typeof options.approve === 'function' ? options.approve : createApprovalHook(config, { approveAll: options.approve === true });
  const server = createSreServer({ tools: [...(options.tools ?? allTools()), ...ENGINE_TOOLS.filter((t) => t.name !== 'pipeline_run_step')], getContext: () => ctx, caller: provider.name, approve });
  const { client, close } = await connectInProcess(server, `sre-agent-${provider.name}`);

  const stopReasons: string[] = [];
  let lastSubmission: EnforceResult | null = null;
  const progress = (event: ProgressEvent) => {
    logger.debug({ progress: event }, event.text);
    options.onProgress?.(event);
  };
  const session: AgentSession = {
    client,
    masterPrompt: renderMasterPrompt(config, handoff.data),
    handoff: handoff.data,
    config,
    ledger,
    logger,
    signal: abort.signal,
    stopReasons,
    async callTool(name, args = {}): Promise<ToolCallOutcome> {
      progress({ kind: 'tool', text: `${name} ${JSON.stringify(args)}` });
      // The server stops the tool at toolCallTimeoutMs and answers with a TimeoutError result; the client waits a
      // little longer so that answer (and its ledger id) arrives instead of a client-side McpError racing it.
      const raw = (await client.callTool({ name, arguments: args }, undefined, { timeout: config.limits.toolCallTimeoutMs + TOOL_RESULT_GRACE_MS })) as ToolCallOutcome['raw'];
      const text = raw.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      const evidenceId = (raw._meta?.['sre-agent/evidenceId'] as string | undefined) ?? null;
      const ok = !raw.isError;
      const where = typeof args.environment === 'string' ? ` ${args.environment}` : '';
      progress({ kind: 'tool', text: `${evidenceId ?? '—'} ${name}${where}: ${ok ? 'ok' : text.split('\n')[0]}`, ok });
      return { ok, evidenceId, output: ok ? ((raw.structuredContent as Record<string, unknown>) ?? null) : null, text, raw };
    },
    submitReport(candidate) {
      lastSubmission = enforceReport(candidate, { ledger, handoff: handoff.data, config });
      progress({ kind: 'note', text: `report submitted: ${lastSubmission.accepted ? 'accepted' : `rejected (${lastSubmission.violations.length} violations)`}` });
      return lastSubmission;
    },
    progress,
    recordModelCall(call) {
      const { model, tokens, ...rest } = call;
      return ledger.append({ kind: 'model_call', tool: model, caller: provider.name, ...rest, ...(tokens ? { tokens } : {}) }).id;
    },
    stop(reason) {
      stopReasons.push(reason);
      progress({ kind: 'note', text: `stop: ${reason}` });
    },
  };

  try {
    try {
      await provider.drive(session);
    } catch (error) {
      stopReasons.push(`the ${provider.name} provider failed: ${describeError(error)}`);
      logger.error({ err: error }, 'provider failed');
    }
    if (abort.signal.aborted) stopReasons.push(`run interrupted (${abort.signal.reason instanceof Error ? abort.signal.reason.message : String(abort.signal.reason ?? 'aborted')}): later steps were not run; what it started was stopped — sre-agent rollback --run ${outDir} restores what it changed`);
    const submitted = lastSubmission as EnforceResult | null;
    if (!submitted) stopReasons.push(`the ${provider.name} provider ended without submitting a report`);
    let enforcement: EnforceResult;
    if (submitted?.report && !abort.signal.aborted) {
      enforcement = submitted;
    } else {
      // Not submitted, or not even schema-valid: publish the ledger's own account, blocked, with every reason.
      const reasons = [...stopReasons, ...(submitted ? submitted.violations.map((v) => `submitted report rejected: ${v}`) : [])];
      const draft = draftReport({ ledger, handoff: handoff.data, config, extraReasons: reasons });
      enforcement = { ...enforceReport(draft, { ledger, handoff: handoff.data, config }), accepted: false };
    }
    const report: Report = { ...enforcement.report!, usage: modelUsage(ledger) };
    const reportPath = join(outDir, 'report.md');
    const sreHandoff = buildSreHandoff(report, ledger, config, reportPath);
    writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(reportPath, renderReportMarkdown(report));
    writeFileSync(join(outDir, 'sre-handoff.json'), `${JSON.stringify(sreHandoff, null, 2)}\n`);
    return { runId, outDir, report, sreHandoff, ledger, enforcement, exitCode: report.status === 'delivered' ? 0 : 2 };
  } finally {
    await close().catch(() => undefined);
    const errors = await runtime.close();
    for (const error of errors) logger.warn({ err: error }, 'cleanup failed');
  }
}

function modelUsage(ledger: Ledger): Report['usage'] {
  const calls = ledger.all().filter((e) => e.kind === 'model_call').length;
  return calls > 0 ? { modelCalls: calls, tokens: ledger.tokens() } : undefined;
}
