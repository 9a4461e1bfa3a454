/** slo_status: SLO targets, error budget left and multiwindow multi-burn-rate alert state of an environment. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { getMetricsSource } from './source/get-metrics-source.js';
import { computeSli, mergeVersions, type Sli, type WindowCounts } from './sli/window-counts.js';
import { BUDGET_WINDOW, BURN_ALERT_RULES, BURN_WINDOWS } from './slo/burn-windows.js';
import { countsForWindows } from './slo/window-set.js';

const BurnRate = z.object({
  window: z.string(),
  seconds: z.number(),
  evaluable: z.boolean(),
  requests: z.number().nullable(),
  errors: z.number().nullable(),
  errorRatio: z.number().nullable(),
  burnRate: z.number().nullable(),
  reason: z.string().nullable(),
});

const Alerting = z.object({
  severity: z.enum(['page', 'ticket']),
  longWindow: z.string(),
  shortWindow: z.string(),
  burnRateThreshold: z.number(),
  evaluable: z.boolean(),
  firing: z.boolean().nullable(),
  reason: z.string(),
});

function sliOf(counts: WindowCounts): Sli {
  return computeSli(mergeVersions(Object.values(counts.byVersion)), (counts.endMs - counts.startMs) / 1000);
}

export const sloStatusTool = defineTool({
  name: 'slo_status',
  title: 'SLO status and burn rates',
  description:
    'Evaluate the SLOs of an environment: availability target, error-rate and p95 latency thresholds (from sre.yaml thresholds), ' +
    'the error budget left, and the SRE-workbook multiwindow burn-rate alerts (page at 14.4× over 1h and 5m, page at 6× over 6h ' +
    'and 30m, ticket at 1× over 3d and 6h). Windows without data are listed as not evaluable with the reason (with metrics.source ' +
    'scrape only windows covered by this run\'s earlier scrapes can be evaluated). Use to prove SLIs are measured and to decide whether to continue.',
  input: z.object({ environment: z.enum(['staging', 'production']) }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    source: z.enum(['scrape', 'prometheus', 'sim']),
    objectives: z.object({
      availabilityTarget: z.number(),
      errorBudget: z.number(),
      errorRate: z.number(),
      latencyP95Seconds: z.number(),
    }),
    current: z.object({
      window: z.string().nullable(),
      errorRate: z.number().nullable(),
      latencyP95Seconds: z.number().nullable(),
      errorRateMet: z.boolean().nullable(),
      latencyMet: z.boolean().nullable(),
    }),
    errorBudgetWindow: z.string().nullable(),
    errorBudgetRemaining: z.number().nullable(),
    burnRates: z.array(BurnRate),
    alerting: z.array(Alerting),
    evaluable: z.boolean(),
    notEvaluable: z.array(z.string()),
    detail: z.string(),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  handler: async ({ environment }, ctx) => {
    const { thresholds } = ctx.config;
    const budget = 1 - thresholds.availabilityTarget;
    const source = getMetricsSource(ctx);
    // The 30-day budget window needs PromQL; with scrapes the budget uses the longest span this run covers.
    const windows = source.supportsQuery ? [...BURN_WINDOWS, BUDGET_WINDOW] : BURN_WINDOWS;
    const { mode, results, longestSpan } = await countsForWindows(ctx, environment, windows);

    const burnRates = BURN_WINDOWS.map((win) => {
      const result = results.get(win.name)!;
      if (!result.counts) return { window: win.name, seconds: win.seconds, evaluable: false, requests: null, errors: null, errorRatio: null, burnRate: null, reason: result.reason };
      const sli = sliOf(result.counts);
      if (sli.errorRate === null) {
        return { window: win.name, seconds: win.seconds, evaluable: false, requests: 0, errors: 0, errorRatio: null, burnRate: null, reason: `no requests in the last ${win.name}` };
      }
      return { window: win.name, seconds: win.seconds, evaluable: true, requests: sli.requests, errors: sli.errors, errorRatio: sli.errorRate, burnRate: sli.errorRate / budget, reason: null };
    });
    const byName = new Map(burnRates.map((b) => [b.window, b]));

    const alerting = BURN_ALERT_RULES.map((rule) => {
      const long = byName.get(rule.long.name)!;
      const short = byName.get(rule.short.name)!;
      const base = { severity: rule.severity, longWindow: rule.long.name, shortWindow: rule.short.name, burnRateThreshold: rule.burnRate };
      if (long.burnRate === null || short.burnRate === null) {
        const missing = [long, short].filter((b) => b.burnRate === null).map((b) => `${b.window}: ${b.reason}`);
        return { ...base, evaluable: false, firing: null, reason: `not evaluable (${missing.join('; ')})` };
      }
      const firing = long.burnRate > rule.burnRate && short.burnRate > rule.burnRate;
      return {
        ...base,
        evaluable: true,
        firing,
        reason: `burn ${long.burnRate.toFixed(2)}× over ${rule.long.name} and ${short.burnRate.toFixed(2)}× over ${rule.short.name} vs ${rule.burnRate}×`,
      };
    });

    // Error budget over the SLO period (30d via PromQL), or the longest span this run's scrapes cover.
    const budgetCounts = mode === 'promql' ? results.get(BUDGET_WINDOW.name)?.counts ?? null : longestSpan;
    const budgetSli = budgetCounts ? sliOf(budgetCounts) : null;
    const errorBudgetWindow = budgetCounts ? (mode === 'promql' ? BUDGET_WINDOW.name : `${Math.round((budgetCounts.endMs - budgetCounts.startMs) / 1000)}s`) : null;
    const errorBudgetRemaining = budgetSli?.errorRate == null ? null : 1 - budgetSli.errorRate / budget;

    // "Current" SLIs: the shortest window that has data.
    const shortest = BURN_WINDOWS.map((win) => ({ win, counts: results.get(win.name)?.counts ?? null }))
      .map(({ win, counts }) => ({ win, sli: counts ? sliOf(counts) : null }))
      .find(({ sli }) => sli !== null && sli.requests > 0);
    const fallback = !shortest && budgetSli && budgetSli.requests > 0 ? { window: errorBudgetWindow, sli: budgetSli } : null;
    const currentSli = shortest?.sli ?? fallback?.sli ?? null;
    const current = {
      window: shortest?.win.name ?? fallback?.window ?? null,
      errorRate: currentSli?.errorRate ?? null,
      latencyP95Seconds: currentSli?.latencyP95Seconds ?? null,
      errorRateMet: currentSli?.errorRate == null ? null : currentSli.errorRate <= thresholds.errorRate,
      latencyMet: currentSli?.latencyP95Seconds == null ? null : currentSli.latencyP95Seconds <= thresholds.latencyP95Seconds,
    };

    const notEvaluable = burnRates.filter((b) => !b.evaluable).map((b) => b.window);
    const evaluable = alerting.some((a) => a.evaluable);
    const firing = alerting.filter((a) => a.firing).map((a) => `${a.severity} (${a.longWindow}/${a.shortWindow})`);
    const detail = !evaluable
      ? `no burn-rate alert is evaluable yet (windows without data: ${notEvaluable.join(', ')})`
      : firing.length > 0
        ? `burning error budget too fast: ${firing.join(', ')}`
        : `no burn-rate alert firing${notEvaluable.length > 0 ? ` (not evaluable: ${notEvaluable.join(', ')})` : ''}`;

    return {
      environment,
      source: source.kind,
      objectives: { availabilityTarget: thresholds.availabilityTarget, errorBudget: budget, errorRate: thresholds.errorRate, latencyP95Seconds: thresholds.latencyP95Seconds },
      current,
      errorBudgetWindow,
      errorBudgetRemaining,
      burnRates,
      alerting,
      evaluable,
      notEvaluable,
      detail,
    };
  },
});
