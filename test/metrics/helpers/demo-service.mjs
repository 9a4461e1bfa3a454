// A small real service instrumented like the seed (prom-client): used by the metrics tests until/besides examples/service.
// Env: PORT (0 = any), VERSION, FAULT_ERROR_RATE (0..1, random 500s), FAULT_ERROR_EVERY (every Nth request fails),
// LATENCY_MS and LATENCY_JITTER_MS (real delay per request), UNHEALTHY_CHECK (a health check that fails), SEED.
import { createServer } from 'node:http';
import client from 'prom-client';

const version = process.env.VERSION ?? '1.0.0';
const faultRate = Number(process.env.FAULT_ERROR_RATE ?? 0);
const faultEvery = Number(process.env.FAULT_ERROR_EVERY ?? 0);
const latencyMs = Number(process.env.LATENCY_MS ?? 0);
const jitterMs = Number(process.env.LATENCY_JITTER_MS ?? 0);
const unhealthy = process.env.UNHEALTHY_CHECK ?? '';

// A seeded PRNG (mulberry32) so a scenario's noise is reproducible run to run.
let seed = Number(process.env.SEED ?? 1) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const registry = new client.Registry();
const requests = new client.Counter({ name: 'http_requests_total', help: 'Total HTTP requests', labelNames: ['method', 'endpoint', 'status', 'version'], registers: [registry] });
const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'endpoint', 'version'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
const activeUsers = new client.Gauge({ name: 'active_users', help: 'Number of active users', registers: [registry] });

let served = 0;
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/metrics') {
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(await registry.metrics());
    return;
  }
  if (url.pathname === '/health') {
    const checks = { database: unhealthy !== 'database', cache: unhealthy !== 'cache', external_api: unhealthy !== 'external_api' };
    const ok = Object.values(checks).every(Boolean);
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'healthy' : 'unhealthy', checks, version }));
    return;
  }
  const end = duration.startTimer({ method: req.method ?? 'GET', endpoint: url.pathname, version });
  // Taken before the delay: concurrent requests must not shift which one fails.
  const n = ++served;
  activeUsers.set(n % 17);
  const delay = latencyMs + (jitterMs > 0 ? random() * jitterMs : 0);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const fail = (faultEvery > 0 && n % faultEvery === 0) || (faultRate > 0 && random() < faultRate);
  const status = fail ? 500 : 200;
  requests.inc({ method: req.method ?? 'GET', endpoint: url.pathname, status: String(status), version });
  end();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: !fail, version }));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: server.address().port, version })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
