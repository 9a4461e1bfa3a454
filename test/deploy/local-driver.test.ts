/** The local driver with real processes: a detached proxy per environment and one process per version. */
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDriver } from '../../tools/deploy/get-driver.js';
import { journalFile, readJournal } from '../../tools/deploy/journal.js';
import { isAlive } from '../../tools/deploy/local/process-control.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { demoConfig } from './helpers/demo-config.js';
import { startLoad } from './helpers/load.js';

const signal = new AbortController().signal;

describe('local driver: blue/green and canary with real processes', () => {
  let ctx: ReturnType<typeof makeToolContext>;
  let baseUrl: string;

  beforeAll(async () => {
    const config = await demoConfig();
    ctx = makeToolContext({ config, configDir: mkdtempSync(join(tmpdir(), 'sre-local-')) });
    baseUrl = ctx.config.environments.staging.baseUrl;
  });
  afterAll(async () => {
    await ctx.runtime.close();
  });

  it('deploys 1.3.0 beside 1.2.0, switches and rolls back with zero failed requests under continuous load', async () => {
    const driver = getDriver(ctx);
    const first = await driver.deploy('staging', '1.3.0', { signal });
    // The initial version was started at first use and keeps all the traffic until the switch.
    expect(first.activeVersion).toBe('1.2.0');
    expect(first.weights).toEqual({ '1.2.0': 100 });
    const load = startLoad(`${baseUrl}/api/items`);
    await new Promise((r) => setTimeout(r, 300));
    const switched = await driver.switchTo('staging', '1.3.0', { signal });
    expect(switched).toMatchObject({ activeVersion: '1.3.0', previousVersion: '1.2.0', weights: { '1.3.0': 100 } });
    await new Promise((r) => setTimeout(r, 300));
    const canary = await driver.setWeight('staging', '1.2.0', 30, { signal });
    expect(canary.weights).toEqual({ '1.2.0': 30, '1.3.0': 70 });
    await new Promise((r) => setTimeout(r, 300));
    const back = await driver.rollback('staging', { signal }); // aborts the canary weight first
    expect(back.weights).toEqual({ '1.3.0': 100 });
    const rolled = await driver.rollback('staging', { signal });
    expect(rolled).toMatchObject({ activeVersion: '1.2.0', previousVersion: '1.3.0', weights: { '1.2.0': 100 } });
    await new Promise((r) => setTimeout(r, 300));
    const counts = await load.stop();
    expect(counts.failures).toEqual([]);
    expect(counts.failed).toBe(0);
    expect(counts.total).toBeGreaterThan(50);
    expect(counts.byVersion['1.2.0']).toBeGreaterThan(0);
    expect(counts.byVersion['1.3.0']).toBeGreaterThan(0);
    const res = await fetch(`${baseUrl}/health`);
    expect(((await res.json()) as { version: string }).version).toBe('1.2.0');
  });

  it('records proxy, instances and weights in the run journal', async () => {
    const journal = readJournal(journalFile(ctx.outDir))!;
    const staging = journal.environments.staging!;
    expect(staging.baselineVersion).toBe('1.2.0');
    expect(staging.activeVersion).toBe('1.2.0');
    expect(staging.weights).toEqual({ '1.2.0': 100 });
    expect(isAlive(staging.proxy!.pid)).toBe(true);
    expect(Object.keys(staging.instances).sort()).toEqual(['1.2.0', '1.3.0']);
    expect(journal.steps.map((s) => s.action)).toEqual(expect.arrayContaining(['proxy', 'initial', 'deploy', 'switch', 'weight', 'rollback']));
  });

  it('status reads live weights and request counters from the proxy', async () => {
    const state = await getDriver(ctx).status('staging', { signal });
    expect(state.weights).toEqual({ '1.2.0': 100 });
    const traffic = state.details.traffic as Record<string, { requests: number }>;
    expect(traffic['1.2.0']!.requests).toBeGreaterThan(0);
  });

  it('reports an environment it never started as serving nothing', async () => {
    const state = await getDriver(ctx).status('production', { signal });
    expect(state).toMatchObject({ activeVersion: null, weights: {}, details: { running: false } });
  });
});

describe('local driver: failures leave the previous version serving', () => {
  const contexts: Array<ReturnType<typeof makeToolContext>> = [];
  let blocker: net.Server | undefined;
  afterAll(async () => {
    for (const c of contexts) await c.runtime.close();
    await new Promise((r) => (blocker ? blocker.close(r) : r(undefined)));
  });

  it('says which port is taken when the environment port is in use', async () => {
    const config = await demoConfig();
    const ctx = makeToolContext({ config, configDir: mkdtempSync(join(tmpdir(), 'sre-local-')) });
    contexts.push(ctx);
    const port = Number(new URL(ctx.config.environments.staging.baseUrl).port);
    blocker = net.createServer();
    await new Promise<void>((r) => blocker!.listen(port, '127.0.0.1', r));
    await expect(getDriver(ctx).deploy('staging', '1.3.0', { signal })).rejects.toThrow(`port ${port} for the staging proxy is already in use`);
  });

  it('stops a version that never becomes healthy and keeps routing to the old one', async () => {
    const config = await demoConfig({ healthTimeoutMs: 5_000 });
    (config.deploy!.local!.versions as Record<string, { env: Record<string, string> }>)['1.3.0']!.env.FAULT_HEALTH = 'database';
    const ctx = makeToolContext({ config, configDir: mkdtempSync(join(tmpdir(), 'sre-local-')) });
    contexts.push(ctx);
    const driver = getDriver(ctx);
    const error = await driver.deploy('staging', '1.3.0', { signal }).catch((e: Error) => e);
    expect(String(error)).toMatch(/version 1\.3\.0 .* did not become healthy: not healthy within 5000 ms .*HTTP 503.*failing checks: database/);
    const state = await driver.status('staging', { signal });
    expect(state.weights).toEqual({ '1.2.0': 100 });
    const instances = state.details.instances as Record<string, { alive: boolean }>;
    expect(instances['1.3.0']).toBeUndefined();
    const res = await fetch(`${ctx.config.environments.staging.baseUrl}/health`);
    expect(((await res.json()) as { version: string }).version).toBe('1.2.0');
  });

  it('names the command when a version cannot start at all', async () => {
    const config = await demoConfig();
    (config.deploy!.local!.versions as Record<string, { command: string[] }>)['1.3.0']!.command = ['definitely-not-a-real-binary-sre', 'x'];
    const ctx = makeToolContext({ config, configDir: mkdtempSync(join(tmpdir(), 'sre-local-')) });
    contexts.push(ctx);
    await expect(getDriver(ctx).deploy('staging', '1.3.0', { signal })).rejects.toThrow(/cannot start version 1\.3\.0 .*definitely-not-a-real-binary-sre was not found/);
    const res = await fetch(`${ctx.config.environments.staging.baseUrl}/health`);
    expect(res.status).toBe(200);
  });

  it('refuses versions the config does not list', async () => {
    const config = await demoConfig();
    const ctx = makeToolContext({ config, configDir: mkdtempSync(join(tmpdir(), 'sre-local-')) });
    contexts.push(ctx);
    await expect(getDriver(ctx).deploy('staging', '9.9.9', { signal })).rejects.toThrow('version 9.9.9 is not in deploy.local.versions (known: 1.2.0, 1.3.0)');
  });
});
