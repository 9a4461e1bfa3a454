/** Tools that belong to the engine rather than to a domain: checking a report, reading the ledger. */
import { z } from 'zod';
import { CHECKLIST_ITEMS } from '../../schemas/checklist.js';
import { defineTool, type AnyToolModule } from '../../tools/tool.js';
import { enforceReport } from '../report/enforce.js';

export const reportValidateTool = defineTool({
  name: 'report_validate',
  title: 'Validate an SRE report against the evidence',
  description:
    'Check a draft SRE report (the report JSON Schema, resource sre://schemas/report) against the schema AND against this session\'s evidence ledger: every checklist item marked done must cite successful ledger entries of the tools that prove it, and every figure (tests, coverage, vulnerabilities, versions) must equal what the tools measured. Returns accepted=false with every violation; use it before delivering a report.',
  input: z.object({ report: z.record(z.string(), z.unknown()).describe('The report object to check') }),
  output: z.object({
    accepted: z.boolean(),
    status: z.enum(['delivered', 'blocked']).nullable().describe('Status after enforcement; null when the report is not schema-valid'),
    violations: z.array(z.string()),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const result = enforceReport(input.report, { ledger: ctx.ledger, handoff: ctx.handoff?.data ?? null, config: ctx.config });
    return { accepted: result.accepted, status: result.report?.status ?? null, violations: result.violations };
  },
});

export const ledgerReadTool = defineTool({
  name: 'ledger_read',
  title: 'Read the evidence ledger',
  description:
    'List the evidence ledger of this session (id, tool, ok, error, refusal, duration), or read one entry in full by id, paging long results with offset. Cite these ids in a report\'s checklist. Checklist items: ' +
    Object.entries(CHECKLIST_ITEMS)
      .map(([k, v]) => `${k} = "${v}"`)
      .join('; '),
  input: z.object({
    id: z.string().optional().describe('Entry id such as E004; omit to list all entries'),
    offset: z.number().int().nonnegative().default(0).describe('Character offset into the entry JSON, for paging'),
    limit: z.number().int().positive().max(50_000).default(8_000),
  }),
  output: z.object({
    entries: z.array(z.object({ id: z.string(), tool: z.string(), ok: z.boolean(), error: z.string().optional(), refusedBy: z.string().optional(), durationMs: z.number() })),
    text: z.string().nullable().describe('The requested entry as JSON, from offset'),
    totalChars: z.number().int().nonnegative(),
    nextOffset: z.number().int().nullable(),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const all = ctx.ledger.all();
    const entries = all.map((e) => ({ id: e.id, tool: e.tool, ok: e.ok, error: e.error, refusedBy: e.refused?.rule, durationMs: e.durationMs }));
    if (!input.id) return { entries, text: null, totalChars: 0, nextOffset: null };
    const entry = all.find((e) => e.id === input.id);
    if (!entry) return { entries: [], text: null, totalChars: 0, nextOffset: null };
    const json = JSON.stringify(entry, null, 1);
    const end = Math.min(json.length, input.offset + input.limit);
    return { entries: [], text: json.slice(input.offset, end), totalChars: json.length, nextOffset: end < json.length ? end : null };
  },
});

export const pipelineRunStepTool = defineTool({
  name: 'pipeline_run_step',
  title: 'Run step 7 on a QA handoff (pipeline handoff over MCP)',
  description:
    'Hand a release over from step 6 (QA) to step 7 (SRE) and run step 7 end to end with the deterministic playbook: verify the handoff, CI gates, deploy, rollback drill, observability, docs, notification. ' +
    'Give the QA handoff as a file path (relative to the session\'s sre.yaml) or inline as an object. Returns the report status, every blocking reason, where report.md/report.json/ledger.jsonl/sre-handoff.json were written, and the step-8 handoff. ' +
    'Destructive: it deploys to staging and production when every gate passes (production actions follow the approval policy).',
  input: z.object({
    handoff: z.union([z.string(), z.record(z.string(), z.unknown())]).describe('QA handoff: a path, or the handoff object itself'),
    config: z.string().optional().describe("sre.yaml path (default: this session's config)"),
    out: z.string().optional().describe('Output directory (default: .sre-agent/runs/<run id> beside sre.yaml)'),
  }),
  output: z.object({
    status: z.enum(['delivered', 'blocked']),
    blockingReasons: z.array(z.string()),
    runId: z.string(),
    outDir: z.string(),
    reportPath: z.string(),
    sreHandoff: z.record(z.string(), z.unknown()),
  }),
  annotations: { readOnly: false, destructive: true, openWorld: true },
  handler: async (input, ctx) => {
    // Loaded lazily: run-step imports this module (the engine tools are part of every run).
    const { runStep } = await import('../agent/run-step.js');
    const { loadConfig } = await import('../config/load-config.js');
    const { loadHandoff } = await import('../config/load-handoff.js');
    const { QaHandoff } = await import('../../schemas/qa-handoff.js');
    const { parseAndValidate } = await import('../config/parse-document.js');
    const config = input.config ? loadConfig({ file: input.config, cwd: ctx.configDir }) : { config: ctx.config, file: null, dir: ctx.configDir };
    const handoff =
      typeof input.handoff === 'string'
        ? loadHandoff(input.handoff, { cwd: ctx.configDir })
        : { data: parseAndValidate(JSON.stringify(input.handoff), QaHandoff, { file: '<inline handoff>', what: 'QA handoff' }), file: null, dir: ctx.configDir };
    const result = await runStep({ handoff, config, cwd: ctx.configDir, out: input.out, logger: ctx.logger, signal: ctx.signal });
    return {
      status: result.report.status,
      blockingReasons: result.report.blockingReasons,
      runId: result.runId,
      outDir: result.outDir,
      reportPath: `${result.outDir}/report.md`,
      sreHandoff: result.sreHandoff as unknown as Record<string, unknown>,
    };
  },
});

export const ENGINE_TOOLS: AnyToolModule[] = [
  reportValidateTool as unknown as AnyToolModule,
  ledgerReadTool as unknown as AnyToolModule,
  pipelineRunStepTool as unknown as AnyToolModule,
];
