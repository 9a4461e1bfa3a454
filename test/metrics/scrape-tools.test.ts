import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthCheckTool } from '../../tools/metrics/health-check.js';
import { monitoringVerifyTool } from '../../tools/metrics/monitoring-verify.js';
import { sliMeasureTool } from '../../tools/metrics/sli-measure.js';
import { sloStatusTool } from '../../tools/metrics/slo-status.js';
import { ScrapeSource } from '../../tools/metrics/source/scrape-source.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { sendLoad, startDemoService, type DemoService } from './helpers/demo-service.js';
import { callTool } from './helpers/call-tool.js';

/** A loopback HTTP server answering every request with `body` and `type`. */
async function staticServer(body: string, type: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

let healthy: DemoService;
let sick: DemoService;
let fresh: DemoService;
let html: { url: string; server: Server };
let broken: { url: string; server: Server };
let plainOk: { url: string; server: Server };

beforeAll(async () => {
  [healthy, sick, fresh] = await Promise.all([
    startDemoService({ VERSION: '1.3.0', FAULT_ERROR_EVERY: '10', LATENCY_JITTER_MS: '4' }),
    startDemoService({ VERSION: '1.2.0', UNHEALTHY_CHECK: 'cache' }),
    startDemoService({ VERSION: '0.9.0' }),
  ]);
  html = await staticServer('<html><body>login</body></html>', 'text/plain');
  broken = await staticServer(readFileSync(join(__dirname, '../fixtures/prometheus/issue-prometheus-client_python-14.prom'), 'utf8'), 'text/plain; version=0.0.4');
  plainOk = await staticServer('OK', 'text/plain');
});

afterAll(async () => {
  await Promise.all([healthy?.stop(), sick?.stop(), fresh?.stop()]);
  for (const s of [html, broken, plainOk]) s?.server.close();
});

const ctxFor = (production: string, staging: string) =>
  makeToolContext({ config: { service: { name: 'demo' }, environments: { production: { baseUrl: production }, staging: { baseUrl: staging } } } });

describe('health_check against real services', () => {
  it('reports healthy with the version and every check from the seed body', async () => {
    const ctx = ctxFor(healthy.url, sick.url);
    const out = await callTool(healthCheckTool, { environment: 'production' }, ctx);
    expect(out).toMatchObject({ status: 'healthy', httpStatus: 200, version: '1.3.0', checks: { database: true, cache: true, external_api: true } });
    expect(out.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports unhealthy with the failing check and HTTP 503', async () => {
    const out = await callTool(healthCheckTool, { environment: 'staging' }, ctxFor(healthy.url, sick.url));
    expect(out).toMatchObject({ status: 'unhealthy', httpStatus: 503, version: '1.2.0' });
    expect(out.checks.cache).toBe(false);
    expect(out.detail).toContain('failing checks: cache');
  });

  it('reports unreachable when nothing listens and unhealthy for a body that is not the seed shape', async () => {
    const down = await callTool(healthCheckTool, { environment: 'production' }, ctxFor('http://127.0.0.1:9', plainOk.url));
    expect(down).toMatchObject({ status: 'unreachable', httpStatus: null, version: null });
    expect(down.detail).toContain('http://127.0.0.1:9/health');
    const odd = await callTool(healthCheckTool, { environment: 'staging' }, ctxFor('http://127.0.0.1:9', plainOk.url));
    expect(odd).toMatchObject({ status: 'unhealthy', httpStatus: 200 });
    expect(odd.detail).toContain('expected a JSON body');
  });
});

describe('scrape source failures are clear ToolFailures naming the URL', () => {
  const source = new ScrapeSource({ timeoutMs: 2_000 });
  it('unreachable', async () => {
    await expect(source.scrape({ environment: 'production', url: 'http://127.0.0.1:9/metrics' })).rejects.toThrow(/scrape of http:\/\/127\.0\.0\.1:9\/metrics failed/);
  });
  it('a body that is not an exposition', async () => {
    await expect(source.scrape({ environment: 'production', url: `${html.url}/metrics` })).rejects.toThrow(/metrics line 1: expected a metric name at column 1, found '<'/);
  });
  it('a malformed exposition names the line (client_python#14)', async () => {
    await expect(source.scrape({ environment: 'production', url: `${broken.url}/metrics` })).rejects.toThrow(/\/metrics line 3: expected ',' or '}'/);
  });
  it('PromQL is refused with the query and the way out', async () => {
    await expect(source.query('up')).rejects.toThrow(/cannot evaluate PromQL \(up\); set metrics.source: prometheus/);
  });
});

describe('sli_measure with the scrape source', () => {
  const ctx = () => ctxFor(healthy.url, sick.url);
  it('counts exactly the requests between two scrapes, with errors and a p95', async () => {
    const c = ctx();
    // The first measurement watches 1 s live and leaves a snapshot in the run's history.
    const first = await callTool(sliMeasureTool, { environment: 'production', windowSeconds: 1 }, c);
    expect(first.watchedLive).toBe(true);
    const statuses = await sendLoad(`${healthy.url}/api/features`, 200);
    expect(statuses[500]).toBe(20); // FAULT_ERROR_EVERY=10
    await new Promise((r) => setTimeout(r, 1_100));
    const out = await callTool(sliMeasureTool, { environment: 'production', windowSeconds: 1 }, c);
    expect(out.watchedLive).toBe(false);
    expect(out.requests).toBe(200);
    expect(out.errors).toBe(20);
    expect(out.errorRate).toBeCloseTo(0.1, 12);
    expect(out.latencyP95Seconds).toBeGreaterThan(0);
    expect(out.latencyP95Seconds).toBeLessThan(0.1);
    expect(out.byVersion['1.3.0']!.requests).toBe(200);
    expect(out.noData).toBe(false);
    await c.runtime.close();
  });

  it('says "no data" (nulls), never zero, when there was no traffic', async () => {
    const c = ctx();
    const out = await callTool(sliMeasureTool, { environment: 'production', windowSeconds: 1 }, c);
    expect(out.requests).toBe(0);
    expect(out.errorRate).toBeNull();
    expect(out.latencyP95Seconds).toBeNull();
    expect(out.noData).toBe(true);
    expect(out.detail).toContain('generate traffic');
  });
});

describe('slo_status with the scrape source', () => {
  it('lists every burn-rate window as not evaluable when this run has no scrape old enough', async () => {
    const c = ctxFor(healthy.url, sick.url);
    const out = await callTool(sloStatusTool, { environment: 'production' }, c);
    expect(out.evaluable).toBe(false);
    expect(out.notEvaluable).toEqual(['5m', '30m', '1h', '6h', '3d']);
    expect(out.alerting.every((a) => a.firing === null && !a.evaluable)).toBe(true);
    expect(out.objectives).toMatchObject({ availabilityTarget: 0.995, errorRate: 0.05, latencyP95Seconds: 1 });
    expect(out.objectives.errorBudget).toBeCloseTo(0.005, 12);
    expect(out.burnRates[0]!.reason).toContain('this is the first scrape');
  });

  it('spends the error budget over the span this run covers', async () => {
    const c = ctxFor(healthy.url, sick.url);
    await callTool(sloStatusTool, { environment: 'production' }, c);
    await sendLoad(`${healthy.url}/api/budget`, 100);
    const out = await callTool(sloStatusTool, { environment: 'production' }, c);
    // 10 % errors against a 0.5 % budget: 20× the budget spent → remaining 1 − 20 = −19.
    expect(out.errorBudgetRemaining).toBeCloseTo(1 - 0.1 / 0.005, 6);
    expect(out.current.errorRate).toBeCloseTo(0.1, 12);
    expect(out.current.errorRateMet).toBe(false);
  });
});

describe('monitoring_verify with the scrape source', () => {
  it('is live when the SLI series are exposed', async () => {
    await sendLoad(`${healthy.url}/api/x`, 5);
    const out = await callTool(monitoringVerifyTool, { environment: 'production' }, ctxFor(healthy.url, sick.url));
    expect(out.live).toBe(true);
    expect(out.scrape.expectedSeriesPresent).toEqual(['http_requests_total', 'http_request_duration_seconds_bucket']);
    expect(out.prometheus).toMatchObject({ url: null, targetUp: null, rulesLoaded: null });
  });

  it('is not live when the series are missing or the endpoint is not an exposition', async () => {
    const fresh0 = await callTool(monitoringVerifyTool, { environment: 'production' }, ctxFor(fresh.url, sick.url));
    expect(fresh0.live).toBe(false);
    expect(fresh0.scrape.missing).toEqual(['http_requests_total', 'http_request_duration_seconds_bucket']);
    const bad = await callTool(monitoringVerifyTool, { environment: 'production' }, ctxFor(html.url, sick.url));
    expect(bad.live).toBe(false);
    expect(bad.scrape.ok).toBe(false);
    expect(bad.detail).toContain(`${html.url}/metrics`);
  });
});
