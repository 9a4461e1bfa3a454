/**
 * `alerts_generate`: Prometheus alerting rules for the seed's alerts and the availability SLO, built only from
 * metrics the service really exposes, with promtool unit tests, checked and tested by the real promtool.
 */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import type { RuleTarget } from './alert-rule.js';
import { buildAlertRules } from './build-alert-rules.js';
import { environmentSelector } from './environment-selector.js';
import { scrapeInventory } from './metric-inventory.js';
import { copyToRepo, writeRunOutput } from './output-files.js';
import { checkRules, testRules } from './promtool.js';
import { missingReferences } from './rule-coverage.js';
import { checkRulesFile } from './rule-file-check.js';
import { renderRulesFile, renderRuleTests } from './rule-files.js';

const RULES_FILE = 'alerts.rules.yml';
const TEST_FILE = 'alerts.test.yml';

const FindingOut = z.object({ level: z.enum(['error', 'warning', 'info']), rule: z.string().nullable(), message: z.string() });
const PromtoolOut = z.object({ ok: z.boolean(), output: z.string() });
const RepoCopyOut = z.object({ path: z.string(), changed: z.boolean(), applied: z.boolean(), note: z.string().nullable() });

/** The rules assume a scrape job named after the service: say so, since a different job name silences every alert. */
const jobFinding = (target: RuleTarget) => ({
  level: 'info' as const,
  rule: null,
  message: `rules select job="${target.job}"${Object.keys(target.selector).length ? ` and ${JSON.stringify(target.selector)}` : ''}: the Prometheus scrape job for this service must carry these labels (RequestMetricAbsent fires otherwise)`,
});

export const alertsGenerateTool = defineTool({
  name: 'alerts_generate',
  title: 'Generate and test Prometheus alert rules',
  description:
    "Scrapes the service's /metrics (environments.<environment>.baseUrl + metrics.scrapePath, or scrapeUrl) and writes Prometheus " +
    'alerting rules for the seed alerts (error rate > thresholds.errorRate, p95 latency > thresholds.latencyP95Seconds, health check ' +
    'failing, database connection errors), multiwindow multi-burn-rate alerts for thresholds.availabilityTarget, and an absent() guard. ' +
    'Rules may only use metrics the service exposes: an alert the metrics cannot support is left out and reported in findings. ' +
    'Also writes promtool unit tests proving each alert fires on bad data and stays quiet on good data, then runs `promtool check rules` ' +
    'and `promtool test rules`. valid is true only when both pass and no rule references a missing metric. ' +
    'Files go to the run output folder; apply: true also writes them into the repository (metrics.dashboardsDir), showing a diff otherwise.',
  input: z.object({
    environment: z.enum(['staging', 'production']).default('production').describe('Environment whose service is scraped and named in alert labels'),
    scrapeUrl: z.string().url().optional().describe('Metrics URL to scrape instead of the environment baseUrl + metrics.scrapePath'),
    apply: z.boolean().default(false).describe('Also write the rules and tests into the repository'),
  }),
  output: z.object({
    file: z.string(),
    testFile: z.string(),
    environment: z.string(),
    scrapeUrl: z.string(),
    rules: z.array(z.object({ name: z.string(), severity: z.string(), expr: z.string(), for: z.string() })),
    recordingRules: z.array(z.object({ name: z.string(), expr: z.string() })),
    seedAlerts: z.object({ errorRate: z.boolean(), latencyP95: z.boolean(), healthCheck: z.boolean(), databaseConnection: z.boolean() }),
    findings: z.array(FindingOut),
    promtool: z.object({ check: PromtoolOut, test: PromtoolOut }),
    valid: z.boolean(),
    repoFiles: z.array(RepoCopyOut),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  handler: async (input, ctx) => {
    const env = ctx.config.environments[input.environment];
    const scrapeUrl = input.scrapeUrl ?? `${env.baseUrl.replace(/\/+$/, '')}${ctx.config.metrics.scrapePath}`;
    const inventory = await scrapeInventory(scrapeUrl, { timeoutMs: ctx.config.limits.httpTimeoutMs, signal: ctx.signal });
    const selector = environmentSelector(ctx.config.metrics.prometheus?.selector, input.environment);
    const target: RuleTarget = {
      job: ctx.config.service.name,
      instance: new URL(scrapeUrl).host,
      service: ctx.config.service.name,
      environment: input.environment,
      selector: selector.labels,
    };
    const set = buildAlertRules(inventory, target, ctx.config.thresholds);
    const rulesText = renderRulesFile(set.recordings, set.alerts, target);
    const testText = renderRuleTests(set.recordings, set.alerts, target, RULES_FILE);
    const file = writeRunOutput(ctx, RULES_FILE, rulesText);
    const testFile = writeRunOutput(ctx, TEST_FILE, testText);

    // Judge the file as written, not the objects it came from.
    const written = checkRulesFile(rulesText, file);
    const recorded = new Set(written.rules.filter((r) => r.kind === 'record').map((r) => r.name));
    const unsupported = written.rules.filter((r) => missingReferences(r.expr, inventory, recorded, Object.keys(target.selector)).length > 0);
    const check = await checkRules(file, ctx.signal);
    const test = await testRules(testFile, ctx.signal);

    const alerts = written.rules.filter((r) => r.kind === 'alert');
    const has = (...names: string[]) => alerts.some((r) => names.includes(r.name));
    const repoFiles = [copyToRepo(ctx, RULES_FILE, rulesText, input.apply), copyToRepo(ctx, TEST_FILE, testText, input.apply)];
    return {
      file,
      testFile,
      environment: input.environment,
      scrapeUrl,
      rules: alerts.map((r) => ({ name: r.name, severity: r.severity ?? '', expr: r.expr, for: r.for ?? '0s' })),
      recordingRules: written.rules.filter((r) => r.kind === 'record').map((r) => ({ name: r.name, expr: r.expr })),
      seedAlerts: {
        errorRate: has('HighErrorRate'),
        latencyP95: has('HighLatencyP95'),
        healthCheck: has('HealthCheckFailing', 'HealthCheckUnhealthy'),
        databaseConnection: has('DatabaseConnectionErrors'),
      },
      findings: [...selector.findings, ...set.findings, ...written.findings, jobFinding(target)],
      promtool: { check, test },
      valid: check.ok && test.ok && unsupported.length === 0 && !written.findings.some((f) => f.level === 'error'),
      repoFiles,
    };
  },
});
