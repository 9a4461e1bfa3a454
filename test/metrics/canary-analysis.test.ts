import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canaryAnalysisTool } from '../../tools/metrics/canary-analysis.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { backgroundLoad, startDemoService, type DemoService } from './helpers/demo-service.js';
import { callTool } from './helpers/call-tool.js';

// Real processes: a baseline and three canaries, each a prom-client service with its own `version` label.
let baseline: DemoService;
let noisyHealthy: DemoService;
let faulty: DemoService;
let slow: DemoService;
let load: { stop(): Promise<void> } | null = null;

const NOISE = { FAULT_ERROR_RATE: '0.02', LATENCY_MS: '2', LATENCY_JITTER_MS: '8' };

beforeAll(async () => {
  [baseline, noisyHealthy, faulty, slow] = await Promise.all([
    startDemoService({ VERSION: '1.2.0', SEED: '11', ...NOISE }),
    startDemoService({ VERSION: '1.3.0', SEED: '12', ...NOISE }),
    startDemoService({ VERSION: '1.3.1', SEED: '13', ...NOISE, FAULT_ERROR_RATE: '0.3' }),
    startDemoService({ VERSION: '1.3.2', SEED: '14', ...NOISE, LATENCY_MS: '60' }),
  ]);
});

afterEach(async () => {
  await load?.stop();
  load = null;
});

afterAll(async () => {
  await Promise.all([baseline, noisyHealthy, faulty, slow].map((s) => s?.stop()));
});

function ctxFor(targets: DemoService[]) {
  return makeToolContext({
    config: {
      service: { name: 'demo' },
      environments: { production: { baseUrl: targets[0]!.url }, staging: { baseUrl: 'http://127.0.0.1:9' } },
      metrics: { source: 'scrape', scrapeTargets: { production: targets.map((t) => t.url) } },
    },
  });
}

const input = (canary: DemoService) => ({
  environment: 'production' as const,
  baselineVersion: '1.2.0',
  canaryVersion: canary.version,
  intervalSeconds: 3,
  intervals: 3,
  minRequests: 20,
  maxInconclusive: 2,
});

describe('canary_analysis on real services (scrape source)', () => {
  it('rolls back a canary with a real error regression within two intervals', async () => {
    load = backgroundLoad([`${baseline.url}/api/a`, `${faulty.url}/api/a`], 80);
    const out = await callTool(canaryAnalysisTool, input(faulty), ctxFor([baseline, faulty]));
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('rollback');
    expect(out.intervalsRun).toBe(2);
    for (const interval of out.intervals) {
      expect(interval.verdict).toBe('fail');
      expect(interval.errorTest!.regression).toBe(true);
      expect(interval.canary!.requests).toBeGreaterThanOrEqual(20);
      expect(interval.errorTest!.canaryRate).toBeGreaterThan(interval.errorTest!.baselineRate);
    }
  });

  it('rolls back a canary that is slower (latency regression) within two intervals', async () => {
    load = backgroundLoad([`${baseline.url}/api/b`, `${slow.url}/api/b`], 80);
    const out = await callTool(canaryAnalysisTool, input(slow), ctxFor([baseline, slow]));
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('rollback');
    expect(out.intervalsRun).toBe(2);
    expect(out.intervals.every((i) => i.latencyTest!.regression && i.latencyTest!.effectSize > 0.9)).toBe(true);
    expect(out.intervals[0]!.canary!.latencyP95Seconds!).toBeGreaterThan(out.intervals[0]!.baseline!.latencyP95Seconds!);
  });

  it('promotes a healthy canary with the same noisy error rate as the baseline', async () => {
    load = backgroundLoad([`${baseline.url}/api/c`, `${noisyHealthy.url}/api/c`], 80);
    const out = await callTool(canaryAnalysisTool, input(noisyHealthy), ctxFor([baseline, noisyHealthy]));
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('promote');
    expect(out.intervalsRun).toBe(3);
    // An isolated noisy interval may fail (latency under CPU contention); the decision rule needs two in a row.
    expect(out.intervals.filter((i) => i.verdict === 'fail').length).toBeLessThanOrEqual(1);
    expect(out.intervals.some((i) => i.verdict === 'pass')).toBe(true);
    // Noise is real: both versions see errors, and the numbers behind the decision are all there.
    const totals = out.intervals.reduce((s, i) => s + i.baseline!.errors + i.canary!.errors, 0);
    expect(totals).toBeGreaterThan(0);
    expect(out.intervals[0]!.errorTest!.pValue).toBeGreaterThan(0.01);
  });

  it('is inconclusive, then holds for a human, when the canary gets no traffic (never a silent promote)', async () => {
    load = backgroundLoad([`${baseline.url}/api/d`], 80);
    const out = await callTool(canaryAnalysisTool, input(noisyHealthy), ctxFor([baseline, noisyHealthy]));
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('hold');
    expect(out.intervalsRun).toBe(2);
    expect(out.intervals.every((i) => i.verdict === 'inconclusive')).toBe(true);
    expect(out.intervals[0]!.reasons.join(' ')).toMatch(/canary 1\.3\.0 served 0 requests|no canary series for version="1\.3\.0"/);
  });

  it('counts an unreachable target as inconclusive with the reason, not a crash', async () => {
    const ctx = makeToolContext({
      config: {
        service: { name: 'demo' },
        environments: { production: { baseUrl: baseline.url }, staging: { baseUrl: 'http://127.0.0.1:9' } },
        metrics: { source: 'scrape', scrapeTargets: { production: [baseline.url, 'http://127.0.0.1:9'] } },
      },
    });
    const out = await callTool(canaryAnalysisTool, { ...input(noisyHealthy), intervalSeconds: 1 }, ctx);
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('hold');
    expect(out.intervals[0]!.reasons[0]).toContain('metrics unavailable: scrape of http://127.0.0.1:9/metrics failed');
  });
});
