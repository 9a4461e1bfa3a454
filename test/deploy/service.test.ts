/** The demo service: the seed's health body, Prometheus metrics, and a flag that follows its flagd file live. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { waitHealthy } from '../../tools/deploy/local/wait-healthy.js';
import { SERVICE } from './helpers/demo-config.js';
import { freePorts } from './helpers/ports.js';

const flagsFile = join(mkdtempSync(join(tmpdir(), 'sre-service-')), 'flags.json');
let child: ChildProcess;
let base: string;

const features = async (user: string) =>
  ((await (await fetch(`${base}/api/features`, { headers: { 'x-user-id': user } })).json()) as { features: Record<string, boolean> }).features['new-endpoint'];

describe('demo service', () => {
  beforeAll(async () => {
    await setFlagPercent(flagsFile, 'new-endpoint', 0);
    const [port] = await freePorts(1);
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [SERVICE], { env: { PATH: process.env.PATH, PORT: String(port), SERVICE_VERSION: '1.3.0', FLAGS_FILE: flagsFile, FAULT_HEALTH: '' }, stdio: 'ignore' });
    const gate = await waitHealthy(`${base}/health`, { timeoutMs: 15_000 });
    expect(gate.healthy).toBe(true);
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });

  it('answers /health in the seed shape with its version', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'healthy', checks: { database: true, cache: true, external_api: true }, version: '1.3.0' });
  });

  it('exposes request counters with version labels, a latency histogram and active users on /metrics', async () => {
    await fetch(`${base}/api/items`, { headers: { 'x-user-id': 'metrics-user' } });
    await new Promise((r) => setTimeout(r, 1_100)); // the active_users gauge refreshes every second
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/^http_requests_total\{method="GET",endpoint="\/api\/items",status="200",version="1\.3\.0"\} 1$/m);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0\.005",method="GET",endpoint="\/api\/items",version="1\.3\.0"\} \d+$/m);
    expect(text).toMatch(/^active_users [1-9]\d*$/m);
  });

  it('follows the flag file: off, on for about half the users (sticky), then on for all', async () => {
    const users = Array.from({ length: 200 }, (_, i) => `u-${i}`);
    expect((await Promise.all(users.map(features))).filter(Boolean)).toHaveLength(0);
    await setFlagPercent(flagsFile, 'new-endpoint', 50);
    const half = await Promise.all(users.map(features));
    const on = half.filter(Boolean).length;
    expect(on).toBeGreaterThan(70);
    expect(on).toBeLessThan(130);
    expect(await Promise.all(users.map(features))).toEqual(half);
    await setFlagPercent(flagsFile, 'new-endpoint', 100);
    expect((await Promise.all(users.map(features))).every(Boolean)).toBe(true);
  });
});
