/** canary_analysis: compare a canary version with the baseline over timed intervals and decide promote | hold | rollback | inconclusive. */
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';
import { ToolFailure } from '../../src/errors.js';
import { defineTool } from '../tool.js';
import { runAnalysis } from './canary/run-analysis.js';
import { sleep, windowReader } from './sli/window-reader.js';

const SliShape = z
  .object({
    requests: z.number(),
    errors: z.number(),
    requestRate: z.number(),
    errorRate: z.number().nullable(),
    latencyP95Seconds: z.number().nullable(),
    latencyObservations: z.number(),
  })
  .nullable();

const Interval = z.object({
  index: z.number(),
  startedAt: z.string(),
  endedAt: z.string(),
  seconds: z.number(),
  baseline: SliShape,
  canary: SliShape,
  errorTest: z
    .object({
      method: z.enum(['two-proportion-z', 'fisher-exact']),
      baselineRate: z.number(),
      canaryRate: z.number(),
      difference: z.number(),
      zScore: z.number().nullable(),
      pValue: z.number(),
      alpha: z.number(),
      minEffect: z.number(),
      regression: z.boolean(),
    })
    .nullable(),
  latencyTest: z
    .object({
      method: z.literal('mann-whitney-u'),
      u: z.number(),
      zScore: z.number(),
      pValue: z.number(),
      effectSize: z.number(),
      baselineObservations: z.number(),
      canaryObservations: z.number(),
      alpha: z.number(),
      minEffect: z.number(),
      regression: z.boolean(),
    })
    .nullable(),
  errorRateSlo: z
    .object({ threshold: z.number(), canaryValue: z.number().nullable(), baselineValue: z.number().nullable(), pValue: z.number().nullable(), failed: z.boolean() })
    .nullable(),
  latencySlo: z
    .object({ threshold: z.number(), canaryValue: z.number().nullable(), baselineValue: z.number().nullable(), pValue: z.number().nullable(), failed: z.boolean() })
    .nullable(),
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  reasons: z.array(z.string()),
  provenance: z.array(z.string()),
});

export const canaryAnalysisTool = defineTool({
  name: 'canary_analysis',
  title: 'Canary analysis',
  description:
    'Compare a canary version with the baseline version in one environment over timed intervals (the tool waits intervalSeconds per ' +
    'interval). Each interval: one-sided two-proportion z-test (Fisher exact on small counts) on 5xx rates with a minimum effect, ' +
    'Mann-Whitney U on the latency histograms with a minimum effect size and p95 increase, and the sre.yaml error-rate and p95 thresholds. Decision: ' +
    'rollback after consecutive failing intervals (a single noisy interval never rolls back), promote when intervals pass, hold ' +
    'after maxInconclusive intervals without enough data (a human must look), inconclusive when no interval had data. Every number used is returned. ' +
    'Send traffic to both versions while it runs; needs the version label on http_requests_total and http_request_duration_seconds.',
  input: z.object({
    environment: z.enum(['staging', 'production']),
    baselineVersion: z.string().min(1),
    canaryVersion: z.string().min(1),
    intervalSeconds: z.number().int().min(1).max(3600).default(DEFAULTS.canaryIntervalSeconds),
    intervals: z.number().int().min(1).max(100).default(DEFAULTS.canaryIntervals),
    minRequests: z.number().int().min(1).default(DEFAULTS.canaryMinRequests).describe('Per version per interval; fewer makes the interval inconclusive'),
    maxInconclusive: z.number().int().min(1).default(DEFAULTS.canaryMaxInconclusive),
  }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    baselineVersion: z.string(),
    canaryVersion: z.string(),
    decision: z.enum(['promote', 'hold', 'rollback', 'inconclusive']),
    reasons: z.array(z.string()),
    intervalsRun: z.number(),
    intervals: z.array(Interval),
    criteria: z.object({
      alpha: z.number(),
      minErrorRateIncrease: z.number(),
      minLatencyEffect: z.number(),
      minP95IncreaseSeconds: z.number(),
      minRequests: z.number(),
      errorRateThreshold: z.number(),
      latencyP95Threshold: z.number(),
      failuresToRollback: z.number(),
      maxInconclusive: z.number(),
    }),
    source: z.enum(['scrape', 'prometheus', 'sim']),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: false, openWorld: true },
  handler: async (input, ctx) => {
    if (input.baselineVersion === input.canaryVersion) {
      throw new ToolFailure(`baselineVersion and canaryVersion are both ${input.canaryVersion}: compare two different versions`, { field: 'canaryVersion' });
    }
    const budgetMs = ctx.config.limits.toolCallTimeoutMs - 15_000;
    if (input.intervalSeconds * input.intervals * 1000 > budgetMs) {
      throw new ToolFailure(
        `${input.intervals} intervals of ${input.intervalSeconds}s exceed one tool call's time (${Math.round(budgetMs / 1000)}s): use fewer or shorter intervals`,
        { field: 'intervals' },
      );
    }
    const { thresholds } = ctx.config;
    const criteria = {
      alpha: DEFAULTS.canaryAlpha,
      minErrorRateIncrease: DEFAULTS.canaryMinErrorRateIncrease,
      minLatencyEffect: DEFAULTS.canaryMinLatencyEffect,
      minP95IncreaseSeconds: DEFAULTS.canaryMinP95IncreaseSeconds,
      minRequests: input.minRequests,
      errorRateThreshold: thresholds.errorRate,
      latencyP95Threshold: thresholds.latencyP95Seconds,
    };
    const reader = windowReader(ctx, input.environment);
    const outcome = await runAnalysis(
      {
        baselineVersion: input.baselineVersion,
        canaryVersion: input.canaryVersion,
        intervals: input.intervals,
        maxInconclusive: input.maxInconclusive,
        failuresToRollback: DEFAULTS.canaryFailuresToRollback,
        criteria,
        signal: ctx.signal,
      },
      async () => {
        const watch = await reader.begin();
        await sleep(input.intervalSeconds * 1000, ctx.signal);
        return watch.measure();
      },
    );
    const last = outcome.intervals[outcome.intervals.length - 1];
    return {
      environment: input.environment,
      baselineVersion: input.baselineVersion,
      canaryVersion: input.canaryVersion,
      decision: outcome.decision,
      reasons: [outcome.reason, ...(last ? last.reasons.map((r) => `interval ${last.index}: ${r}`) : [])],
      intervalsRun: outcome.intervals.length,
      intervals: outcome.intervals,
      criteria: { ...criteria, failuresToRollback: DEFAULTS.canaryFailuresToRollback, maxInconclusive: input.maxInconclusive },
      source: reader.source.kind,
    };
  },
});
