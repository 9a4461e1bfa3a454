/** The SRE handoff: what step 7 hands to step 8. */
import { z } from 'zod';
import { Strategy } from './common.js';

export const SreHandoff = z
  .object({
    schemaVersion: z.literal(1),
    status: z.enum(['delivered', 'blocked']),
    blockingReasons: z.array(z.string()),
    release: z.object({ version: z.string(), commit: z.string(), branch: z.string(), tag: z.string().nullable() }),
    strategy: Strategy.nullable(),
    activationPlan: z.array(
      z.object({
        percent: z.number().min(0).max(100),
        notBefore: z.string().describe('ISO 8601 date-time before which this step must not start'),
        watchHours: z.number().nonnegative(),
        gate: z.string().describe('What must hold before advancing'),
        flag: z.string().nullable(),
      }),
    ),
    dashboards: z.array(z.object({ title: z.string(), location: z.string() })),
    alerts: z.array(z.string()),
    rollback: z.array(z.object({ scenario: z.string(), action: z.string(), estimate: z.string() })),
    communication: z.object({
      toCommunicate: z.array(z.string()).describe('What the next step must tell users and stakeholders'),
      announcement: z.string().nullable(),
      teamNotified: z.boolean(),
    }),
    nextSteps: z.array(z.string()),
    reportPath: z.string().nullable(),
  })
  .strict();

export type SreHandoff = z.infer<typeof SreHandoff>;
