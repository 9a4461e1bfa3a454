/** The metrics tools against the project's own example service (examples/service), two versions side by side. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canaryAnalysisTool } from '../../tools/metrics/canary-analysis.js';
import { healthCheckTool } from '../../tools/metrics/health-check.js';
import { monitoringVerifyTool } from '../../tools/metrics/monitoring-verify.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { backgroundLoad } from './helpers/demo-service.js';
import { startExampleService } from './helpers/example-service.js';
import type { DemoService } from './helpers/demo-service.js';
import { callTool } from './helpers/call-tool.js';

let stable: DemoService;
let faulty: DemoService;
let good: DemoService;
let load: { stop(): Promise<void> } | null = null;

beforeAll(async () => {
  [stable, faulty, good] = await Promise.all([
    startExampleService('1.2.0'),
    startExampleService('1.3.0', { FAULT_ERROR_RATE: '0.3' }),
    startExampleService('1.3.0'),
  ]);
});
afterEach(async () => {
  await load?.stop();
  load = null;
});
afterAll(async () => {
  await Promise.all([stable, faulty, good].map((s) => s?.stop()));
});

const ctxFor = (canary: DemoService) =>
  makeToolContext({
    config: {
      service: { name: 'demo' },
      environments: { production: { baseUrl: stable.url }, staging: { baseUrl: canary.url } },
      metrics: { source: 'scrape', scrapeTargets: { production: [stable.url, canary.url] } },
    },
  });

const analyse = (canary: DemoService) =>
  callTool(canaryAnalysisTool, 
    { environment: 'production', baselineVersion: '1.2.0', canaryVersion: '1.3.0', intervalSeconds: 3, intervals: 3, minRequests: 20, maxInconclusive: 2 },
    ctxFor(canary),
  );

describe('metrics tools on examples/service', () => {
  it('health_check reads the example service\'s seed health body', async () => {
    const out = await callTool(healthCheckTool, { environment: 'production' }, ctxFor(good));
    expect(out).toMatchObject({ status: 'healthy', httpStatus: 200, version: '1.2.0' });
  });

  it('monitoring_verify finds the SLI series on every instance', async () => {
    load = backgroundLoad([`${stable.url}/api/items`, `${good.url}/api/items`], 20);
    await new Promise((r) => setTimeout(r, 300));
    const out = await callTool(monitoringVerifyTool, { environment: 'production' }, ctxFor(good));
    expect(out.live).toBe(true);
    expect(out.scrape.targets).toEqual([`${stable.url}/metrics`, `${good.url}/metrics`]);
  });

  it('canary_analysis rolls back 1.3.0 with FAULT_ERROR_RATE within two intervals', async () => {
    load = backgroundLoad([`${stable.url}/api/items`, `${faulty.url}/api/items`], 80);
    const out = await analyse(faulty);
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('rollback');
    expect(out.intervalsRun).toBe(2);
  });

  it('canary_analysis promotes a healthy 1.3.0', async () => {
    load = backgroundLoad([`${stable.url}/api/items`, `${good.url}/api/items`], 80);
    const out = await analyse(good);
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('promote');
    // Scrapes and health checks are probes, not traffic: only /api/items requests are counted.
    expect(out.intervals[0]!.canary!.requests).toBeGreaterThanOrEqual(20);
  });
});
