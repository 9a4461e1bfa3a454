/**
 * The weighted reverse proxy of one environment, run as its own detached node process so the service keeps answering
 * when the engine dies. Traffic goes to versions by weight (sticky per `x-user-id`, random otherwise).
 * A loopback admin API (bearer token from SRE_PROXY_TOKEN) reads the state and sets targets and weights atomically.
 *
 * Environment: SRE_PROXY_PORT (public port), SRE_PROXY_HOST (default 127.0.0.1), SRE_PROXY_TOKEN, SRE_PROXY_READY_FILE
 * (written as JSON {pid, port, adminPort} once listening, or {error} when it cannot listen).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createProxyServer } from 'http-proxy-3';

interface Target {
  url: string;
  weight: number;
}

interface Counters {
  inflight: number;
  requests: number;
  failures: number;
}

const port = Number(process.env.SRE_PROXY_PORT);
const host = process.env.SRE_PROXY_HOST ?? '127.0.0.1';
const token = process.env.SRE_PROXY_TOKEN ?? '';
const readyFile = process.env.SRE_PROXY_READY_FILE ?? '';

let targets = new Map<string, Target>();
const counters = new Map<string, Counters>();
const startedAt = new Date().toISOString();

/** Write the ready file atomically so the engine never reads half of it. */
function announce(value: Record<string, unknown>): void {
  if (!readyFile) return;
  writeFileSync(`${readyFile}.tmp`, JSON.stringify(value));
  renameSync(`${readyFile}.tmp`, readyFile);
}

function countersOf(version: string): Counters {
  let c = counters.get(version);
  if (!c) counters.set(version, (c = { inflight: 0, requests: 0, failures: 0 }));
  return c;
}

/** Pick a version by weight; the same user id always lands in the same bucket for a given set of weights. */
function pick(userId: string | undefined): [string, Target] | null {
  const live = [...targets.entries()].filter(([, t]) => t.weight > 0);
  const total = live.reduce((sum, [, t]) => sum + t.weight, 0);
  if (total <= 0) return null;
  const point = userId ? (createHash('sha1').update(userId).digest().readUInt32BE(0) / 2 ** 32) * total : Math.random() * total;
  let sum = 0;
  for (const entry of live) {
    sum += entry[1].weight;
    if (point < sum) return entry;
  }
  return live[live.length - 1]!;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function state() {
  return {
    pid: process.pid,
    startedAt,
    targets: Object.fromEntries([...targets.entries()].map(([v, t]) => [v, { ...t, ...countersOf(v) }])),
    weights: Object.fromEntries([...targets.entries()].filter(([, t]) => t.weight > 0).map(([v, t]) => [v, t.weight])),
    counters: Object.fromEntries(counters.entries()),
  };
}

/** Validate a PUT /routes body: every version with a loopback http URL, weights summing to 100 (or nothing routed). */
function parseRoutes(body: unknown): Map<string, Target> | string {
  if (typeof body !== 'object' || body === null) return 'expected a JSON object {targets: {version: {url, weight}}}';
  const raw = (body as { targets?: unknown }).targets;
  if (typeof raw !== 'object' || raw === null) return 'expected field targets to be an object';
  const next = new Map<string, Target>();
  let total = 0;
  for (const [version, value] of Object.entries(raw as Record<string, unknown>)) {
    const t = value as Partial<Target>;
    if (typeof t.url !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+$/.test(t.url)) return `targets.${version}.url must be http://127.0.0.1:PORT`;
    if (typeof t.weight !== 'number' || t.weight < 0 || t.weight > 100) return `targets.${version}.weight must be 0..100`;
    next.set(version, { url: t.url, weight: t.weight });
    total += t.weight;
  }
  if (total !== 0 && Math.abs(total - 100) > 1e-9) return `weights must sum to 100, got ${total}`;
  return next;
}

function authorized(req: http.IncomingMessage): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const expected = Buffer.from(`Bearer ${token}`);
  return token.length > 0 && given.length === expected.length && timingSafeEqual(given, expected);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const proxy = createProxyServer({ agent, xfwd: true, proxyTimeout: 60_000 });

const server = http.createServer((req, res) => {
  const chosen = pick(typeof req.headers['x-user-id'] === 'string' ? req.headers['x-user-id'] : undefined);
  if (!chosen) return sendJson(res, 503, { error: 'no version is receiving traffic' });
  const [version, target] = chosen;
  const c = countersOf(version);
  c.inflight += 1;
  c.requests += 1;
  res.once('close', () => {
    c.inflight -= 1;
  });
  res.setHeader('x-served-version', version);
  proxy.web(req, res, { target: target.url }, (error) => {
    c.failures += 1;
    if (!res.headersSent) sendJson(res, 502, { error: `version ${version} did not answer: ${(error as Error).message}` });
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;

const admin = http.createServer((req, res) => {
  if (!authorized(req)) return sendJson(res, 401, { error: 'missing or wrong bearer token' });
  if (req.method === 'GET' && req.url === '/state') return sendJson(res, 200, state());
  if (req.method === 'POST' && req.url === '/shutdown') {
    sendJson(res, 200, { stopping: true });
    return shutdown();
  }
  if (req.method === 'PUT' && req.url === '/routes') {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return sendJson(res, 400, { error: 'body is not JSON' });
      }
      const next = parseRoutes(body);
      if (typeof next === 'string') return sendJson(res, 400, { error: next });
      targets = next; // one assignment: a request sees the old routes or the new ones, never a mix
      return sendJson(res, 200, state());
    });
    return;
  }
  return sendJson(res, 404, { error: `unknown admin route ${req.method} ${req.url}` });
});

function shutdown(): void {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  admin.close();
  setTimeout(() => process.exit(0), 10_000).unref();
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.once('error', (error: NodeJS.ErrnoException) => {
  announce({ error: error.code ?? 'ERROR', message: error.message });
  process.exit(1);
});
server.listen(port, host, () => {
  admin.listen(0, '127.0.0.1', () => {
    const address = admin.address();
    announce({ pid: process.pid, port, adminPort: typeof address === 'object' && address ? address.port : 0 });
  });
});
