/**
 * Rollback bench on the local driver with the demo service, through the rollback tools themselves:
 * flag-off path (rollback_execute feature_flag until the running service answers "off" for sampled users) and
 * blue/green switch-back path (rollback_execute blue_green until /health answers the previous version 3 times in a row),
 * plus a whole rollback_verify drill. Medians over several runs; targets: flag off < 1 s, switch back < 2 s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SreConfig } from '../schemas/config.js';
import { QaHandoff } from '../schemas/qa-handoff.js';
import { Ledger } from '../src/ledger/ledger.js';
import { silentLogger } from '../src/log.js';
import { Runtime } from '../src/runtime/run-runtime.js';
import { setFlagPercent } from '../tools/deploy/flags/flag-file.js';
import { flagFileFor } from '../tools/deploy/flags/flag-file-path.js';
import { getDriver } from '../tools/deploy/get-driver.js';
import { freePort } from '../tools/deploy/local/free-port.js';
import { rollbackExecuteTool } from '../tools/rollback/rollback-execute.js';
import { rollbackVerifyTool } from '../tools/rollback/rollback-verify.js';
import { waitForVersion } from '../tools/rollback/wait-for-version.js';
import type { ToolContext } from '../tools/tool.js';
import { median } from './support/median.js';

const RUNS = 9;
const DRILLS = 3;
const SAMPLED_USERS = 20;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n=${xs.length})`;

/** True when the service answers the flag off for every sampled user. */
async function flagOffForAll(base: string): Promise<boolean> {
  for (let u = 0; u < SAMPLED_USERS; u += 1) {
    const res = await fetch(`${base}/api/features`, { headers: { 'x-user-id': `bench-${u}` }, signal: AbortSignal.timeout(5_000) });
    if (((await res.json()) as { features: Record<string, boolean> }).features['new-endpoint'] !== false) return false;
  }
  return true;
}

export async function run(): Promise<void> {
  const service = resolve(import.meta.dirname, '../examples/service/server.mjs');
  const version = (v: string) => ({ command: [process.execPath, service], env: { SERVICE_VERSION: v, FLAGS_FILE: '{{flagsFile}}' } });
  const config = SreConfig.parse({
    service: { name: 'bench' },
    environments: { staging: { baseUrl: `http://127.0.0.1:${await freePort()}` }, production: { baseUrl: `http://127.0.0.1:${await freePort()}` } },
    deploy: { driver: 'local', local: { versions: { '1.2.0': version('1.2.0'), '1.3.0': version('1.3.0') }, initialVersion: '1.2.0' } },
  });
  const handoff = QaHandoff.parse({
    release: { version: '1.3.0', commit: 'abc1234', branch: 'main', previousVersion: '1.2.0' },
    qa: { verdict: 'approved' },
    claims: { tests: { passed: 1, total: 1 }, coverage: { lines: 90 } },
    featureFlags: [{ key: 'new-endpoint' }],
  });
  const runtime = new Runtime();
  const configDir = mkdtempSync(join(tmpdir(), 'sre-bench-rollback-'));
  const ctx: ToolContext = {
    config,
    configDir,
    repoDir: configDir,
    outDir: mkdtempSync(join(tmpdir(), 'sre-bench-rollback-out-')),
    runId: 'bench-rollback',
    handoff: { data: handoff, file: null, dir: configDir },
    ledger: new Ledger(),
    runtime,
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
  const signal = ctx.signal;
  const base = config.environments.staging.baseUrl;
  const flagFile = flagFileFor(ctx, 'staging');
  const execute = (scenario: 'feature_flag' | 'blue_green') =>
    rollbackExecuteTool.handler(rollbackExecuteTool.input.parse({ environment: 'staging', scenario }), ctx);
  try {
    const driver = getDriver(ctx);
    await driver.deploy('staging', '1.3.0', { signal });
    await driver.switchTo('staging', '1.3.0', { signal });
    await setFlagPercent(flagFile, 'new-endpoint', 100);

    const flagOff: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      await setFlagPercent(flagFile, 'new-endpoint', 100);
      const t0 = performance.now();
      const out = await execute('feature_flag');
      let seen = false;
      while (!(seen = await flagOffForAll(base)) && performance.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
      if (!out.done || !seen) throw new Error(`flag-off run ${i + 1}: the service did not answer the flag off within 10 s`);
      flagOff.push(performance.now() - t0);
    }
    await setFlagPercent(flagFile, 'new-endpoint', 100);

    const switchBack: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      await execute('blue_green');
      const wait = await waitForVersion(ctx, 'staging', '1.2.0', { intervalMs: 5 });
      if (!wait.ok) throw new Error(`switch-back run ${i + 1}: ${wait.detail}`);
      switchBack.push(performance.now() - t0);
      await driver.switchTo('staging', '1.3.0', { signal }); // roll forward again, not timed
      const forward = await waitForVersion(ctx, 'staging', '1.3.0', { intervalMs: 5 });
      if (!forward.ok) throw new Error(`roll-forward after run ${i + 1}: ${forward.detail}`);
    }

    const drills: number[] = [];
    const drillRollback: Record<string, number[]> = { feature_flag: [], blue_green: [] };
    for (let i = 0; i < DRILLS; i += 1) {
      const out = await rollbackVerifyTool.handler(rollbackVerifyTool.input.parse({}), ctx);
      if (!out.verified) throw new Error(`rollback_verify run ${i + 1} not verified: ${out.scenarios.map((s) => s.detail).join(' / ')}`);
      drills.push(out.totalMs);
      for (const s of out.scenarios) if (s.rollbackMs !== null) drillRollback[s.scenario]!.push(s.rollbackMs);
    }

    console.log('rollback bench (local driver, demo service, loopback)');
    console.log(`  flag-off path (rollback_execute feature_flag → service answers off for ${SAMPLED_USERS} users): ${fmt(flagOff)}; target < 1000 ms`);
    console.log(`  blue/green switch-back path (rollback_execute blue_green → /health answers 1.2.0 ×3): ${fmt(switchBack)}; target < 2000 ms`);
    console.log(`  rollback_verify whole drill (flag off+on, switch back+forward, all checks): ${fmt(drills)}`);
    console.log(`  rollback_verify measured rollbackMs: feature_flag ${fmt(drillRollback.feature_flag!)}; blue_green ${fmt(drillRollback.blue_green!)}`);
    console.log(`  engine peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
  } finally {
    await runtime.close();
  }
}
