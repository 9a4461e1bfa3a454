/**
 * The simulated service on loopback: one real HTTP server per environment (free ports on 127.0.0.1) whose /health
 * and /metrics answer from the SimWorld, plus the team's webhook channel. Health checks, smoke tests, scrapes and
 * notifications therefore travel the same HTTP paths as against a real deployment.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnvironmentName } from '../../tools/deploy/driver.js';
import type { SimWorld } from './sim-world.js';
import { addCounts, intervalCounts, scriptedInterval, type IntervalCounts } from './traffic.js';

export interface SimEndpoints {
  staging: string;
  production: string;
  /** Team channel webhook URL. */
  webhook: string;
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** The exposition an environment serves: the first scripted interval of every version receiving traffic. */
export function exposition(world: SimWorld, environment: EnvironmentName): string {
  const lines = ['# HELP active_users Users seen in the last 5 minutes', '# TYPE active_users gauge', 'active_users 42'];
  if (world.script.missingMetrics) return `${lines.join('\n')}\n`;
  lines.push('# HELP http_requests_total Total HTTP requests', '# TYPE http_requests_total counter');
  const histogram: string[] = ['# HELP http_request_duration_seconds HTTP request duration', '# TYPE http_request_duration_seconds histogram'];
  const serving = Object.entries(world.state(environment).weights).filter(([, w]) => w > 0);
  for (const [version] of serving) {
    const interval = scriptedInterval(world.script, version, 0) ?? { requests: 100, errorRate: 0, latencyP95: 0.2 };
    const counts: IntervalCounts = addCounts(null, intervalCounts(interval));
    const labels = `method="GET",endpoint="/api/features",version="${version}"`;
    lines.push(`http_requests_total{${labels},status="200"} ${counts.requests - counts.errors}`);
    lines.push(`http_requests_total{${labels},status="500"} ${counts.errors}`);
    for (const bucket of counts.buckets) histogram.push(`http_request_duration_seconds_bucket{${labels},le="${bucket.le}"} ${bucket.count}`);
    histogram.push(`http_request_duration_seconds_sum{${labels}} ${(counts.requests * interval.latencyP95 * 0.5).toFixed(3)}`);
    histogram.push(`http_request_duration_seconds_count{${labels}} ${counts.requests}`);
  }
  return `${[...lines, ...histogram].join('\n')}\n`;
}

export class SimService {
  private servers: Server[] = [];
  /** Bodies the team channel received. */
  readonly notifications: unknown[] = [];
  endpoints: SimEndpoints | null = null;

  constructor(private readonly world: SimWorld) {}

  async start(): Promise<SimEndpoints> {
    const env = (environment: EnvironmentName) => (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/health') {
        const answer = this.world.health(environment);
        res.writeHead(answer.httpStatus, { 'content-type': 'application/json' });
        res.end(answer.body ? JSON.stringify(answer.body) : '{"error":"nothing deployed"}');
      } else if (path === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(exposition(this.world, environment));
      } else {
        res.writeHead(404).end();
      }
    };
    const webhook = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          this.notifications.push(JSON.parse(text));
        } catch {
          this.notifications.push(text);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    };
    const [staging, production, channel] = await Promise.all([listen(env('staging')), listen(env('production')), listen(webhook)]);
    this.servers = [staging, production, channel];
    this.endpoints = { staging: urlOf(staging), production: urlOf(production), webhook: `${urlOf(channel)}/hooks/release` };
    return this.endpoints;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
    this.servers = [];
  }
}
