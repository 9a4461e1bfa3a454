/** flags_get: the share of users a feature flag is on for, in one environment's flagd file. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EnvironmentInput } from './deploy-state-schema.js';
import { readFlagPercent } from './flags/flag-file.js';
import { flagFileFor } from './flags/flag-file-path.js';

export const flagsGetTool = defineTool({
  name: 'flags_get',
  title: 'Read a feature flag rollout',
  description:
    'Read the rollout percentage of a boolean feature flag (0 = off for everyone, 100 = on for everyone) from the environment\'s ' +
    'OpenFeature flagd file. Use it before and after changing a flag, or to check what production serves. ' +
    'Fails when the file or the flag does not exist, or when the flag has targeting that is not a plain percentage.',
  input: z.object({
    environment: EnvironmentInput,
    flag: z.string().min(1).describe('Flag key, e.g. new-endpoint'),
  }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    flag: z.string(),
    percent: z.number().describe('Share of users the flag is on for, 0..100'),
    file: z.string().describe('The flagd file read'),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const file = flagFileFor(ctx, input.environment);
    return { environment: input.environment, flag: input.flag, percent: await readFlagPercent(file, input.flag), file };
  },
});
