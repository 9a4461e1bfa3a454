/** The command driver runs the user's own commands (here: real node scripts acting as a tiny platform). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SreConfigInput } from '../../schemas/config.js';
import { TimeoutError } from '../../src/errors.js';
import { getDriver } from '../../tools/deploy/get-driver.js';
import { journalFile, readJournal } from '../../tools/deploy/journal.js';
import { makeToolContext } from '../helpers/tool-context.js';

const signal = new AbortController().signal;
const node = process.execPath;
// The "platform" keeps its state in platform.json in the config directory (the commands' cwd).
const write = (body: string) => [node, '-e', `const fs=require('fs');const [env,v,p]=process.argv.slice(1);${body}`, '{{environment}}', '{{version}}', '{{percent}}'];
const PLATFORM = {
  deploy: write(`console.log('deployed', v, 'to', env)`),
  switch: write(`fs.writeFileSync('platform.json', JSON.stringify({activeVersion: v, weights: {[v]: 100}}))`),
  setWeight: write(`const s=JSON.parse(fs.readFileSync('platform.json','utf8'));s.weights={[v]:Number(p),[s.activeVersion]:100-Number(p)};fs.writeFileSync('platform.json', JSON.stringify(s))`),
  rollback: write(`fs.writeFileSync('platform.json', JSON.stringify({activeVersion: '1.2.0', weights: {'1.2.0': 100}, note: 'rolled back by ' + env}))`),
  status: [node, '-e', `process.stdout.write(require('fs').readFileSync('platform.json','utf8'))`],
};

function commandContext(command: Record<string, unknown>): ReturnType<typeof makeToolContext> {
  const config: SreConfigInput = {
    service: { name: 'demo' },
    environments: { staging: { baseUrl: 'http://127.0.0.1:18081' }, production: { baseUrl: 'http://127.0.0.1:18082' } },
    deploy: { driver: 'command', command: command as never },
  };
  return makeToolContext({ config, configDir: mkdtempSync(join(tmpdir(), 'sre-cmd-')) });
}

describe('command driver', () => {
  const contexts: Array<ReturnType<typeof makeToolContext>> = [];
  afterAll(async () => {
    for (const c of contexts) await c.runtime.close();
  });

  it('fills the placeholders and reads the state back from the status command', async () => {
    const ctx = commandContext({ ...PLATFORM, timeoutMs: 10_000 });
    contexts.push(ctx);
    const driver = getDriver(ctx);
    await driver.switchTo('production', '1.2.0', { signal });
    const deployed = await driver.deploy('production', '1.3.0', { signal });
    expect((deployed.details.lastCommand as { stdout: string }).stdout).toBe('deployed 1.3.0 to production');
    const canary = await driver.setWeight('production', '1.3.0', 5, { signal });
    expect(canary.weights).toEqual({ '1.3.0': 5, '1.2.0': 95 });
    expect(JSON.parse(readFileSync(join(ctx.configDir, 'platform.json'), 'utf8')).weights).toEqual({ '1.3.0': 5, '1.2.0': 95 });
    const switched = await driver.switchTo('production', '1.3.0', { signal });
    expect(switched).toMatchObject({ activeVersion: '1.3.0', weights: { '1.3.0': 100 } });
    const back = await driver.rollback('production', { signal });
    expect(back).toMatchObject({ activeVersion: '1.2.0', weights: { '1.2.0': 100 } });
    const env = readJournal(journalFile(ctx.outDir))!.environments.production!;
    expect(env.driver).toBe('command');
    // A run rollback returns to the version that served before the run moved traffic, whatever happened since.
    expect(env.baselineVersion).toBe('1.2.0');
    expect(env.rollbackCommand!.argv.slice(-3, -1)).toEqual(['production', '1.2.0']);
  });

  it('kills a hanging command at its timeout and says so', async () => {
    const ctx = commandContext({ deploy: [node, '-e', 'setInterval(() => {}, 1000)'], timeoutMs: 700 });
    contexts.push(ctx);
    const started = Date.now();
    const error = await getDriver(ctx).deploy('staging', '1.3.0', { signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(String(error)).toMatch(/did not finish within 700 ms and was killed \(deploy\.command\.timeoutMs\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('passes the command\'s own error text on when it fails', async () => {
    const ctx = commandContext({ deploy: [node, '-e', 'console.error("quota exceeded for namespace demo"); process.exit(3)'], timeoutMs: 10_000 });
    contexts.push(ctx);
    await expect(getDriver(ctx).deploy('staging', '1.3.0', { signal })).rejects.toThrow(/deploy\.command\.deploy failed: .* exited with 3\nquota exceeded for namespace demo/);
  });

  it('says which action is not configured', async () => {
    const ctx = commandContext({ deploy: PLATFORM.deploy, timeoutMs: 10_000 });
    contexts.push(ctx);
    await expect(getDriver(ctx).setWeight('staging', '1.3.0', 5, { signal })).rejects.toThrow('deploy.command.setWeight is not configured, so the command driver cannot set traffic weights');
  });

  it('keeps the raw text when the status command does not print JSON', async () => {
    const ctx = commandContext({ deploy: PLATFORM.deploy, status: [node, '-e', 'console.log("rollout healthy")'], timeoutMs: 10_000 });
    contexts.push(ctx);
    const state = await getDriver(ctx).deploy('staging', '1.3.0', { signal });
    expect(state.activeVersion).toBe('1.3.0');
    expect(state.details.status).toEqual({ parsed: false, note: 'the status command did not print JSON: rollout healthy', output: 'rollout healthy' });
  });
});
