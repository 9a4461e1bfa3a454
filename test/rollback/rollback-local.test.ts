/**
 * Rollback on the real local driver and the example service (real processes on loopback, stopped in afterAll):
 * deploy 1.3.0 to staging, drill the rollback, then really roll back with rollback_execute.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployExecuteTool } from '../../tools/deploy/execute.js';
import { readFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { flagFileFor } from '../../tools/deploy/flags/flag-file-path.js';
import { rollbackExecuteTool } from '../../tools/rollback/rollback-execute.js';
import { rollbackPlanTool } from '../../tools/rollback/rollback-plan.js';
import { rollbackVerifyTool } from '../../tools/rollback/rollback-verify.js';
import type { AnyToolModule } from '../../tools/tool.js';
import { demoConfig } from '../deploy/helpers/demo-config.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { makeHandoff } from './helpers/handoff.js';

describe('rollback with the local driver and the example service', () => {
  let ctx: ReturnType<typeof makeToolContext>;
  let baseUrl: string;

  /** Call a tool the way the server does: parse the input, run it, record the outcome in the ledger. */
  async function call(tool: AnyToolModule, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const parsed = tool.input.parse(input);
    const output = (await tool.handler(parsed, ctx)) as Record<string, unknown>;
    ctx.ledger.append({ kind: 'tool_call', tool: tool.name, input: parsed, output, ok: true, startedAt: new Date().toISOString(), durationMs: 0 });
    return output;
  }

  const health = async () => (await (await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) })).json()) as { version: string; status: string };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-rollback-local-'));
    ctx = makeToolContext({
      config: await demoConfig(),
      configDir: dir,
      handoff: { data: makeHandoff({ featureFlags: [{ key: 'new-endpoint', description: 'new endpoint' }] }), file: null, dir },
    });
    baseUrl = ctx.config.environments.staging.baseUrl;
    const deployed = await call(deployExecuteTool as AnyToolModule, { environment: 'staging' });
    expect(deployed).toMatchObject({ healthy: true, version: '1.3.0' });
  });

  afterAll(async () => {
    await ctx.runtime.close();
  });

  it('rollback_verify: 1.2.0 answers after the switch back, 1.3.0 again after the roll-forward, the flag is back on', async () => {
    const out = await call(rollbackVerifyTool as AnyToolModule, {});
    expect(out.verified).toBe(true);
    const scenarios = out.scenarios as Array<Record<string, unknown>>;
    expect(scenarios.map((s) => [s.scenario, s.previousVersionAnswered, s.rolledForward])).toEqual([
      ['feature_flag', true, true],
      ['blue_green', true, true],
    ]);
    expect(scenarios[1]!.detail).toMatch(/answered healthy with version 1\.2\.0 3 times in a row.*answered healthy with version 1\.3\.0/);
    expect(await health()).toMatchObject({ status: 'healthy', version: '1.3.0' });
    expect(await readFlagPercent(flagFileFor(ctx, 'staging'), 'new-endpoint')).toBe(100);
  });

  it('rollback_plan then reports the measured times of both drills', async () => {
    const out = await call(rollbackPlanTool as AnyToolModule, {});
    const byName = Object.fromEntries((out.scenarios as Array<{ scenario: string; measuredMs: number | null }>).map((s) => [s.scenario, s.measuredMs]));
    expect(byName.feature_flag).toBeGreaterThan(0);
    expect(byName.blue_green).toBeGreaterThan(0);
    expect(out.recommended).toBe('feature_flag');
  });

  it('rollback_execute feature_flag: the running service answers the flag off for every user', async () => {
    const out = await call(rollbackExecuteTool as AnyToolModule, { environment: 'staging', scenario: 'feature_flag' });
    expect(out).toMatchObject({ done: true, flags: [{ name: 'new-endpoint', previous: 100, percent: 0 }] });
    for (let user = 0; user < 20; user += 1) {
      const res = await fetch(`${baseUrl}/api/features`, { headers: { 'x-user-id': `u${user}` }, signal: AbortSignal.timeout(5_000) });
      const body = (await res.json()) as { features: Record<string, boolean> };
      expect(body.features['new-endpoint']).toBe(false);
    }
  });

  it('rollback_execute blue_green: staging serves 1.2.0', async () => {
    const out = await call(rollbackExecuteTool as AnyToolModule, { environment: 'staging', scenario: 'blue_green' });
    expect(out).toMatchObject({ done: true, state: { activeVersion: '1.2.0' } });
    expect(await health()).toMatchObject({ status: 'healthy', version: '1.2.0' });
  });
});
