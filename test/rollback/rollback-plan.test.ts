/** rollback_plan: the seed's scenarios from the handoff, config and ledger. */
import { relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SreConfigInput } from '../../schemas/config.js';
import { flagFileFor } from '../../tools/deploy/flags/flag-file-path.js';
import { rollbackPlanTool } from '../../tools/rollback/rollback-plan.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';
import { makeHandoff } from './helpers/handoff.js';

const contexts: Array<ReturnType<typeof makeToolContext>> = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.runtime.close();
});

function context(options: { handoff?: ReturnType<typeof makeHandoff> | null; config?: Partial<SreConfigInput> } = {}) {
  const handoff = options.handoff === null ? undefined : { data: options.handoff ?? makeHandoff(), file: null, dir: '/tmp' };
  const ctx = makeToolContext({ config: { ...MINIMAL_CONFIG, ...options.config }, configDir: '/tmp/svc', handoff });
  contexts.push(ctx);
  return ctx;
}

const record = (ctx: ReturnType<typeof context>, tool: string, input: unknown, output: unknown) =>
  ctx.ledger.append({ kind: 'tool_call', tool, input, output, ok: true, startedAt: new Date().toISOString(), durationMs: 1 }).id;

describe('rollback_plan', () => {
  it('lists the four seed scenarios with the seed estimates, all applicable for a flagged release with migrations', async () => {
    const ctx = context({
      handoff: makeHandoff({
        featureFlags: [{ key: 'new-endpoint', description: 'new API' }],
        migrations: [{ name: '0006_add_orders', reverse: 'python manage.py migrate shop 0005' }],
      }),
    });
    const backupId = record(ctx, 'backup_create', {}, { file: '/tmp/svc/backups/backup_v1.3.0_2025-11-09.sql', sizeBytes: 10, sha256: 'c'.repeat(64) });
    const out = await rollbackPlanTool.handler({}, ctx);
    expect(backupId).toBe('E001');
    expect(out.scenarios.map((s) => [s.scenario, s.applicable, s.estimate])).toEqual([
      ['feature_flag', true, 'instantâneo'],
      ['migration', true, '1-2 minutos'],
      ['git_revert', true, '5-10 minutos'],
      ['blue_green', true, 'instantâneo'],
    ]);
    expect(out.recommended).toBe('feature_flag');
    expect(out.backupFile).toBe('/tmp/svc/backups/backup_v1.3.0_2025-11-09.sql');
    const byName = Object.fromEntries(out.scenarios.map((s) => [s.scenario, s]));
    expect(byName.feature_flag!.action).toBe(`Desligar a flag new-endpoint (0%) em ${relative('/tmp/svc', flagFileFor(ctx, 'production'))} — rollback_execute {scenario: "feature_flag"}`);
    expect(byName.migration!.action).toBe('python manage.py migrate shop 0005. Restaurar de /tmp/svc/backups/backup_v1.3.0_2025-11-09.sql se necessário');
    expect(byName.migration!.impact).toBe('Dados criados pela nova migração serão perdidos');
    expect(byName.git_revert!.action).toBe('git revert --no-edit abc1234 && git push origin main (CI/CD redeploy automático)');
    expect(byName.blue_green!.validation).toBe('Health check responde com a versão 1.2.0');
    expect(out.scenarios.every((s) => s.measuredMs === null)).toBe(true);
    expect(rollbackPlanTool.output.safeParse(out).success).toBe(true);
  });

  it('recommends the switch back when the release has no flag, and says why the flag scenario does not apply', async () => {
    const out = await rollbackPlanTool.handler({}, context());
    expect(out.recommended).toBe('blue_green');
    expect(out.scenarios.find((s) => s.scenario === 'feature_flag')).toMatchObject({ applicable: false, why: expect.stringMatching(/no feature flag/) });
    expect(out.scenarios.find((s) => s.scenario === 'migration')).toMatchObject({ applicable: false });
  });

  it('takes the flag chosen by deploy_plan when the handoff lists none', async () => {
    const ctx = context();
    record(ctx, 'deploy_plan', {}, { strategy: 'feature_flag', flag: 'checkout-v2' });
    const out = await rollbackPlanTool.handler({}, ctx);
    expect(out.recommended).toBe('feature_flag');
    expect(out.scenarios[0]!.action).toMatch(/checkout-v2/);
  });

  it('reports measured times from rollback_verify, citing the ledger entry', async () => {
    const ctx = context();
    const id = record(ctx, 'rollback_verify', { environment: 'staging' }, {
      verified: true,
      environment: 'staging',
      scenarios: [
        { scenario: 'blue_green', rollbackMs: 412, previousVersionAnswered: true, rolledForward: true },
        { scenario: 'feature_flag', rollbackMs: 90, previousVersionAnswered: false, rolledForward: true },
      ],
    });
    const out = await rollbackPlanTool.handler({}, ctx);
    const bg = out.scenarios.find((s) => s.scenario === 'blue_green')!;
    expect([bg.measuredMs, bg.measuredEvidence]).toEqual([412, id]);
    // a drill that never reached the previous state is not a measurement
    expect(out.scenarios.find((s) => s.scenario === 'feature_flag')!.measuredMs).toBeNull();
  });

  it('marks the switch back inapplicable for a command driver without a rollback or switch command', async () => {
    const out = await rollbackPlanTool.handler({}, context({ config: { deploy: { driver: 'command', command: { deploy: ['deploy.sh'] } } } }));
    expect(out.scenarios.find((s) => s.scenario === 'blue_green')).toMatchObject({ applicable: false });
    expect(out.recommended).toBe('git_revert');
  });

  it('adds the canary weight-0 scenario for canary releases', async () => {
    const ctx = context();
    record(ctx, 'deploy_plan', {}, { strategy: 'canary', flag: null });
    const out = await rollbackPlanTool.handler({}, ctx);
    expect(out.scenarios.map((s) => s.scenario)).toContain('canary_weight_zero');
  });

  it('without a handoff the revert commit is unknown, so git_revert does not apply', async () => {
    const out = await rollbackPlanTool.handler({}, context({ handoff: null }));
    expect(out.scenarios.find((s) => s.scenario === 'git_revert')).toMatchObject({ applicable: false });
    expect(out.version).toBeNull();
  });
});
