/**
 * Deploy bench on the local driver with the demo service: how long a blue/green switch and a switch back take
 * (proxy route change + health gate, old instance kept), and how long turning a flag off takes until the running
 * service answers "off" (flag file write + the service noticing). Medians over several runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SreConfig } from '../schemas/config.js';
import { Ledger } from '../src/ledger/ledger.js';
import { silentLogger } from '../src/log.js';
import { Runtime } from '../src/runtime/run-runtime.js';
import { setFlagPercent } from '../tools/deploy/flags/flag-file.js';
import { flagFileFor } from '../tools/deploy/flags/flag-file-path.js';
import { getDriver } from '../tools/deploy/get-driver.js';
import { freePort } from '../tools/deploy/local/free-port.js';
import type { ToolContext } from '../tools/tool.js';
import { median } from './support/median.js';

const RUNS = 7;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function features(url: string): Promise<boolean> {
  const res = await fetch(`${url}/api/features`, { headers: { 'x-user-id': 'bench-user' } });
  return ((await res.json()) as { features: Record<string, boolean> }).features['new-endpoint']!;
}

export async function run(): Promise<void> {
  const service = resolve(import.meta.dirname, '../examples/service/server.mjs');
  const port = await freePort();
  const version = (v: string) => ({ command: [process.execPath, service], env: { SERVICE_VERSION: v, FLAGS_FILE: '{{flagsFile}}' } });
  const config = SreConfig.parse({
    service: { name: 'bench' },
    environments: { staging: { baseUrl: `http://127.0.0.1:${port}` }, production: { baseUrl: `http://127.0.0.1:${await freePort()}` } },
    deploy: { driver: 'local', local: { versions: { '1.2.0': version('1.2.0'), '1.3.0': version('1.3.0') }, initialVersion: '1.2.0' } },
  });
  const runtime = new Runtime();
  const configDir = mkdtempSync(join(tmpdir(), 'sre-bench-'));
  const ctx: ToolContext = {
    config,
    configDir,
    repoDir: configDir,
    outDir: mkdtempSync(join(tmpdir(), 'sre-bench-out-')),
    runId: 'bench',
    handoff: null,
    ledger: new Ledger(),
    runtime,
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
  const signal = ctx.signal;
  const base = config.environments.staging.baseUrl;
  try {
    const driver = getDriver(ctx);
    const t0 = performance.now();
    await driver.deploy('staging', '1.3.0', { signal });
    const coldDeploy = performance.now() - t0;
    const forward: number[] = [];
    const back: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await driver.switchTo('staging', '1.3.0', { signal });
      forward.push(performance.now() - t);
      t = performance.now();
      await driver.rollback('staging', { signal });
      back.push(performance.now() - t);
    }
    const flagFile = flagFileFor(ctx, 'staging');
    const flagOff: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await setFlagPercent(flagFile, 'new-endpoint', 100);
      while (!(await features(base))) await new Promise((r) => setTimeout(r, 5));
      const t = performance.now();
      await setFlagPercent(flagFile, 'new-endpoint', 0);
      while (await features(base)) await new Promise((r) => setTimeout(r, 1));
      flagOff.push(performance.now() - t);
    }
    console.log('deploy bench (local driver, demo service, loopback)');
    console.log(`  first deploy (proxy + 1.2.0 + 1.3.0, health-gated): ${ms(coldDeploy)}`);
    console.log(`  blue/green switch 1.2.0 → 1.3.0: median ${ms(median(forward))} over ${RUNS} (min ${ms(Math.min(...forward))}, max ${ms(Math.max(...forward))})`);
    console.log(`  rollback 1.3.0 → 1.2.0:          median ${ms(median(back))} over ${RUNS} (min ${ms(Math.min(...back))}, max ${ms(Math.max(...back))})`);
    console.log(`  flag off until the service answers off: median ${ms(median(flagOff))} over ${RUNS} (min ${ms(Math.min(...flagOff))}, max ${ms(Math.max(...flagOff))})`);
    console.log(`  engine peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
  } finally {
    await runtime.close();
  }
}
