/** dashboard_generate and the dashboard reader, on a real exported dashboard and against the example service. */
import { readFileSync } from 'node:fs';
import client from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDashboard } from '../../tools/observability/dashboard-inspect.js';
import { dashboardGenerateTool } from '../../tools/observability/dashboard-generate.js';
import { makeToolContext, MINIMAL_CONFIG } from '../helpers/tool-context.js';
import { serveRegistry, startExampleService, type RunningService } from './helpers/services.js';

const nginx = readFileSync(new URL('../fixtures/grafana/nginx-exporter-dashboard-schema18.json', import.meta.url), 'utf8');

const generate = (input: Record<string, unknown> = {}, config = MINIMAL_CONFIG) => {
  const ctx = makeToolContext({ config });
  return dashboardGenerateTool.handler(dashboardGenerateTool.input.parse(input), ctx).finally(() => ctx.runtime.close());
};

describe('inspectDashboard', () => {
  it('reads the nginx-exporter dashboard (schemaVersion 18): 6 top-level panels, 8 targets, 2 variables', () => {
    const report = inspectDashboard(nginx, 'nginx.json');
    expect(report.schemaVersion).toBe(18);
    expect(report.panels).toBe(6);
    expect(report.panelTypes).toEqual({ row: 2, singlestat: 1, graph: 3 });
    expect(report.targets).toHaveLength(8);
    expect(report.targets[1]).toEqual({ panel: 'Processed connections', refId: 'A', expr: 'irate(nginx_connections_accepted{instance=~"$instance"}[5m])' });
    expect(report.variables).toEqual([
      { name: 'DS_PROMETHEUS', type: 'datasource' },
      { name: 'instance', type: 'query' },
    ]);
    expect(report.refresh).toBe('5s');
  });

  it('flags the old schema, deprecated panels and the variable named like the import input', () => {
    const messages = inspectDashboard(nginx, 'nginx.json').findings.filter((f) => f.level === 'warning').map((f) => f.message);
    expect(messages).toContain('schemaVersion 18 predates Grafana 9 (36); Grafana migrates it on load, re-export it from a current Grafana');
    expect(messages.filter((m) => /deprecated graph panel; use timeseries/.test(m))).toHaveLength(3);
    expect(messages.filter((m) => /deprecated singlestat panel; use stat/.test(m))).toHaveLength(1);
    expect(messages).toContainEqual(expect.stringMatching(/template variable DS_PROMETHEUS has the same name as an import input/));
  });

  it('reports layout, id and undeclared input problems', () => {
    const broken = JSON.stringify({
      schemaVersion: 39,
      panels: [
        { id: 1, type: 'stat', title: 'A', gridPos: { x: 0, y: 0, w: 6, h: 4 }, datasource: { uid: '${DS_MISSING}' } },
        { id: 1, type: 'timeseries', title: 'B' },
      ],
    });
    const errors = inspectDashboard(broken, 'b.json').findings.filter((f) => f.level === 'error').map((f) => f.message);
    expect(errors).toEqual([
      'panel "B" has no gridPos (x, y, w, h)',
      'panels "A" and "B" share id 1',
      '${DS_MISSING} is used but neither an __inputs entry nor a template variable declares it',
    ]);
  });

  it('rejects malformed JSON with the line', () => {
    expect(() => inspectDashboard('{\n  "panels": [\n    { "id": 1, }\n  ]\n}', 'bad.json')).toThrow(/bad\.json line 3 column \d+: not valid JSON/);
  });
});

describe('dashboard_generate', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startExampleService();
    await fetch(`${service.base}/api/items`);
  });
  afterAll(() => service?.stop());

  it('writes a modern dashboard with the seed panels, thresholds from the config and the DS_PROMETHEUS input', async () => {
    const out = await generate({ scrapeUrl: `${service.base}/metrics` }, { ...MINIMAL_CONFIG, thresholds: { errorRate: 0.02, latencyP95Seconds: 0.75 } });
    expect(dashboardGenerateTool.output.safeParse(out).success).toBe(true);
    expect(out.findings.filter((f) => f.level !== 'info')).toEqual([]);
    expect(out.checkedAgainst).toBe(`${service.base}/metrics`);
    expect(out.uid).toBe('sre-demo');
    expect(out.panels.map((p) => p.title)).toEqual([
      'Request rate',
      'Error rate',
      'Latency p95',
      'Active users',
      'Request rate by status',
      'Error rate by version',
      'Latency p95 by version',
      'Active users',
    ]);
    expect(out.panels.find((p) => p.title === 'Latency p95')!.expr).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="$job",instance=~"$instance",version=~"$version"}[$__rate_interval])))',
    );
    const json = JSON.parse(readFileSync(out.file, 'utf8'));
    expect(json.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(json.schemaVersion).toBe(39);
    expect(new Set(json.panels.map((p: { type: string }) => p.type))).toEqual(new Set(['stat', 'timeseries']));
    expect(json.templating.list.map((v: { name: string }) => v.name)).toEqual(['job', 'instance', 'version']);
    const errorStat = json.panels.find((p: { title: string }) => p.title === 'Error rate');
    expect(errorStat.fieldConfig.defaults.thresholds.steps).toEqual([{ color: 'green', value: null }, { color: 'red', value: 0.02 }]);
    const report = inspectDashboard(readFileSync(out.file, 'utf8'), out.file);
    expect(report.findings).toEqual([]);
    expect(out.location).toMatch(/api\/dashboards\/import.*\/d\/sre-demo/);
  });

  it('reports panel queries the scraped service cannot answer', async () => {
    const registry = new client.Registry();
    new client.Counter({ name: 'http_requests_total', help: 'x', labelNames: ['code'], registers: [registry] }).inc({ code: '200' });
    const other = await serveRegistry(registry);
    try {
      const out = await generate({ scrapeUrl: `${other.base}/metrics` });
      // The status label is taken from the service (`code`), and the missing metrics are named.
      expect(out.panels.find((p) => p.title === 'Request rate by status')!.expr).toContain('sum by (code)');
      const warnings = out.findings.filter((f) => f.level === 'warning').map((f) => f.message);
      expect(warnings).toContain(`panel "Latency p95": metric http_request_duration_seconds_bucket is not exposed by ${other.base}/metrics`);
      expect(warnings).toContain(`panel "Active users": metric active_users is not exposed by ${other.base}/metrics`);
    } finally {
      await other.stop();
    }
  });

  it('says when the queries were not checked against a scrape', async () => {
    const out = await generate();
    expect(out.checkedAgainst).toBeNull();
    expect(out.findings).toContainEqual({ level: 'info', panel: null, message: 'panel queries were not checked against a scrape (pass environment or scrapeUrl)' });
  });
});
