import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFlagPercent, setFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { activationPromoteTool } from '../../tools/metrics/activation-promote.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { backgroundLoad, startDemoService, type DemoService } from './helpers/demo-service.js';
import { callTool } from './helpers/call-tool.js';

let good: DemoService;
let bad: DemoService;
let load: { stop(): Promise<void> } | null = null;

beforeAll(async () => {
  [good, bad] = await Promise.all([
    startDemoService({ VERSION: '1.3.0', FAULT_ERROR_RATE: '0.01', LATENCY_JITTER_MS: '5', SEED: '31' }),
    startDemoService({ VERSION: '1.3.0', FAULT_ERROR_RATE: '0.4', LATENCY_JITTER_MS: '5', SEED: '32' }),
  ]);
});
afterEach(async () => {
  await load?.stop();
  load = null;
});
afterAll(async () => {
  await Promise.all([good?.stop(), bad?.stop()]);
});

async function setup(service: DemoService, percent: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sre-activation-'));
  const file = join(dir, 'flags.flagd.json');
  await setFlagPercent(file, 'new-endpoint', percent);
  const ctx = makeToolContext({
    configDir: dir,
    config: {
      service: { name: 'demo' },
      environments: { production: { baseUrl: service.url }, staging: { baseUrl: 'http://127.0.0.1:9' } },
      flags: { file: 'flags.flagd.json' },
    },
  });
  return { ctx, file };
}

describe('activation_promote (metric-gated flag activation, scrape source)', () => {
  it('advances one step (0 → 10 %) after the SLIs held for the watch window', async () => {
    const { ctx, file } = await setup(good, 0);
    load = backgroundLoad([`${good.url}/api/feature`], 100);
    const out = await callTool(activationPromoteTool, { environment: 'production', flag: 'new-endpoint', watchSeconds: 4 }, ctx);
    expect(out, JSON.stringify(out)).toMatchObject({ previous: 0, percent: 10, decision: 'advance', nextStep: 10 });
    expect(out.slis!.requests).toBeGreaterThanOrEqual(50);
    expect(out.slis!.errorRate!).toBeLessThanOrEqual(0.05);
    expect(await readFlagPercent(file, 'new-endpoint')).toBe(10);
    expect(out.reason).toContain('raised to 10%');
  });

  it('walks the whole activation plan 0 → 10 → 50 → 100 on a healthy service, then says complete', async () => {
    const { ctx, file } = await setup(good, 0);
    load = backgroundLoad([`${good.url}/api/feature`], 100);
    const seen: number[] = [];
    for (let step = 0; step < 3; step += 1) {
      const out = await callTool(activationPromoteTool, { environment: 'production', flag: 'new-endpoint', watchSeconds: 3 }, ctx);
      expect(out.decision, JSON.stringify(out)).toBe('advance');
      seen.push(out.percent);
    }
    expect(seen).toEqual([10, 50, 100]);
    expect(await readFlagPercent(file, 'new-endpoint')).toBe(100);
    const last = await callTool(activationPromoteTool, { environment: 'production', flag: 'new-endpoint', watchSeconds: 1 }, ctx);
    expect(last.decision).toBe('complete');
  });

  it('sets the flag back to 0 by itself when the error rate crosses the threshold', async () => {
    const { ctx, file } = await setup(bad, 10);
    load = backgroundLoad([`${bad.url}/api/feature`], 80);
    const out = await callTool(activationPromoteTool, { environment: 'production', flag: 'new-endpoint', watchSeconds: 6 }, ctx);
    expect(out).toMatchObject({ previous: 10, percent: 0, decision: 'rollback' });
    expect(out.slis!.errorRate!).toBeGreaterThan(0.05);
    expect(await readFlagPercent(file, 'new-endpoint')).toBe(0);
    // Rolled back at a poll inside the window, not only at its end.
    expect(Date.parse(out.watchedTo!) - Date.parse(out.watchedFrom!)).toBeLessThan(6_000);
  });

  it('holds (never advances) when there was no traffic to prove anything', async () => {
    const { ctx, file } = await setup(good, 10);
    const out = await callTool(activationPromoteTool, { environment: 'production', flag: 'new-endpoint', watchSeconds: 1 }, ctx);
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('hold');
    expect(out.percent).toBe(10);
    expect(out.reason).toContain('generate load');
    expect(JSON.parse(readFileSync(file, 'utf8')).flags['new-endpoint'].targeting.fractional[0]).toEqual(['on', 10]);
  });

  it('answers wait when the watch window is longer than one tool call may take, and complete at the last step', async () => {
    const waiting = await setup(good, 10);
    const out = await callTool(activationPromoteTool, { environment: 'production', flag: 'new-endpoint' }, waiting.ctx);
    expect(out.decision, JSON.stringify('intervals' in out ? out.intervals : out).slice(0, 3000)).toBe('wait');
    expect(out.watchSeconds).toBe(4 * 3600);
    expect(out.reason).toContain('sre-agent promote');
    const done = await setup(good, 100);
    expect((await callTool(activationPromoteTool, { environment: 'production', flag: 'new-endpoint', watchSeconds: 1 }, done.ctx)).decision).toBe('complete');
  });

  it('fails clearly when the flag is not in the file', async () => {
    const { ctx, file } = await setup(good, 0);
    await expect(callTool(activationPromoteTool, { environment: 'production', flag: 'missing-flag', watchSeconds: 1 }, ctx)).rejects.toThrow(
      `flag missing-flag is not defined in ${file}`,
    );
  });
});
