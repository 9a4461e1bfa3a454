/** flags_set: roll a feature flag out to a share of users in one environment (sticky per user), atomically. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EnvironmentInput } from './deploy-state-schema.js';
import { setFlagPercent } from './flags/flag-file.js';
import { flagFileFor } from './flags/flag-file-path.js';
import { recordFlag } from './journal.js';

export const flagsSetTool = defineTool({
  name: 'flags_set',
  title: 'Set a feature flag rollout',
  description:
    'Set a boolean feature flag to be on for `percent` % of users (0 turns it off: the instant rollback; 100 turns it on for all) ' +
    'in the environment\'s OpenFeature flagd file. The running service re-reads the file, and a user keeps the same answer as the ' +
    'percentage grows. Creates the flag (variants on/off) when missing. Production moves follow the activation plan one step at a time. ' +
    'Returns the previous and the new percentage.',
  input: z.object({
    environment: EnvironmentInput,
    flag: z.string().min(1).describe('Flag key, e.g. new-endpoint'),
    percent: z.number().int().min(0).max(100).describe('Share of users to turn the flag on for'),
  }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    flag: z.string(),
    previous: z.number(),
    percent: z.number(),
    file: z.string(),
  }),
  annotations: { readOnly: false, destructive: true, idempotent: true },
  handler: async (input, ctx) => {
    const file = flagFileFor(ctx, input.environment);
    const { previous, current } = await setFlagPercent(file, input.flag, input.percent);
    recordFlag(ctx.outDir, ctx.runId, input.environment, input.flag, { file, percent: current, previous }, ctx.config.deploy.driver);
    return { environment: input.environment, flag: input.flag, previous, percent: current, file };
  },
});
