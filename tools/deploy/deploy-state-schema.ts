/** zod shape of a DeployState (tools/deploy/driver.ts) for tool outputs. */
import { z } from 'zod';

export const DeployStateSchema = z.object({
  environment: z.enum(['staging', 'production']),
  activeVersion: z.string().nullable(),
  previousVersion: z.string().nullable(),
  weights: z.record(z.string(), z.number()),
  details: z.record(z.string(), z.unknown()),
});

export const EnvironmentInput = z.enum(['staging', 'production']).describe('staging or production');
