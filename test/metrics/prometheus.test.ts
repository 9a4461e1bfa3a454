/**
 * Our numbers against a real Prometheus scraping the same real services: histogram_quantile must be equal
 * (same algorithm, same integer counts), and slo_status / canary_analysis must agree with what Prometheus reports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryAnalysisTool } from '../../tools/metrics/canary-analysis.js';
import { monitoringVerifyTool } from '../../tools/metrics/monitoring-verify.js';
import { histogramQuantile, parseLe, type Bucket } from '../../tools/metrics/sli/histogram-quantile.js';
import { sloStatusTool } from '../../tools/metrics/slo-status.js';
import { PrometheusSource } from '../../tools/metrics/source/prometheus-source.js';
import { ScrapeSource } from '../../tools/metrics/source/scrape-source.js';
import { prometheusSkipReason, startPrometheus, waitForQuery, type PrometheusServer } from '../helpers/prometheus-server.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { backgroundLoad, sendLoad, startDemoService, type DemoService } from './helpers/demo-service.js';
import { callTool } from './helpers/call-tool.js';

const skip = prometheusSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('against a real Prometheus', () => {
  let staticService: DemoService; // receives a fixed load, then nothing: its counters are static
  let baseline: DemoService;
  let faulty: DemoService;
  let healthy: DemoService;
  let errorsEvery10: DemoService;
  let prometheus: PrometheusServer;
  const STATIC_REQUESTS = 400;

  beforeAll(async () => {
    [staticService, baseline, faulty, healthy, errorsEvery10] = await Promise.all([
      startDemoService({ VERSION: '2.0.0', LATENCY_JITTER_MS: '30', SEED: '5' }),
      startDemoService({ VERSION: '1.2.0', FAULT_ERROR_RATE: '0.02', LATENCY_JITTER_MS: '8', SEED: '21' }),
      startDemoService({ VERSION: '1.3.1', FAULT_ERROR_RATE: '0.3', LATENCY_JITTER_MS: '8', SEED: '22' }),
      startDemoService({ VERSION: '1.3.0', FAULT_ERROR_RATE: '0.02', LATENCY_JITTER_MS: '8', SEED: '23' }),
      startDemoService({ VERSION: '3.0.0', FAULT_ERROR_EVERY: '10', SEED: '24' }),
    ]);
    const rules = join(mkdtempSync(join(tmpdir(), 'sre-rules-')), 'alerts.yml');
    writeFileSync(
      rules,
      [
        'groups:',
        '  - name: demo-slo',
        '    rules:',
        '      - alert: HighErrorRate',
        '        expr: sum(rate(http_requests_total{status=~"5.."}[1m])) / sum(rate(http_requests_total[1m])) > 0.05',
        '        for: 1m',
        '',
      ].join('\n'),
    );
    const target = (s: DemoService, environment: string) => ({ address: `127.0.0.1:${s.port}`, labels: { environment } });
    prometheus = await startPrometheus({
      targets: [target(staticService, 'static'), target(baseline, 'production'), target(faulty, 'production'), target(healthy, 'production'), target(errorsEvery10, 'staging')],
      ruleFiles: [rules],
    });
    await sendLoad(`${staticService.url}/api/static`, STATIC_REQUESTS);
    // Wait until Prometheus has scraped the final counters.
    await waitForQuery(prometheus.url, 'sum(http_requests_total{environment="static"})', (r) => Number(r[0]?.value[1]) === STATIC_REQUESTS);
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all([staticService, baseline, faulty, healthy, errorsEvery10].map((s) => s?.stop()));
  });

  const config = (extra: Record<string, unknown> = {}) => ({
    service: { name: 'demo' },
    environments: { production: { baseUrl: baseline.url }, staging: { baseUrl: errorsEvery10.url } },
    metrics: { source: 'prometheus' as const, prometheus: { url: prometheus.url }, ...extra },
  });

  it('histogram_quantile from our code equals Prometheus on the same static buckets (p50, p95, p99)', async () => {
    const scraped = await new ScrapeSource({ timeoutMs: 5_000 }).scrape({ environment: 'production', url: `${staticService.url}/metrics` });
    const buckets: Bucket[] = scraped
      .filter((s) => s.name === 'http_request_duration_seconds_bucket')
      .map((s) => ({ upperBound: parseLe(s.labels.le)!, count: s.value }));
    expect(buckets.find((b) => b.upperBound === Infinity)!.count).toBe(STATIC_REQUESTS);
    for (const q of [0.5, 0.95, 0.99]) {
      const [answer] = await waitForQuery(prometheus.url, `histogram_quantile(${q}, sum by (le) (http_request_duration_seconds_bucket{environment="static"}))`, (r) => r.length === 1);
      expect(histogramQuantile(q, buckets)).toBe(Number(answer!.value[1]));
    }
  });

  it('our histogram_quantile over the bucket vector Prometheus returns equals its own histogram_quantile', async () => {
    const source = new PrometheusSource({ url: prometheus.url, timeoutMs: 5_000 });
    const vector = await source.query('sum by (le) (http_request_duration_seconds_bucket{environment="static"})');
    const ours = histogramQuantile(0.95, vector.map((v) => ({ upperBound: parseLe(v.labels.le)!, count: v.value })));
    const [theirs] = await source.query('histogram_quantile(0.95, sum by (le) (http_request_duration_seconds_bucket{environment="static"}))');
    expect(ours).toBe(theirs!.value);
  });

  it('scrape totals per version equal Prometheus on static counters', async () => {
    const scraped = await new ScrapeSource({ timeoutMs: 5_000 }).scrape({ environment: 'production', url: `${staticService.url}/metrics` });
    const ours = scraped.filter((s) => s.name === 'http_requests_total').reduce((sum, s) => sum + s.value, 0);
    const source = new PrometheusSource({ url: prometheus.url, timeoutMs: 5_000 });
    const [theirs] = await source.query('sum by (version) (http_requests_total{environment="static"})');
    expect(theirs!.labels.version).toBe('2.0.0');
    expect(theirs!.value).toBe(ours);
  });

  it('PromQL errors and empty results are clear failures naming the query', async () => {
    const source = new PrometheusSource({ url: prometheus.url, timeoutMs: 5_000 });
    await expect(source.query('sum(rate(http_requests_total[1m]')).rejects.toThrow(/Prometheus rejected query sum\(rate\(http_requests_total\[1m\]: bad_data/);
    await expect(source.query('no_such_metric_anywhere')).rejects.toThrow(/query no_such_metric_anywhere returned no series/);
    const notPrometheus = new PrometheusSource({ url: staticService.url, timeoutMs: 5_000 });
    await expect(notPrometheus.query('up')).rejects.toThrow(/not an API envelope \{status, data\} for query up/);
    const html = new PrometheusSource({ url: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    await expect(html.query('up')).rejects.toThrow(/Prometheus at http:\/\/127\.0\.0\.1:9 did not answer \(query up\)/);
  });

  it('slo_status burn rates agree with Prometheus (10 % errors → page alerts firing)', async () => {
    load = backgroundLoad([`${errorsEvery10.url}/api/slo`], 60);
    try {
      await waitForQuery(prometheus.url, 'sum(increase(http_requests_total{environment="staging"}[5m]))', (r) => Number(r[0]?.value[1]) > 300, 30_000);
    } finally {
      await load.stop();
      load = null;
    }
    const ctx = makeToolContext({ config: config() });
    const out = await callTool(sloStatusTool, { environment: 'staging' }, ctx);
    const [ratio] = await waitForQuery(
      prometheus.url,
      'sum(increase(http_requests_total{environment="staging",status=~"5.."}[5m])) / sum(increase(http_requests_total{environment="staging"}[5m]))',
      (r) => r.length === 1,
    );
    const five = out.burnRates.find((b) => b.window === '5m')!;
    expect(five.evaluable).toBe(true);
    // Every 10th request fails: the ratio is 0.1 up to Prometheus' increase() extrapolation at the edges.
    expect(five.errorRatio!).toBeCloseTo(Number(ratio!.value[1]), 2);
    expect(five.errorRatio!).toBeGreaterThan(0.09);
    expect(five.errorRatio!).toBeLessThan(0.11);
    expect(five.burnRate!).toBeCloseTo(five.errorRatio! / 0.005, 6);
    expect(out.evaluable).toBe(true);
    expect(out.alerting.find((a) => a.longWindow === '1h')).toMatchObject({ evaluable: true, firing: true });
    expect(out.alerting.find((a) => a.longWindow === '3d')).toMatchObject({ evaluable: true, firing: true });
    expect(out.errorBudgetWindow).toBe('30d');
    expect(out.errorBudgetRemaining!).toBeLessThan(0);
  });

  let load: { stop(): Promise<void> } | null = null;

  it('canary_analysis with the Prometheus source rolls back a faulty canary within two intervals', async () => {
    load = backgroundLoad([`${baseline.url}/api/canary`, `${faulty.url}/api/canary`], 80);
    try {
      const ctx = makeToolContext({ config: config() });
      const out = await callTool(canaryAnalysisTool, 
        { environment: 'production', baselineVersion: '1.2.0', canaryVersion: '1.3.1', intervalSeconds: 4, intervals: 3, minRequests: 30, maxInconclusive: 2 },
        ctx,
      );
      expect(out.source).toBe('prometheus');
      expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('rollback');
      expect(out.intervalsRun).toBeLessThanOrEqual(2);
      expect(out.intervals.at(-1)!.errorTest!.canaryRate).toBeGreaterThan(0.15);
      expect(out.intervals[0]!.provenance[0]).toContain('increase(http_requests_total{environment="production",endpoint!~"/metrics|/health"}');
    } finally {
      await load.stop();
      load = null;
    }
  });

  it('canary_analysis with the Prometheus source promotes a healthy noisy canary', async () => {
    load = backgroundLoad([`${baseline.url}/api/canary2`, `${healthy.url}/api/canary2`], 80);
    try {
      const ctx = makeToolContext({ config: config() });
      const out = await callTool(canaryAnalysisTool, 
        { environment: 'production', baselineVersion: '1.2.0', canaryVersion: '1.3.0', intervalSeconds: 4, intervals: 2, minRequests: 30, maxInconclusive: 2 },
        ctx,
      );
      expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('promote');
      // An isolated noisy interval may fail (latency under CPU contention); the decision rule needs two in a row.
    expect(out.intervals.filter((i) => i.verdict === 'fail').length).toBeLessThanOrEqual(1);
    expect(out.intervals.some((i) => i.verdict === 'pass')).toBe(true);
    } finally {
      await load.stop();
      load = null;
    }
  });

  it('monitoring_verify proves the target is up in Prometheus and rules are loaded', async () => {
    const ctx = makeToolContext({ config: config() });
    const out = await callTool(monitoringVerifyTool, { environment: 'staging' }, ctx);
    expect(out.prometheus).toMatchObject({ targetUp: true, rulesLoaded: true, ruleGroups: ['demo-slo'] });
    expect(out.live).toBe(true);
    const missing = await callTool(monitoringVerifyTool, { environment: 'staging' }, makeToolContext({ config: config({ prometheus: { url: prometheus.url, selector: 'environment="nowhere"' } }) }));
    expect(missing.live).toBe(false);
    expect(missing.detail).toContain('no target matching up{environment="nowhere"}');
  });
});
