/** smoke_test on configured endpoints: a version that fails some API requests fails its smoke test. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeTestTool } from '../../tools/deploy/smoke-test.js';
import { makeToolContext } from '../helpers/tool-context.js';

let server: http.Server;
let base = '';
let calls = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'healthy', checks: { database: true, cache: true, external_api: true }, version: '1.3.0' }));
      return;
    }
    calls += 1;
    // Every third API request fails, as a faulty release would.
    res.writeHead(req.url === '/api/items' && calls % 3 === 0 ? 500 : 200).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function context(paths: string[]) {
  const ctx = makeToolContext({
    config: {
      service: { name: 'demo' },
      environments: { staging: { baseUrl: base }, production: { baseUrl: base } },
      deploy: { driver: 'command' },
      smoke: { paths, requestsPerPath: 6 },
    },
  });
  ctx.ledger.append({ kind: 'tool_call', tool: 'deploy_execute', input: { environment: 'staging' }, output: { environment: 'staging', version: '1.3.0', healthy: true }, ok: true, startedAt: new Date().toISOString(), durationMs: 1 });
  return ctx;
}

describe('smoke_test with sre.yaml smoke.paths', () => {
  it('fails when an endpoint answers 5xx to some requests, and says how many', async () => {
    calls = 0;
    const ctx = context(['/api/items']);
    const out = await smokeTestTool.handler({ environment: 'staging' }, ctx);
    expect(out.passed).toBe(false);
    const check = out.checks.find((c) => c.name === 'GET /api/items')!;
    expect(check).toMatchObject({ passed: false, detail: '4/6 answered 2xx; failures: 500' });
    await ctx.runtime.close();
  });

  it('passes when every request answers 2xx', async () => {
    const ctx = context(['/api/other']);
    const out = await smokeTestTool.handler({ environment: 'staging' }, ctx);
    expect(out.checks.map((c) => c.name)).toEqual(['health', 'database', 'cache', 'external_api', 'version', 'GET /api/other']);
    expect(out.passed).toBe(true);
    await ctx.runtime.close();
  });
});
