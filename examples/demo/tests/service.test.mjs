// The demo service's own test suite (what QA ran in step 6, and what ci_run_tests runs again in step 7).
// It starts the real service as a process on a free loopback port and checks its contract.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

// The service lives in examples/service; the demo may run from examples/demo or from a working copy in out/demo.
const SERVICE =
  process.env.DEMO_SERVICE ??
  ['../../service/server.mjs', '../../../examples/service/server.mjs']
    .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
    .find((file) => existsSync(file));

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startService(version, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVICE], { env: { ...process.env, PORT: String(port), SERVICE_VERSION: version, ...env }, stdio: 'ignore' });
  // If this test process dies (crashed reporter, killed runner), do not leave the service behind.
  process.once('exit', () => child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200) return { base, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`service ${version} did not become healthy on ${base}`);
}

describe('demo service v1.3.0', () => {
  let svc;
  const flags = join(mkdtempSync(join(tmpdir(), 'demo-flags-')), 'flags.json');
  before(async () => {
    writeFileSync(flags, JSON.stringify({ flags: { 'new-endpoint': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } }));
    svc = await startService('1.3.0', { FLAGS_FILE: flags });
  });
  after(async () => svc?.stop());

  it('answers /health in the seed shape with its version', async () => {
    const res = await fetch(`${svc.base}/health`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'healthy');
    assert.deepEqual(Object.keys(body.checks).sort(), ['cache', 'database', 'external_api']);
    assert.equal(body.version, '1.3.0');
  });

  it('exposes the seed metrics on /metrics', async () => {
    await fetch(`${svc.base}/api/items`);
    const text = await (await fetch(`${svc.base}/metrics`)).text();
    assert.match(text, /http_requests_total\{[^}]*version="1.3.0"/);
    assert.match(text, /http_request_duration_seconds_bucket/);
    assert.match(text, /active_users/);
  });

  it('keeps the new endpoint off while the flag is off', async () => {
    const res = await fetch(`${svc.base}/api/features`, { headers: { 'x-user-id': 'u1' } });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(JSON.stringify(body).includes('true'), false);
  });

  it('lists catalog items', async () => {
    const res = await fetch(`${svc.base}/api/items`);
    assert.equal(res.status, 200);
    assert.ok(Array.isArray((await res.json()).items));
  });
});

describe('demo service v1.2.0', () => {
  it('reports version 1.2.0', async () => {
    const svc = await startService('1.2.0');
    try {
      const body = await (await fetch(`${svc.base}/health`)).json();
      assert.equal(body.version, '1.2.0');
    } finally {
      await svc.stop();
    }
  });
});
