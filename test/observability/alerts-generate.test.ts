/** alerts_generate against real services on loopback and the real promtool. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import client from 'prom-client';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsGenerateTool } from '../../tools/observability/alerts-generate.js';
import { checkRules, testRules } from '../../tools/observability/promtool.js';
import { makeToolContext, MINIMAL_CONFIG } from '../helpers/tool-context.js';
import { promtoolMissing, seedRegistry, serveRegistry, startExampleService, type RunningService } from './helpers/services.js';

const skip = await promtoolMissing();

const run = (scrapeUrl: string, config = MINIMAL_CONFIG, extra: { apply?: boolean; repoDir?: string } = {}) => {
  const ctx = makeToolContext({ config, repoDir: extra.repoDir });
  return alertsGenerateTool.handler(alertsGenerateTool.input.parse({ scrapeUrl, apply: extra.apply }), ctx).finally(() => ctx.runtime.close());
};

describe.skipIf(skip)('alerts_generate on the example service', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startExampleService({ SERVICE_VERSION: '1.2.0' });
    await fetch(`${service.base}/api/items`); // a counted request, so the labelled series exist
  });
  afterAll(() => service?.stop());

  it('writes rules for the seed alerts and the SLO that promtool checks and tests as passing', async () => {
    const out = await run(`${service.base}/metrics`, {
      ...MINIMAL_CONFIG,
      thresholds: { errorRate: 0.02, latencyP95Seconds: 0.5, availabilityTarget: 0.999 },
    });
    expect(alertsGenerateTool.output.safeParse(out).success).toBe(true);
    expect(out.promtool.check).toMatchObject({ ok: true });
    expect(out.promtool.check.output).toMatch(/SUCCESS: 12 rules found/);
    expect(out.promtool.test).toMatchObject({ ok: true });
    expect(out.valid).toBe(true);
    expect(out.rules.map((r) => r.name)).toEqual([
      'HighErrorRate',
      'HighLatencyP95',
      'HealthCheckFailing',
      'ErrorBudgetBurnFast',
      'ErrorBudgetBurnMedium',
      'ErrorBudgetBurnSlow',
      'RequestMetricAbsent',
    ]);
    const byName = Object.fromEntries(out.rules.map((r) => [r.name, r]));
    // Thresholds come from the config, not from defaults.
    expect(byName.HighErrorRate!.expr).toBe('job:http_requests_errors:ratio_rate5m{job="demo"} > 0.02');
    expect(byName.HighLatencyP95!.expr).toBe('histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket{job="demo"}[5m]))) > 0.5');
    expect(byName.ErrorBudgetBurnFast!.expr).toContain('ratio_rate1h{job="demo"} > 0.0144 and job:http_requests_errors:ratio_rate5m{job="demo"} > 0.0144');
    expect(byName.ErrorBudgetBurnMedium!.expr).toContain('ratio_rate6h{job="demo"} > 0.006 and');
    expect(byName.ErrorBudgetBurnSlow).toMatchObject({ severity: 'warning', for: '1h' });
    expect(byName.HealthCheckFailing!.expr).toBe('up{job="demo"} == 0');
    expect(out.recordingRules.map((r) => r.name)).toEqual(['5m', '30m', '1h', '6h', '3d'].map((w) => `job:http_requests_errors:ratio_rate${w}`));
    // The example service exports no database metric: no invented alert, a finding instead.
    expect(out.seedAlerts).toEqual({ errorRate: true, latencyP95: true, healthCheck: true, databaseConnection: false });
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'DatabaseConnectionErrors', level: 'warning', message: expect.stringMatching(/exposes no database metric/) }));
    const tests = parse(readFileSync(out.testFile, 'utf8')) as { tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[] };
    for (const name of out.rules.map((r) => r.name)) {
      const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []).filter((c) => c.alertname === name);
      expect(cases.some((c) => c.exp_alerts.length === 1), `${name} has a firing case`).toBe(true);
      expect(cases.some((c) => c.exp_alerts.length === 0), `${name} has a quiet case`).toBe(true);
    }
  });

  it('ships unit tests that catch a wrong threshold in the rules', async () => {
    const out = await run(`${service.base}/metrics`);
    const rules = readFileSync(out.file, 'utf8');
    const broken = rules.replace('ratio_rate5m{job="demo"} > 0.05', 'ratio_rate5m{job="demo"} > 0.5');
    expect(broken).not.toBe(rules);
    writeFileSync(out.file, broken);
    expect((await checkRules(out.file)).ok).toBe(true);
    const test = await testRules(out.testFile);
    expect(test.ok).toBe(false);
    expect(test.output).toMatch(/FAILED[\s\S]*HighErrorRate fires/);
  });

  it('selects the environment with metrics.prometheus.selector and still passes its tests', async () => {
    const out = await run(`${service.base}/metrics`, { ...MINIMAL_CONFIG, metrics: { prometheus: { url: 'http://127.0.0.1:9/' } } });
    expect(out.valid).toBe(true);
    expect(out.rules.find((r) => r.name === 'HealthCheckFailing')!.expr).toBe('up{job="demo",environment="production"} == 0');
    expect(out.recordingRules[0]!.expr).toContain('sum by (job, environment)');
  });

  it('writes into the repository only with apply: true, and shows the change otherwise', async () => {
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const repoDir = mkdtempSync(join(tmpdir(), 'sre-obs-repo-'));
    const dry = await run(`${service.base}/metrics`, MINIMAL_CONFIG, { repoDir });
    expect(dry.repoFiles.map((f) => [f.path, f.applied])).toEqual([
      ['observability/alerts.rules.yml', false],
      ['observability/alerts.test.yml', false],
    ]);
    expect(existsSync(join(repoDir, 'observability/alerts.rules.yml'))).toBe(false);
    const applied = await run(`${service.base}/metrics`, MINIMAL_CONFIG, { repoDir, apply: true });
    expect(applied.repoFiles.every((f) => f.applied)).toBe(true);
    expect(readFileSync(join(repoDir, 'observability/alerts.rules.yml'), 'utf8')).toBe(readFileSync(applied.file, 'utf8'));
  });
});

describe.skipIf(skip)('alerts_generate on services of other shapes', () => {
  const started: RunningService[] = [];
  afterAll(() => Promise.all(started.map((s) => s.stop())));
  const serve = async (registry: client.Registry) => {
    const s = await serveRegistry(registry);
    started.push(s);
    return `${s.base}/metrics`;
  };

  it('alerts on database connection errors and the health gauge when the service exports them', async () => {
    const url = await serve(
      seedRegistry({
        extra: (registry) => {
          new client.Counter({ name: 'db_connection_errors_total', help: 'Failed database connections', registers: [registry] }).inc(0);
          const health = new client.Gauge({ name: 'health_check_status', help: '1 when the check passes', labelNames: ['check'], registers: [registry] });
          for (const check of ['database', 'cache', 'external_api']) health.set({ check }, 1);
        },
      }),
    );
    const out = await run(url);
    expect(out.valid).toBe(true);
    expect(out.promtool.test.ok).toBe(true);
    expect(out.seedAlerts.databaseConnection).toBe(true);
    const names = out.rules.map((r) => r.name);
    expect(names).toContain('HealthCheckUnhealthy');
    expect(out.rules.find((r) => r.name === 'DatabaseConnectionErrors')!.expr).toBe('sum by (job) (increase(db_connection_errors_total{job="demo"}[5m])) > 0');
  });

  it('uses the database flag of a health gauge when there is no error counter', async () => {
    const url = await serve(
      seedRegistry({
        extra: (registry) => {
          const health = new client.Gauge({ name: 'service_health_check', help: 'per check', labelNames: ['check'], registers: [registry] });
          health.set({ check: 'database' }, 1);
        },
      }),
    );
    const out = await run(url);
    expect(out.valid).toBe(true);
    expect(out.rules.find((r) => r.name === 'DatabaseConnectionErrors')!.expr).toBe('min by (job) (service_health_check{job="demo",check="database"}) == 0');
  });

  it('leaves out the latency alert when the service has no latency histogram, and says so', async () => {
    const out = await run(await serve(seedRegistry({ buckets: null })));
    expect(out.rules.map((r) => r.name)).not.toContain('HighLatencyP95');
    expect(out.seedAlerts.latencyP95).toBe(false);
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'HighLatencyP95', message: expect.stringMatching(/exposes no http_request_duration_seconds_bucket/) }));
    expect(out.valid).toBe(true);
  });

  it('refuses a latency alert that could never fire (no bucket above the threshold)', async () => {
    const out = await run(await serve(seedRegistry({ buckets: [0.1, 0.25, 0.5] })));
    expect(out.rules.map((r) => r.name)).not.toContain('HighLatencyP95');
    expect(out.findings).toContainEqual(expect.objectContaining({ level: 'error', rule: 'HighLatencyP95', message: expect.stringMatching(/no finite bucket above 1s \(highest le=0.5\)/) }));
  });

  it('writes no request-based alert when the request counter has no status label', async () => {
    const registry = new client.Registry();
    new client.Counter({ name: 'http_requests_total', help: 'x', labelNames: ['method'], registers: [registry] }).inc({ method: 'GET' });
    const out = await run(await serve(registry));
    expect(out.rules.map((r) => r.name)).toEqual(['HealthCheckFailing']);
    expect(out.findings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/no status label \(looked for status, code, status_code; found method\)/) }));
    expect(out.promtool.test.ok).toBe(true);
  });

  it('fails naming the URL when nothing answers the scrape', async () => {
    const s = await serveRegistry(seedRegistry());
    await s.stop();
    await expect(run(`${s.base}/metrics`)).rejects.toThrow(new RegExp(`could not scrape ${s.base}/metrics: ECONNREFUSED`));
  });

  it('fails naming the line when the endpoint returns a malformed exposition', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => res.end('http_requests_total{status="500} 1\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      await expect(run(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow(/line 1/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('promtool missing', () => {
  it('is a ToolFailure that names the package to install', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(checkRules('/tmp/none.yml')).rejects.toThrow(/promtool was not found on PATH; install .*apt-get install prometheus/);
    } finally {
      process.env.PATH = path;
    }
  });
});
