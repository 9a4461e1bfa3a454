/** rollback_verify against a fake driver fronted by a real loopback health server, with a real flag file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVER_KEY } from '../../tools/deploy/driver.js';
import { readFlagPercent, setFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { rollbackVerifyTool } from '../../tools/rollback/rollback-verify.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { FakeDriver, startFakeEnvironment, type FakeEnvironment } from './helpers/fake-driver.js';
import { makeHandoff } from './helpers/handoff.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});

async function setup(options: { flags?: string[]; active?: string; previous?: string | null } = {}) {
  const driver = new FakeDriver({ staging: { active: options.active ?? '1.3.0', previous: options.previous === undefined ? '1.2.0' : options.previous } });
  const env: FakeEnvironment = await startFakeEnvironment(driver, 'staging');
  cleanups.push(env.close);
  const dir = mkdtempSync(join(tmpdir(), 'sre-test-verify-'));
  const ctx = makeToolContext({
    config: {
      service: { name: 'demo' },
      environments: { staging: { baseUrl: env.baseUrl }, production: { baseUrl: 'http://127.0.0.1:9' } },
      flags: { file: 'flags.{{environment}}.flagd.json' },
    },
    configDir: dir,
    handoff: { data: makeHandoff({ featureFlags: (options.flags ?? []).map((key) => ({ key, description: '' })) }), file: null, dir },
  });
  ctx.runtime.provide(DRIVER_KEY, driver);
  cleanups.push(() => ctx.runtime.close());
  return { ctx, driver, flagFile: join(dir, 'flags.staging.flagd.json') };
}

describe('rollback_verify', () => {
  it('switches staging back, sees 1.2.0 answer, switches forward and sees 1.3.0 answer again', async () => {
    const { ctx, driver } = await setup();
    const out = await rollbackVerifyTool.handler({ environment: 'staging', answerTimeoutMs: 2_000 }, ctx);
    expect(out.verified).toBe(true);
    expect(out.scenarios).toHaveLength(1);
    expect(out.scenarios[0]).toMatchObject({ scenario: 'blue_green', previousVersionAnswered: true, rolledForward: true });
    expect(out.scenarios[0]!.rollbackMs).toBeGreaterThanOrEqual(0);
    expect(out.skipped).toEqual([{ scenario: 'feature_flag', reason: 'the release has no feature flag' }]);
    expect(driver.calls).toEqual(['rollback staging', 'switch staging 1.3.0']);
    expect(driver.current('staging').activeVersion).toBe('1.3.0');
    expect(rollbackVerifyTool.output.safeParse(out).success).toBe(true);
  });

  it('turns the flag off and back to the percent it had', async () => {
    const { ctx, flagFile } = await setup({ flags: ['new-endpoint'] });
    await setFlagPercent(flagFile, 'new-endpoint', 100);
    const out = await rollbackVerifyTool.handler({ environment: 'staging', answerTimeoutMs: 2_000 }, ctx);
    const flag = out.scenarios.find((s) => s.scenario === 'feature_flag')!;
    expect(flag).toMatchObject({ previousVersionAnswered: true, rolledForward: true });
    expect(flag.detail).toMatch(/off for 200\/200 sampled users/);
    expect(await readFlagPercent(flagFile, 'new-endpoint')).toBe(100);
    expect(out.verified).toBe(true);
  });

  it('is not verified when the previous version never answers after the switch back', async () => {
    const { ctx, driver } = await setup();
    driver.brokenRollback = true;
    const out = await rollbackVerifyTool.handler({ environment: 'staging', answerTimeoutMs: 2_000 }, ctx);
    expect(out.verified).toBe(false);
    expect(out.scenarios[0]).toMatchObject({ previousVersionAnswered: false, rollbackMs: null });
    expect(out.scenarios[0]!.detail).toMatch(/did not answer healthy with version 1\.2\.0 within .* \(last: HTTP 200, status healthy, version 1\.3\.0\)/);
  });

  it('is not verified when a flag the release declares is missing from the staging flag file', async () => {
    const { ctx } = await setup({ flags: ['new-endpoint'], previous: null });
    const out = await rollbackVerifyTool.handler({ environment: 'staging', answerTimeoutMs: 2_000 }, ctx);
    expect(out.verified).toBe(false);
    expect(out.scenarios[0]!.detail).toMatch(/flag file .* does not exist/);
  });

  it('refuses to start when staging does not serve the new version', async () => {
    const { ctx } = await setup({ active: '1.2.0', previous: null });
    await expect(rollbackVerifyTool.handler({ environment: 'staging', answerTimeoutMs: 2_000 }, ctx)).rejects.toThrow(/staging serves 1\.2\.0, expected the new version 1\.3\.0/);
  });

  it('has nothing to verify (not verified) without a flag or a previous version', async () => {
    const { ctx } = await setup({ previous: null });
    const out = await rollbackVerifyTool.handler({ environment: 'staging', answerTimeoutMs: 2_000 }, ctx);
    expect(out).toMatchObject({ verified: false, scenarios: [] });
    expect(out.skipped.map((s) => s.scenario)).toEqual(['feature_flag', 'blue_green']);
  });

  it('cannot be pointed at production: the input schema only accepts staging', () => {
    expect(rollbackVerifyTool.input.safeParse({ environment: 'production' }).success).toBe(false);
    expect(rollbackVerifyTool.input.parse({})).toEqual({ environment: 'staging', answerTimeoutMs: 15_000 });
  });
});
