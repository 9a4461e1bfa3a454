/**
 * Read-only, defensive views of other tools' ledger outputs, for tools that summarise the run
 * (documentation, team announcement). A tool may not have run, may have failed, or may have
 * returned an unexpected shape: each case is a value here, never an exception.
 */
import { z } from 'zod';
import type { LedgerEntry } from '../../schemas/ledger-entry.js';
import type { LedgerView } from '../tool.js';

/** What the ledger says about one tool: its latest successful entry, else its latest failure. */
export interface Fact<T> {
  id: string;
  ok: boolean;
  /** The policy guard refused the call: nothing was attempted. */
  refused: boolean;
  input: Record<string, unknown>;
  /** Parsed output, or null when the call failed or its output had an unexpected shape. */
  output: T | null;
  /** Why there is no usable output (the tool's error, or the shape mismatch). */
  error: string | null;
}

export const DeployPlanOut = z.looseObject({
  strategy: z.string(),
  why: z.string().optional(),
  steps: z.array(z.string()).default([]),
  flag: z.string().nullable().optional(),
});
export const DeployExecuteOut = z.looseObject({
  environment: z.string(),
  version: z.string().optional(),
  strategy: z.string().optional(),
  healthy: z.boolean(),
  flag: z.object({ name: z.string(), percent: z.number() }).nullable().optional(),
});
export const SmokeTestOut = z.looseObject({
  environment: z.string(),
  passed: z.boolean(),
  checks: z.array(z.looseObject({ name: z.string(), passed: z.boolean(), detail: z.string().optional() })).default([]),
});
export const RollbackPlanOut = z.looseObject({
  scenarios: z.array(
    z.looseObject({
      scenario: z.string(),
      applicable: z.boolean(),
      action: z.string().optional(),
      estimate: z.string().optional(),
      measuredMs: z.number().nullable().optional(),
    }),
  ),
  recommended: z.string().optional(),
});
export const RollbackVerifyOut = z.looseObject({
  verified: z.boolean(),
  scenarios: z
    .array(
      z.looseObject({
        scenario: z.string(),
        rollbackMs: z.number().nullable().optional(),
        previousVersionAnswered: z.boolean().optional(),
        rolledForward: z.boolean().optional(),
      }),
    )
    .default([]),
});
export const BackupCreateOut = z.looseObject({
  file: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  previousTag: z.string().nullable().optional(),
});
export const DashboardOut = z.looseObject({
  file: z.string(),
  title: z.string().optional(),
  panels: z.array(z.union([z.string(), z.looseObject({ title: z.string() })])).default([]),
});
export const AlertsOut = z.looseObject({
  file: z.string(),
  rules: z.array(z.looseObject({ name: z.string(), severity: z.string().optional() })).default([]),
  valid: z.boolean(),
});
export const MonitoringOut = z.looseObject({ live: z.boolean(), environment: z.string().optional() });

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Turn one ledger entry into a Fact, validating its output against `schema`. */
function toFact<T>(entry: LedgerEntry, schema: z.ZodType<T>): Fact<T> {
  const input = asRecord(entry.input);
  if (!entry.ok) {
    const reason = entry.refused ? `refused by policy ${entry.refused.rule}: ${entry.refused.reason}` : entry.error ?? 'failed';
    return { id: entry.id, ok: false, refused: Boolean(entry.refused), input, output: null, error: reason };
  }
  const parsed = schema.safeParse(entry.output);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    return { id: entry.id, ok: true, refused: false, input, output: null, error: `output in an unexpected shape at ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { id: entry.id, ok: true, refused: false, input, output: parsed.data, error: null };
}

/**
 * The latest successful entry of `tool` (optionally matching `where` on its input), else its latest failure, else null.
 * A success wins over a later failure because a failed retry does not undo what was done.
 */
export function latestFact<T>(
  ledger: LedgerView,
  tool: string,
  schema: z.ZodType<T>,
  where: (input: Record<string, unknown>) => boolean = () => true,
): Fact<T> | null {
  const entries = ledger.byTool(tool).filter((e) => where(asRecord(e.input)));
  const okEntries = entries.filter((e) => e.ok);
  const chosen = okEntries[okEntries.length - 1] ?? entries[entries.length - 1];
  return chosen ? toFact(chosen, schema) : null;
}

/** Everything the docs and the announcement summarise, read once from the ledger. */
export function readReleaseFacts(ledger: LedgerView) {
  const env = (name: 'staging' | 'production') => (input: Record<string, unknown>) => input.environment === name;
  return {
    plan: latestFact(ledger, 'deploy_plan', DeployPlanOut),
    deploy: {
      staging: latestFact(ledger, 'deploy_execute', DeployExecuteOut, env('staging')),
      production: latestFact(ledger, 'deploy_execute', DeployExecuteOut, env('production')),
    },
    smoke: {
      staging: latestFact(ledger, 'smoke_test', SmokeTestOut, env('staging')),
      production: latestFact(ledger, 'smoke_test', SmokeTestOut, env('production')),
    },
    rollbackPlan: latestFact(ledger, 'rollback_plan', RollbackPlanOut),
    rollbackVerify: latestFact(ledger, 'rollback_verify', RollbackVerifyOut),
    backup: latestFact(ledger, 'backup_create', BackupCreateOut),
    dashboard: latestFact(ledger, 'dashboard_generate', DashboardOut),
    alerts: latestFact(ledger, 'alerts_generate', AlertsOut),
    monitoring: latestFact(ledger, 'monitoring_verify', MonitoringOut),
  };
}

export type ReleaseFacts = ReturnType<typeof readReleaseFacts>;

/** Evidence ids of every fact that has an entry (successful or not), in ledger order. */
export function factIds(facts: ReleaseFacts): string[] {
  const ids: string[] = [];
  const visit = (value: unknown) => {
    if (value === null || typeof value !== 'object') return;
    if ('id' in value && 'ok' in value && typeof (value as Fact<unknown>).id === 'string') ids.push((value as Fact<unknown>).id);
    else for (const inner of Object.values(value)) visit(inner);
  };
  visit(facts);
  return [...new Set(ids)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}
