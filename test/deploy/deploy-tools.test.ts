/** deploy_plan, deploy_execute, smoke_test, deploy_status and the flag tools, end to end on the local driver. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QaHandoff, type QaHandoffInput } from '../../schemas/qa-handoff.js';
import { deployExecuteTool } from '../../tools/deploy/execute.js';
import { flagsGetTool } from '../../tools/deploy/flags-get.js';
import { flagsSetTool } from '../../tools/deploy/flags-set.js';
import { deployPlanTool } from '../../tools/deploy/plan.js';
import { smokeTestTool } from '../../tools/deploy/smoke-test.js';
import { deployStatusTool } from '../../tools/deploy/status.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';
import { demoConfig } from './helpers/demo-config.js';

const handoff = (extra: Partial<QaHandoffInput> = {}) => ({
  data: QaHandoff.parse({
    release: { version: '1.3.0', previousVersion: '1.2.0', commit: 'abc123def456', branch: 'main' },
    qa: { verdict: 'approved' },
    claims: { tests: { passed: 10, total: 10 }, coverage: { lines: 90 } },
    ...extra,
  }),
  file: null,
  dir: process.cwd(),
});

describe('deploy_plan', () => {
  it('prefers a feature flag when the release introduces one, and asks for a backup when it has migrations', async () => {
    const ctx = makeToolContext({
      handoff: handoff({ featureFlags: [{ key: 'new-endpoint' }], migrations: [{ name: '0006_add_column', reverse: 'python manage.py migrate app 0005' }] }),
    });
    const plan = await deployPlanTool.handler({}, ctx);
    expect(plan).toMatchObject({ strategy: 'feature_flag', flag: 'new-endpoint', requiresBackup: true, migrationRollback: ['python manage.py migrate app 0005'] });
    expect(plan.steps).toContain('activation: new-endpoint 0% → 10% → 50% → 100%, watching 4 h per step');
  });

  it('falls back to blue/green, then to canary when the command driver can only set weights', async () => {
    expect((await deployPlanTool.handler({}, makeToolContext({ handoff: handoff() }))).strategy).toBe('blue_green');
    const weightsOnly = makeToolContext({
      config: { ...MINIMAL_CONFIG, deploy: { driver: 'command', command: { deploy: ['true'], setWeight: ['true'] } } },
      handoff: handoff(),
    });
    const plan = await deployPlanTool.handler({}, weightsOnly);
    expect(plan).toMatchObject({ strategy: 'canary', flag: null, requiresBackup: false, migrationRollback: [] });
  });

  it('follows deploy.strategy, and refuses a forced feature flag when the release has none', async () => {
    const canary = makeToolContext({ config: { ...MINIMAL_CONFIG, deploy: { strategy: 'canary' } }, handoff: handoff({ featureFlags: [{ key: 'x' }] }) });
    expect(await deployPlanTool.handler({}, canary)).toMatchObject({ strategy: 'canary', why: 'set by deploy.strategy in sre.yaml' });
    const forced = makeToolContext({ config: { ...MINIMAL_CONFIG, deploy: { strategy: 'feature_flag' } }, handoff: handoff() });
    await expect(deployPlanTool.handler({}, forced)).rejects.toThrow('deploy.strategy is feature_flag but the QA handoff introduces no feature flag');
  });
});

describe('deploy_execute + smoke_test with a feature flag (local driver, real processes)', () => {
  let ctx: ReturnType<typeof makeToolContext>;
  beforeAll(async () => {
    ctx = makeToolContext({ config: await demoConfig(), configDir: mkdtempSync(join(tmpdir(), 'sre-tools-')), handoff: handoff({ featureFlags: [{ key: 'new-endpoint' }] }) });
  });
  afterAll(async () => {
    await ctx.runtime.close();
  });

  it('staging: deploys and switches to 1.3.0 with the flag on, and the smoke test passes', async () => {
    const result = await deployExecuteTool.handler({ environment: 'staging' }, ctx);
    expect(result).toMatchObject({ environment: 'staging', version: '1.3.0', strategy: 'feature_flag', healthy: true, flag: { name: 'new-endpoint', percent: 100 } });
    expect(result.state).toMatchObject({ activeVersion: '1.3.0', previousVersion: '1.2.0', weights: { '1.3.0': 100 } });
    expect(deployExecuteTool.output.safeParse(result).success).toBe(true);
    const smoke = await smokeTestTool.handler({ environment: 'staging' }, ctx);
    expect(smoke).toMatchObject({ environment: 'staging', passed: true, version: '1.3.0' });
    expect(smoke.checks.map((c) => [c.name, c.passed])).toEqual([['health', true], ['database', true], ['cache', true], ['external_api', true], ['version', true]]);
    expect(await flagsGetTool.handler({ environment: 'staging', flag: 'new-endpoint' }, ctx)).toMatchObject({ percent: 100 });
  });

  it('production: ships 1.3.0 dark (flag 0%), and the flag tools move it one step', async () => {
    const result = await deployExecuteTool.handler({ environment: 'production' }, ctx);
    expect(result).toMatchObject({ healthy: true, flag: { name: 'new-endpoint', percent: 0 } });
    expect(result.steps[0]).toBe('flag new-endpoint 0% → 0% in production');
    const base = ctx.config.environments.production.baseUrl;
    const answer = (await (await fetch(`${base}/api/features`, { headers: { 'x-user-id': 'u1' } })).json()) as { version: string; features: Record<string, boolean> };
    expect(answer).toMatchObject({ version: '1.3.0', features: { 'new-endpoint': false } });
    expect(await flagsSetTool.handler({ environment: 'production', flag: 'new-endpoint', percent: 10 }, ctx)).toMatchObject({ previous: 0, percent: 10 });
    const status = await deployStatusTool.handler({ environment: 'production' }, ctx);
    expect(status.state).toMatchObject({ activeVersion: '1.3.0', weights: { '1.3.0': 100 } });
  });

  it('smoke test fails the version check when nothing says which version should answer there', async () => {
    // Another run (command driver without a status command, empty ledger) sees the same service but no deploy of its own.
    const other = makeToolContext({ config: { ...MINIMAL_CONFIG, deploy: { driver: 'command', command: { deploy: ['true'] } }, environments: ctx.config.environments } });
    const smoke = await smokeTestTool.handler({ environment: 'staging' }, other);
    const version = smoke.checks.find((c) => c.name === 'version')!;
    expect(smoke.passed).toBe(false);
    expect(version).toEqual({ name: 'version', passed: false, detail: 'found 1.3.0, but no deployed version is known for staging' });
    await other.runtime.close();
  });
});
