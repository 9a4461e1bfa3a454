/**
 * A real Prometheus for tests: a free loopback port, a generated config (scrape interval 1 s) and a temp TSDB.
 * `stop()` must run in afterAll; it kills the process and removes the temp dir.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '../../tools/deploy/local/free-port.js';

export interface PrometheusTarget {
  /** host:port of a /metrics endpoint on 127.0.0.1. */
  address: string;
  labels?: Record<string, string>;
}

export interface PrometheusServer {
  url: string;
  stop(): Promise<void>;
}

/** True when the prometheus binary is on PATH. */
export function prometheusInstalled(): boolean {
  return spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Why Prometheus tests must skip, or null when they can run. Only a missing binary outside CI skips:
 * in CI (CI=true) the tests run and fail loudly if .ci/run did not install it.
 */
export function prometheusSkipReason(): string | null {
  if (prometheusInstalled()) return null;
  if (process.env.CI === 'true' || process.env.CI === '1') return null;
  return 'prometheus is not installed (run scripts/ci/ensure-prometheus.sh); skipping the real-Prometheus tests';
}


/** Start Prometheus scraping `targets` every second (plus `ruleFiles`, copied as given); resolves once /-/ready answers. */
export async function startPrometheus(options: { targets: PrometheusTarget[]; ruleFiles?: string[]; scrapeIntervalSeconds?: number }): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sre-prometheus-'));
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: options.ruleFiles ?? [],
    scrape_configs: [
      {
        job_name: 'service',
        static_configs: options.targets.map((t) => ({ targets: [t.address], labels: t.labels ?? {} })),
      },
    ],
  };
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, stringify(config));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      '--web.enable-lifecycle',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await once(child, 'exit');
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`prometheus did not become ready on ${url} within 30 s: ${stderr}`);
}

/** Wait until `promql` returns a result for which `accept` is true (Prometheus needs a scrape or two). */
export async function waitForQuery(
  url: string,
  promql: string,
  accept: (result: Array<{ metric: Record<string, string>; value: [number, string] }>) => boolean,
  timeoutMs = 20_000,
): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { status: string; data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    last = body;
    if (body.status === 'success' && body.data && accept(body.data.result)) return body.data.result;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`query ${promql} did not reach the expected result within ${timeoutMs} ms; last answer: ${JSON.stringify(last).slice(0, 400)}`);
}
