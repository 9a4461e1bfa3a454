/** rollback_execute against a fake driver, a real flag file, a real git repository and real commands. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlagdCore } from '@openfeature/flagd-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVER_KEY } from '../../tools/deploy/driver.js';
import { setFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { usersWithFlagOn } from '../../tools/rollback/flag-evaluation.js';
import { rollbackExecuteTool } from '../../tools/rollback/rollback-execute.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';
import { FakeDriver } from './helpers/fake-driver.js';
import { git, makeRepo } from './helpers/git-repo.js';
import { makeHandoff } from './helpers/handoff.js';

const contexts: Array<ReturnType<typeof makeToolContext>> = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.runtime.close();
});

function context(handoff = makeHandoff(), repoDir?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sre-test-rollback-'));
  const ctx = makeToolContext({
    config: { ...MINIMAL_CONFIG, flags: { file: 'flags.{{environment}}.flagd.json' } },
    configDir: dir,
    repoDir: repoDir ?? dir,
    handoff: { data: handoff, file: null, dir },
  });
  contexts.push(ctx);
  return { ctx, dir };
}

const run = (input: Record<string, unknown>, ctx: ReturnType<typeof makeToolContext>) =>
  rollbackExecuteTool.handler(rollbackExecuteTool.input.parse(input), ctx);

describe('rollback_execute', () => {
  it('feature_flag turns every release flag off in that environment only, and flagd evaluates it off', async () => {
    const { ctx, dir } = context(makeHandoff({ featureFlags: [{ key: 'new-endpoint', description: '' }] }));
    const production = join(dir, 'flags.production.flagd.json');
    const staging = join(dir, 'flags.staging.flagd.json');
    await setFlagPercent(production, 'new-endpoint', 50);
    await setFlagPercent(staging, 'new-endpoint', 100);
    const out = await run({ environment: 'production', scenario: 'feature_flag' }, ctx);
    expect(out).toMatchObject({ done: true, flags: [{ name: 'new-endpoint', previous: 50, percent: 0, file: production }] });
    expect(usersWithFlagOn(production, 'new-endpoint')).toBe(0);
    expect(usersWithFlagOn(staging, 'new-endpoint')).toBe(200);
  });

  it('feature_flag on the real flagd example file turns only that flag off and keeps the others evaluating as before', async () => {
    // Fixture: open-feature/flagd samples/example_flags.flagd.json (see test/fixtures/flags/README.md)
    const fixture = join(import.meta.dirname, '../fixtures/flags/flagd-example-fractional-ref.flagd.json');
    const { ctx, dir } = context();
    const file = join(dir, 'flags.production.flagd.json');
    copyFileSync(fixture, file);
    const before = JSON.parse(readFileSync(file, 'utf8'));
    expect(usersWithFlagOn(file, 'myBoolFlag')).toBe(200);
    const out = await run({ environment: 'production', scenario: 'feature_flag', flag: 'myBoolFlag' }, ctx);
    expect(out.flags).toEqual([{ name: 'myBoolFlag', previous: 100, percent: 0, file }]);
    expect(usersWithFlagOn(file, 'myBoolFlag')).toBe(0);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.$evaluators).toEqual(before.$evaluators);
    for (const key of Object.keys(before.flags).filter((k) => k !== 'myBoolFlag')) expect(after.flags[key]).toEqual(before.flags[key]);
    const core = new FlagdCore();
    core.setConfigurations(readFileSync(file, 'utf8'));
    expect(core.resolveStringEvaluation('headerColor', 'none', { email: 'someone@example.com' }).value).toBe('#FF0000');
    expect(['#FF0000', '#0000FF', '#00FF00', '#FFFF00']).toContain(core.resolveStringEvaluation('headerColor', 'none', { email: 'ana@faas.com' }).value);
  });

  it('feature_flag without any flag fails clearly', async () => {
    const { ctx } = context();
    await expect(run({ environment: 'production', scenario: 'feature_flag' }, ctx)).rejects.toThrow(/no feature flag to turn off/);
  });

  it('blue_green switches traffic back through the driver and returns the new state', async () => {
    const { ctx } = context();
    const driver = new FakeDriver({ production: { active: '1.3.0', previous: '1.2.0' } });
    ctx.runtime.provide(DRIVER_KEY, driver);
    const out = await run({ environment: 'production', scenario: 'blue_green' }, ctx);
    expect(out.done).toBe(true);
    expect(out.state).toMatchObject({ activeVersion: '1.2.0', weights: { '1.2.0': 100 } });
    expect(driver.calls).toEqual(['rollback production']);
  });

  it('canary_weight_zero gives the release version 0% of the traffic', async () => {
    const { ctx } = context();
    const driver = new FakeDriver({ production: { active: '1.2.0', previous: null } });
    await driver.setWeight('production', '1.3.0', 25);
    ctx.runtime.provide(DRIVER_KEY, driver);
    const out = await run({ environment: 'production', scenario: 'canary_weight_zero' }, ctx);
    expect(out.state!.weights).toEqual({ '1.2.0': 100, '1.3.0': 0 });
    expect(out.done).toBe(true);
  });

  it('git_revert only shows the command until confirmed, then really reverts the release commit', async () => {
    const repo = makeRepo([{ 'app.txt': 'v1.2.0\n' }, { 'app.txt': 'v1.3.0\n' }]);
    const handoff = makeHandoff({ release: { version: '1.3.0', commit: repo.commits[1]!, branch: 'main' } });
    const { ctx } = context(handoff, repo.dir);
    const dry = await run({ environment: 'production', scenario: 'git_revert' }, ctx);
    expect(dry.done).toBe(false);
    expect(dry.detail).toMatch(new RegExp(`pass confirm: true to run \`git revert --no-edit ${repo.commits[1]}\``));
    expect(readFileSync(join(repo.dir, 'app.txt'), 'utf8')).toBe('v1.3.0\n');

    const out = await run({ environment: 'production', scenario: 'git_revert', confirm: true }, ctx);
    expect(out.done).toBe(true);
    expect(readFileSync(join(repo.dir, 'app.txt'), 'utf8')).toBe('v1.2.0\n');
    expect(git(repo.dir, 'log', '-1', '--format=%s')).toMatch(/^Revert "commit 2"/);
  });

  it('git_revert reports a failing revert (unknown commit) with git’s message', async () => {
    const repo = makeRepo([{ 'a.txt': '1' }]);
    const { ctx } = context(makeHandoff({ release: { version: '1.3.0', commit: 'deadbeef', branch: 'main' } }), repo.dir);
    await expect(run({ environment: 'production', scenario: 'git_revert', confirm: true }, ctx)).rejects.toThrow(/git revert --no-edit deadbeef failed/);
  });

  it('migration runs reverse commands, last migration first, only when confirmed', async () => {
    const node = process.execPath;
    const { ctx, dir } = context(
      makeHandoff({
        migrations: [
          { name: '0006', reverse: `"${node}" -e "require('fs').appendFileSync('order.txt','0006 ')"` },
          { name: '0007', reverse: `"${node}" -e "require('fs').appendFileSync('order.txt','0007 ')"` },
        ],
      }),
    );
    const dry = await run({ environment: 'production', scenario: 'migration' }, ctx);
    expect(dry.done).toBe(false);
    expect(existsSync(join(dir, 'order.txt'))).toBe(false);
    const out = await run({ environment: 'production', scenario: 'migration', confirm: true }, ctx);
    expect(out.done).toBe(true);
    expect(readFileSync(join(dir, 'order.txt'), 'utf8')).toBe('0007 0006 ');
  });

  it('migration whose reverse is only a name or needs a shell reports what must be run by hand, running nothing', async () => {
    const { ctx, dir } = context(
      makeHandoff({
        migrations: [
          { name: '0006', reverse: '0005_previous' },
          { name: '0007', reverse: `touch ran.txt && echo done` },
        ],
      }),
    );
    const out = await run({ environment: 'production', scenario: 'migration', confirm: true }, ctx);
    expect(out.done).toBe(false);
    expect(out.detail).toMatch(/2 reverse step\(s\) are not runnable commands/);
    expect(out.detail).toMatch(/0005_previous/);
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });

  it('stops at the first failing migration reverse and names it', async () => {
    const { ctx } = context(makeHandoff({ migrations: [{ name: '0006', reverse: `"${process.execPath}" -e "process.exit(4)"` }] }));
    await expect(run({ environment: 'production', scenario: 'migration', confirm: true }, ctx)).rejects.toThrow(/reversing migration 0006 failed .*exited with 4/);
  });

  it('is annotated destructive', () => {
    expect(rollbackExecuteTool.annotations.destructive).toBe(true);
  });
});
