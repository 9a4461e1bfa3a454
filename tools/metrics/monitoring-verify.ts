/** monitoring_verify: proof that monitoring is live — the expected series scraped now, and Prometheus' target up and rules loaded when configured. */
import { z } from 'zod';
import { describeError } from '../../src/errors.js';
import { defineTool } from '../tool.js';
import { SLI_METRICS } from './sli/sli-metrics.js';
import { environmentSelector } from './sli/window-reader.js';
import { prometheusGet } from './source/prometheus-api.js';
import { takeSnapshot } from './source/snapshot.js';

const EXPECTED = [SLI_METRICS.requests, SLI_METRICS.durationBucket];

interface RulesData {
  groups?: Array<{ name?: string; rules?: Array<{ name?: string; health?: string; lastError?: string }> }>;
}
interface QueryData {
  result?: Array<{ metric?: Record<string, string>; value?: [number, string] }>;
}

export const monitoringVerifyTool = defineTool({
  name: 'monitoring_verify',
  title: 'Verify monitoring is live',
  description:
    'Prove monitoring is live for an environment: scrape its /metrics now (every running instance) and check the SLI series ' +
    `${EXPECTED.join(' and ')} are present; when metrics.prometheus.url is configured, also check Prometheus sees the environment's ` +
    'target up (up == 1) and has alerting/recording rules loaded and healthy. live is true only when every check passes; detail says which failed.',
  input: z.object({ environment: z.enum(['staging', 'production']) }),
  output: z.object({
    live: z.boolean(),
    environment: z.enum(['staging', 'production']),
    scrape: z.object({
      ok: z.boolean(),
      targets: z.array(z.string()),
      series: z.number(),
      expectedSeriesPresent: z.array(z.string()),
      missing: z.array(z.string()),
      error: z.string().nullable(),
    }),
    prometheus: z.object({
      url: z.string().nullable(),
      targetUp: z.boolean().nullable(),
      rulesLoaded: z.boolean().nullable(),
      ruleGroups: z.array(z.string()),
      unhealthyRules: z.array(z.string()),
      error: z.string().nullable(),
    }),
    detail: z.string(),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  handler: async ({ environment }, ctx) => {
    const problems: string[] = [];
    const scrape = { ok: false, targets: [] as string[], series: 0, expectedSeriesPresent: [] as string[], missing: [...EXPECTED] as string[], error: null as string | null };
    try {
      const snapshot = await takeSnapshot(ctx, environment);
      const names = new Set(snapshot.samples.map((s) => s.name));
      scrape.targets = snapshot.targets;
      scrape.series = snapshot.samples.length;
      scrape.expectedSeriesPresent = EXPECTED.filter((n) => names.has(n));
      scrape.missing = EXPECTED.filter((n) => !names.has(n));
      scrape.ok = true;
      if (scrape.missing.length > 0) problems.push(`missing series ${scrape.missing.join(', ')} (send a request so prom-client creates them, or instrument the service)`);
    } catch (error) {
      scrape.error = describeError(error);
      problems.push(`scrape failed: ${scrape.error}`);
    }

    const url = ctx.config.metrics.prometheus?.url ?? null;
    const prometheus = { url, targetUp: null as boolean | null, rulesLoaded: null as boolean | null, ruleGroups: [] as string[], unhealthyRules: [] as string[], error: null as string | null };
    if (url) {
      const options = { timeoutMs: ctx.config.limits.httpTimeoutMs, signal: ctx.signal };
      try {
        const upQuery = `up{${environmentSelector(ctx, environment)}}`;
        const up = (await prometheusGet(url, '/api/v1/query', { query: upQuery }, options)) as QueryData;
        const values = (up.result ?? []).map((r) => Number(r.value?.[1]));
        prometheus.targetUp = values.length > 0 && values.every((v) => v === 1);
        if (!prometheus.targetUp) {
          problems.push(values.length === 0 ? `Prometheus has no target matching ${upQuery}` : `Prometheus reports ${values.filter((v) => v !== 1).length} of ${values.length} targets down (${upQuery})`);
        }
        const rules = (await prometheusGet(url, '/api/v1/rules', {}, options)) as RulesData;
        const groups = rules.groups ?? [];
        prometheus.ruleGroups = groups.map((g) => g.name ?? '(unnamed)');
        prometheus.unhealthyRules = groups.flatMap((g) => (g.rules ?? []).filter((r) => r.health === 'err').map((r) => `${r.name}: ${r.lastError ?? 'error'}`));
        const ruleCount = groups.reduce((n, g) => n + (g.rules?.length ?? 0), 0);
        prometheus.rulesLoaded = ruleCount > 0 && prometheus.unhealthyRules.length === 0;
        if (ruleCount === 0) problems.push(`Prometheus at ${url} has no rules loaded (add the generated alert rules to rule_files)`);
        if (prometheus.unhealthyRules.length > 0) problems.push(`rules failing to evaluate: ${prometheus.unhealthyRules.join('; ')}`);
      } catch (error) {
        prometheus.error = describeError(error);
        problems.push(prometheus.error);
      }
    }
    const live = problems.length === 0;
    const detail = live
      ? `${scrape.series} samples scraped from ${scrape.targets.join(', ')} with ${EXPECTED.join(' and ')}${url ? `; Prometheus target up and ${prometheus.ruleGroups.length} rule group(s) loaded` : ''}`
      : problems.join('; ');
    return { live, environment, scrape, prometheus, detail };
  },
});
