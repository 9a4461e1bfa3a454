/** `rollback_execute`: really roll back one scenario in an environment (never blocked by policy). */
import { z } from 'zod';
import { recordStep } from '../deploy/journal.js';
import { defineTool } from '../tool.js';
import { DeployStateSchema } from '../deploy/deploy-state-schema.js';
import { canaryWeightZero, flagOff, gitRevert, migrationReverse, switchBack, type ScenarioOutcome } from './execute-scenario.js';
import { RollbackScenario } from './scenario-names.js';

export const rollbackExecuteTool = defineTool({
  name: 'rollback_execute',
  title: 'Roll back',
  description:
    'Roll back one scenario in an environment: feature_flag (release flags to 0%), blue_green (all traffic back to the previous version), ' +
    'canary_weight_zero (new version weight 0%), git_revert (`git revert --no-edit <commit>`; only with confirm: true, otherwise returns ' +
    'the command), migration (runs each migration reverse command, last first; only with confirm: true and only when it is a command). ' +
    'Use it when production misbehaves (error rate, latency, failed smoke tests). Returns done, duration, the resulting traffic state.',
  input: z.object({
    environment: z.enum(['staging', 'production']),
    scenario: RollbackScenario,
    confirm: z.boolean().default(false).describe('Required to run git_revert and migration reverses'),
    flag: z.string().optional().describe('feature_flag only: the flag to turn off (default: every flag of the release)'),
  }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    scenario: RollbackScenario,
    done: z.boolean(),
    durationMs: z.number().nonnegative(),
    state: DeployStateSchema.optional(),
    detail: z.string(),
    flags: z.array(z.object({ name: z.string(), previous: z.number(), percent: z.number(), file: z.string() })).optional(),
    commands: z.array(z.object({ argv: z.array(z.string()), ran: z.boolean(), exitCode: z.number().nullable() })).optional(),
  }),
  annotations: { readOnly: false, destructive: true, idempotent: false },
  handler: async (input, ctx) => {
    const started = Date.now();
    let outcome: ScenarioOutcome;
    switch (input.scenario) {
      case 'feature_flag':
        outcome = await flagOff(ctx, input.environment, input.flag);
        break;
      case 'blue_green':
        outcome = await switchBack(ctx, input.environment);
        break;
      case 'canary_weight_zero':
        outcome = await canaryWeightZero(ctx, input.environment);
        break;
      case 'git_revert':
        outcome = await gitRevert(ctx, input.confirm);
        break;
      case 'migration':
        outcome = await migrationReverse(ctx, input.confirm);
        break;
    }
    recordStep(ctx.outDir, ctx.runId, input.environment, `rollback_execute ${input.scenario}`, `${outcome.done ? 'done' : 'not done'}: ${outcome.detail}`);
    return { environment: input.environment, scenario: input.scenario, durationMs: Date.now() - started, ...outcome };
  },
});
