/**
 * The demo service step 7 deploys: one HTTP server, two versions (SERVICE_VERSION 1.2.0 or 1.3.0).
 * Routes: GET /health (the seed's body; 503 when a check fails), GET /metrics (prom-client),
 * GET /api/features (flag `new-endpoint` through OpenFeature + flagd-core, sticky per `x-user-id`),
 * GET /api/new-endpoint (1.3.0 only, behind the flag), GET /api/items.
 *
 * Environment: PORT, SERVICE_VERSION, FLAGS_FILE (flagd JSON), DATA_FILE (default data/catalog.json),
 * FAULT_ERROR_RATE (0..1 share of API requests answered 500) and FAULT_LATENCY_MS, applied when SERVICE_VERSION
 * is 1.3.0 or FAULT_ALL=1; FAULT_HEALTH=database|cache|external_api makes that check fail; EXTERNAL_API_URL is probed
 * by the external_api check when set.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { OpenFeature } from '@openfeature/server-sdk';
import client from 'prom-client';
import { FlagFileProvider } from './flag-provider.mjs';

const VERSIONS = ['1.2.0', '1.3.0'];
const version = process.env.SERVICE_VERSION ?? '1.2.0';
if (!VERSIONS.includes(version)) {
  console.error(JSON.stringify({ level: 'fatal', msg: `SERVICE_VERSION must be one of ${VERSIONS.join(', ')}, got ${version}` }));
  process.exit(2);
}
const port = Number(process.env.PORT ?? 8080);
const dataFile = process.env.DATA_FILE ?? fileURLToPath(new URL('./data/catalog.json', import.meta.url));
const faultsOn = version === '1.3.0' || process.env.FAULT_ALL === '1';
const errorRate = faultsOn ? Math.min(1, Math.max(0, Number(process.env.FAULT_ERROR_RATE ?? 0))) : 0;
const latencyMs = faultsOn ? Math.max(0, Number(process.env.FAULT_LATENCY_MS ?? 0)) : 0;
const failingCheck = process.env.FAULT_HEALTH ?? '';

/** @param {Record<string, unknown>} fields */
const log = (fields) => console.log(JSON.stringify({ time: new Date().toISOString(), version, ...fields }));

// Metrics in the seed's names, with the version label so a canary can be told apart.
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const requestsTotal = new client.Counter({
  name: 'http_requests_total',
  help: 'Total HTTP requests',
  labelNames: ['method', 'endpoint', 'status', 'version'],
  registers: [registry],
});
const requestDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'endpoint', 'version'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
const activeUsers = new client.Gauge({ name: 'active_users', help: 'Users seen in the last 5 minutes', registers: [registry] });
/** @type {Map<string, number>} user id → last seen (ms) */
const lastSeen = new Map();

const provider = new FlagFileProvider(process.env.FLAGS_FILE);
await OpenFeature.setProviderAndWait(provider);
const flags = OpenFeature.getClient();

/** @type {Map<string, string>} */
const cache = new Map();

/** Database check: the data file is readable and holds a non-empty item list. */
function checkDatabase() {
  if (failingCheck === 'database') return false;
  try {
    const data = JSON.parse(readFileSync(dataFile, 'utf8'));
    return Array.isArray(data.items) && data.items.length > 0;
  } catch {
    return false;
  }
}

/** Cache check: a write and read-back through the in-process cache. */
function checkCache() {
  if (failingCheck === 'cache') return false;
  const key = `health:${Date.now()}`;
  cache.set(key, 'ok');
  const ok = cache.get(key) === 'ok';
  cache.delete(key);
  return ok;
}

/** External API check: EXTERNAL_API_URL answers 2xx within 1 s (no dependency configured counts as healthy). */
async function checkExternalApi() {
  if (failingCheck === 'external_api') return false;
  const url = process.env.EXTERNAL_API_URL;
  if (!url) return true;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} path */
async function route(req, res, path) {
  if (path === '/health') {
    const checks = { database: checkDatabase(), cache: checkCache(), external_api: await checkExternalApi() };
    const healthy = Object.values(checks).every(Boolean);
    return json(res, healthy ? 200 : 503, { status: healthy ? 'healthy' : 'unhealthy', checks, version });
  }
  if (path === '/metrics') {
    res.writeHead(200, { 'content-type': registry.contentType });
    return res.end(await registry.metrics());
  }
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  if (errorRate > 0 && Math.random() < errorRate) return json(res, 500, { error: 'injected fault', version });
  const user = typeof req.headers['x-user-id'] === 'string' ? req.headers['x-user-id'] : undefined;
  if (path === '/api/features') {
    const details = await flags.getBooleanDetails('new-endpoint', false, user ? { targetingKey: user } : {});
    return json(res, 200, { version, user: user ?? null, features: { 'new-endpoint': details.value }, variant: details.variant ?? null, reason: details.reason ?? null });
  }
  if (path === '/api/new-endpoint' && version === '1.3.0') {
    const on = await flags.getBooleanValue('new-endpoint', false, user ? { targetingKey: user } : {});
    if (on) return json(res, 200, { version, message: 'the new endpoint' });
  }
  if (path === '/api/items') {
    const data = JSON.parse(readFileSync(dataFile, 'utf8'));
    return json(res, 200, { version, items: data.items });
  }
  return json(res, 404, { error: `no route ${req.method} ${path}` });
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const endpoint = ['/health', '/metrics', '/api/features', '/api/new-endpoint', '/api/items'].includes(path) ? path : 'other';
  const stop = requestDuration.startTimer({ method: req.method, endpoint, version });
  const user = req.headers['x-user-id'];
  if (typeof user === 'string') lastSeen.set(user, Date.now());
  res.once('finish', () => {
    stop();
    requestsTotal.inc({ method: req.method, endpoint, status: String(res.statusCode), version });
  });
  route(req, res, path).catch((error) => {
    log({ level: 'error', msg: 'request failed', path, error: String(error) });
    if (!res.headersSent) json(res, 500, { error: 'internal error' });
  });
});
server.keepAliveTimeout = 65_000;

setInterval(() => {
  const cutoff = Date.now() - 5 * 60_000;
  for (const [user, at] of lastSeen) if (at < cutoff) lastSeen.delete(user);
  activeUsers.set(lastSeen.size);
}, 1_000).unref();

/** Graceful stop: no new connections, finish in-flight requests, then exit (forced after 10 s). */
function shutdown(signal) {
  log({ level: 'info', msg: 'stopping', signal });
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

server.on('error', (error) => {
  log({ level: 'fatal', msg: 'cannot listen', port, error: String(error) });
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => log({ level: 'info', msg: 'listening', port, flagsFile: process.env.FLAGS_FILE ?? null }));
