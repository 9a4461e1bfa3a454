/** `dashboard_generate`: the seed's Grafana dashboard (request rate, error rate, p95 latency, active users). */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import type { Finding } from './alert-rule.js';
import { inspectDashboard, withoutGrafanaVariables } from './dashboard-inspect.js';
import { buildDashboard, SCHEMA_VERSION } from './dashboard-model.js';
import { findRequestCounter } from './metric-detect.js';
import { scrapeInventory } from './metric-inventory.js';
import { copyToRepo, writeRunOutput } from './output-files.js';
import { missingReferences } from './rule-coverage.js';

const FILE = 'dashboard.json';

export const dashboardGenerateTool = defineTool({
  name: 'dashboard_generate',
  title: 'Generate the Grafana service dashboard',
  description:
    'Writes a Grafana dashboard (schemaVersion 39: stat and time-series panels) with the seed metrics: request rate, error rate, ' +
    'latency p95 and active users, plus error rate and p95 by version (to compare a canary) and request rate by status. ' +
    'Thresholds come from config thresholds. The Prometheus data source is an import input (DS_PROMETHEUS); job, instance and version are ' +
    'variables. With scrapeUrl or environment, the service is scraped first and every panel query is checked against the metrics it ' +
    'really exposes (problems are findings). The file goes to the run output folder; apply: true also writes it into the repository ' +
    '(metrics.dashboardsDir). Returns the panels with their PromQL and how to import the file.',
  input: z.object({
    environment: z.enum(['staging', 'production']).optional().describe('Scrape this environment to check the panel queries'),
    scrapeUrl: z.string().url().optional().describe('Metrics URL to check the panel queries against'),
    apply: z.boolean().default(false).describe('Also write the dashboard into the repository'),
  }),
  output: z.object({
    file: z.string(),
    title: z.string(),
    uid: z.string(),
    schemaVersion: z.number(),
    panels: z.array(z.object({ title: z.string(), type: z.string(), expr: z.string() })),
    variables: z.array(z.string()),
    location: z.string(),
    checkedAgainst: z.string().nullable().describe('The metrics URL the queries were checked against, or null'),
    findings: z.array(z.object({ level: z.enum(['error', 'warning', 'info']), panel: z.string().nullable(), message: z.string() })),
    repoFiles: z.array(z.object({ path: z.string(), changed: z.boolean(), applied: z.boolean(), note: z.string().nullable() })),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  handler: async (input, ctx) => {
    const service = ctx.config.service.name;
    const findings: Finding[] = [];
    let statusLabel = 'status';
    let checkedAgainst: string | null = null;
    let inventory: Awaited<ReturnType<typeof scrapeInventory>> | null = null;
    if (input.scrapeUrl || input.environment) {
      const env = ctx.config.environments[input.environment ?? 'production'];
      checkedAgainst = input.scrapeUrl ?? `${env.baseUrl.replace(/\/+$/, '')}${ctx.config.metrics.scrapePath}`;
      inventory = await scrapeInventory(checkedAgainst, { timeoutMs: ctx.config.limits.httpTimeoutMs, signal: ctx.signal });
      const counter = findRequestCounter(inventory);
      if ('missing' in counter) findings.push({ level: 'error', rule: null, message: counter.missing });
      else statusLabel = counter.statusLabel;
    }
    const dashboard = buildDashboard({ service, statusLabel, thresholds: ctx.config.thresholds });
    const text = `${JSON.stringify(dashboard, null, 2)}\n`;
    const file = writeRunOutput(ctx, FILE, text);
    const report = inspectDashboard(text, file);
    findings.push(...report.findings);
    if (inventory) {
      for (const target of report.targets) {
        // Dashboard variables (job, instance, version) are filled at view time; `version` may legitimately be missing.
        const problems = missingReferences(withoutGrafanaVariables(target.expr), inventory, new Set(), ['version']);
        for (const problem of problems) findings.push({ level: 'warning', rule: target.panel, message: `panel "${target.panel}": ${problem}` });
      }
    } else {
      findings.push({ level: 'info', rule: null, message: 'panel queries were not checked against a scrape (pass environment or scrapeUrl)' });
    }
    return {
      file,
      title: dashboard.title ?? service,
      uid: dashboard.uid ?? '',
      schemaVersion: SCHEMA_VERSION,
      panels: report.targets.map((t) => ({ title: t.panel, type: dashboard.panels?.find((p) => p.title === t.panel)?.type ?? '', expr: t.expr })),
      variables: report.variables.map((v) => v.name),
      location:
        `${file}: import it in Grafana (Dashboards → New → Import, choose the Prometheus data source for DS_PROMETHEUS) or ` +
        `POST {"dashboard": <file>, "overwrite": true, "inputs": [{"name": "DS_PROMETHEUS", "type": "datasource", "pluginId": "prometheus", "value": "<datasource uid>"}]} ` +
        `to <grafana>/api/dashboards/import; it then lives at <grafana>/d/${dashboard.uid}. File provisioning does not resolve DS_PROMETHEUS.`,
      checkedAgainst,
      findings: findings.map((f) => ({ level: f.level, panel: f.rule, message: f.message })),
      repoFiles: [copyToRepo(ctx, FILE, text, input.apply)],
    };
  },
});
