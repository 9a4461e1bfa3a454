/** Real services on loopback for the observability tests: the example service, and prom-client registries of other shapes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import client from 'prom-client';
import { freePort } from '../../../tools/deploy/local/free-port.js';

export const EXAMPLE_SERVICE = fileURLToPath(new URL('../../../examples/service/server.mjs', import.meta.url));

/** True when the rule tests may skip: no promtool here and not in CI (where .ci/run installs it). */
export async function promtoolMissing(): Promise<boolean> {
  const { runCommand } = await import('../../../tools/shared/run-command.js');
  const probe = await runCommand(['promtool', '--version'], { cwd: process.cwd(), timeoutMs: 10_000 });
  if (!probe.notFound) return false;
  if (process.env.CI === 'true') throw new Error('promtool is missing in CI: .ci/run must install it (scripts/ci/ensure-prometheus.sh)');
  return true;
}


export interface RunningService {
  base: string;
  stop(): Promise<void>;
}

/** Start examples/service/server.mjs on a free loopback port and wait until /health answers. */
export async function startExampleService(env: Record<string, string> = {}): Promise<RunningService> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [EXAMPLE_SERVICE], { env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env }, stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`, { signal: AbortSignal.timeout(1_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`example service did not answer ${base}/health within 15 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Serve a prom-client registry on a free loopback port (a service of a shape the example service does not have). */
export async function serveRegistry(registry: client.Registry): Promise<RunningService> {
  const server: Server = createServer(async (req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(await registry.metrics());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A registry with the seed's request counter and (optionally) a latency histogram with these buckets. */
export function seedRegistry(options: { buckets?: number[] | null; extra?: (registry: client.Registry) => void } = {}): client.Registry {
  const registry = new client.Registry();
  const requests = new client.Counter({ name: 'http_requests_total', help: 'Total HTTP requests', labelNames: ['method', 'endpoint', 'status'], registers: [registry] });
  requests.inc({ method: 'GET', endpoint: '/api/items', status: '200' });
  if (options.buckets !== null) {
    const duration = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'endpoint'],
      buckets: options.buckets ?? [0.1, 0.5, 1, 2.5],
      registers: [registry],
    });
    duration.observe({ method: 'GET', endpoint: '/api/items' }, 0.2);
  }
  new client.Gauge({ name: 'active_users', help: 'Active users', registers: [registry] }).set(1);
  options.extra?.(registry);
  return registry;
}
