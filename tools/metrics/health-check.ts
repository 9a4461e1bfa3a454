/** health_check: ask an environment's health endpoint and judge its answer against the seed's health body. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { parseHealthBody } from '../deploy/health-body.js';
import { httpRequest } from '../shared/http-request.js';

export const healthCheckTool = defineTool({
  name: 'health_check',
  title: 'Health check',
  description:
    'GET the health endpoint of an environment (environments.<env>.baseUrl + healthPath) and judge it: healthy only when it answers ' +
    'HTTP 200 with the seed body {status: "healthy", checks: {database, cache, external_api, …}, version} and every check true. ' +
    'Use after a deploy, a switch or a rollback. Returns status healthy | unhealthy | unreachable, the HTTP status, the version ' +
    'the service reports, each check, the time taken and why it is not healthy.',
  input: z.object({
    environment: z.enum(['staging', 'production']).describe('Which environment to check'),
  }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    url: z.string(),
    status: z.enum(['healthy', 'unhealthy', 'unreachable']),
    httpStatus: z.number().int().nullable(),
    version: z.string().nullable(),
    checks: z.record(z.string(), z.boolean()),
    durationMs: z.number(),
    detail: z.string(),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  handler: async ({ environment }, ctx) => {
    const env = ctx.config.environments[environment];
    const url = new URL(env.healthPath, env.baseUrl.endsWith('/') ? env.baseUrl : `${env.baseUrl}/`).toString();
    const response = await httpRequest(url, { timeoutMs: ctx.config.limits.httpTimeoutMs, signal: ctx.signal, maxBodyChars: 64_000 });
    const base = { environment, url, httpStatus: response.status, durationMs: response.durationMs };
    if (response.status === null) {
      return { ...base, status: 'unreachable' as const, version: null, checks: {}, detail: `no answer from ${url}: ${response.error}` };
    }
    const parsed = parseHealthBody(response.body);
    if (!parsed.ok) {
      return { ...base, status: 'unhealthy' as const, version: null, checks: {}, detail: `HTTP ${response.status} from ${url}; ${parsed.reason}` };
    }
    const { body } = parsed;
    const failing = Object.entries(body.checks)
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    const problems: string[] = [];
    if (response.status !== 200) problems.push(`HTTP ${response.status} (expected 200)`);
    if (body.status !== 'healthy') problems.push(`body status ${body.status}`);
    if (failing.length > 0) problems.push(`failing checks: ${failing.join(', ')}`);
    const healthy = problems.length === 0;
    return {
      ...base,
      status: healthy ? ('healthy' as const) : ('unhealthy' as const),
      version: body.version,
      checks: { ...body.checks },
      detail: healthy ? `HTTP 200 from ${url}: version ${body.version}, all ${Object.keys(body.checks).length} checks pass` : `${url}: ${problems.join('; ')}`,
    };
  },
});
