/** activation_promote: metric-gated activation of a production feature flag, one step at a time, rolling back by itself. */
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';
import { defineTool } from '../tool.js';
import { promoteFlag } from './activation/promote-flag.js';

const SliShape = z.object({
  requests: z.number(),
  errors: z.number(),
  requestRate: z.number(),
  errorRate: z.number().nullable(),
  latencyP95Seconds: z.number().nullable(),
  latencyObservations: z.number(),
});

/** Leave this much of the tool-call budget for reading and writing the flag. */
const WAIT_MARGIN_MS = 15_000;

export const activationPromoteTool = defineTool({
  name: 'activation_promote',
  title: 'Metric-gated flag activation',
  description:
    'Advance a production feature flag one step of activation.steps (e.g. 0 → 10 → 50 → 100 %) only after its SLIs held for the ' +
    'watch window since the flag last changed (default activation.watchHours). While watching, if the error rate or p95 latency ' +
    'crosses the sre.yaml threshold the flag is set back to 0 % at once (decision rollback). Too little traffic → hold; a window ' +
    'longer than a tool call may wait → wait (call again later). Returns the previous and new percent, the decision, the SLIs and why.',
  input: z.object({
    environment: z.literal('production').default('production'),
    flag: z.string().min(1).describe('Flag key in the flagd file (flags.file)'),
    watchSeconds: z.number().int().min(1).optional().describe('Watch window; default activation.watchHours × 3600'),
  }),
  output: z.object({
    environment: z.literal('production'),
    flag: z.string(),
    file: z.string(),
    previous: z.number(),
    percent: z.number(),
    nextStep: z.number().nullable(),
    decision: z.enum(['advance', 'rollback', 'hold', 'wait', 'complete']),
    slis: SliShape.nullable(),
    watchedFrom: z.string().nullable(),
    watchedTo: z.string().nullable(),
    watchSeconds: z.number(),
    thresholds: z.object({ errorRate: z.number(), latencyP95Seconds: z.number(), minRequests: z.number() }),
    reason: z.string(),
  }),
  annotations: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
  handler: async (input, ctx) =>
    promoteFlag(ctx, {
      flag: input.flag,
      watchSeconds: input.watchSeconds ?? Math.round(ctx.config.activation.watchHours * 3600),
      maxWaitMs: Math.max(0, ctx.config.limits.toolCallTimeoutMs - WAIT_MARGIN_MS),
      minRequests: DEFAULTS.activationMinRequests,
    }),
});
