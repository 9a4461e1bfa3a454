/** `rollback_plan`: the seed's rollback scenarios for this release, with measured times once a rollback was exercised. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { measuredRollbackTimes } from './measured-times.js';
import { blueGreenScenario, canaryScenario, featureFlagScenario, gitRevertScenario, migrationScenario } from './plan-scenarios.js';
import { PREFERENCE, RollbackScenario } from './scenario-names.js';

export const rollbackPlanTool = defineTool({
  name: 'rollback_plan',
  title: 'Plan the rollback',
  description:
    'Build the rollback plan for this release from the handoff, the config and the run so far: feature flag off, migration reverse ' +
    '(+ restore from the backup), git revert + redeploy, blue/green switch back (and canary weight 0 for canary releases). ' +
    'Each scenario says whether it applies, the action, the estimate (Portuguese, as in the seed), impact, validation, and ' +
    'measuredMs once rollback_verify or rollback_execute really exercised it. Call it before production and again after rollback_verify ' +
    'to get the measured times. Read-only.',
  input: z.object({}),
  output: z.object({
    version: z.string().nullable(),
    previousVersion: z.string().nullable(),
    scenarios: z.array(
      z.object({
        scenario: RollbackScenario,
        applicable: z.boolean(),
        why: z.string(),
        action: z.string(),
        estimate: z.string().describe('Seed wording: "instantâneo", "<1 minuto", "1-2 minutos", "5-10 minutos"'),
        measuredMs: z.number().nullable().describe('Measured rollback time from this run, or null when not exercised'),
        measuredEvidence: z.string().nullable().describe('Ledger id of the measurement'),
        impact: z.string(),
        validation: z.string(),
      }),
    ),
    recommended: RollbackScenario.nullable().describe('Fastest applicable code rollback'),
    backupFile: z.string().nullable(),
    backupSha256: z.string().nullable(),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (_input, ctx) => {
    const backup = ctx.ledger.lastOk('backup_create')?.output as { file?: string; sha256?: string } | undefined;
    const backupFile = backup?.file ?? null;
    const planned = [
      featureFlagScenario(ctx),
      migrationScenario(ctx, backupFile),
      gitRevertScenario(ctx),
      blueGreenScenario(ctx),
      canaryScenario(ctx),
    ].filter((s) => s !== null);
    const measured = measuredRollbackTimes(ctx.ledger);
    const scenarios = planned.map((s) => ({
      ...s,
      measuredMs: measured.get(s.scenario)?.ms ?? null,
      measuredEvidence: measured.get(s.scenario)?.evidence ?? null,
    }));
    const recommended = PREFERENCE.find((name) => scenarios.some((s) => s.scenario === name && s.applicable)) ?? null;
    return {
      version: ctx.handoff?.data.release.version ?? null,
      previousVersion: ctx.handoff?.data.release.previousVersion ?? null,
      scenarios,
      recommended,
      backupFile,
      backupSha256: backup?.sha256 ?? null,
    };
  },
});
