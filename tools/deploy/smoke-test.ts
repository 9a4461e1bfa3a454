/** smoke_test: hit an environment's health endpoint and check each dependency and the version deployed there. */
import { z } from 'zod';
import { defineTool, type ToolContext } from '../tool.js';
import { EnvironmentInput } from './deploy-state-schema.js';
import type { EnvironmentName } from './driver.js';
import { getDriver } from './get-driver.js';
import { parseHealthBody } from './health-body.js';
import { httpRequest } from '../shared/http-request.js';

const CheckName = z.string().describe('health, database, cache, external_api, version, or GET <path> for configured smoke paths');

/** Versions the environment should answer with: those receiving traffic, else the last version deploy_execute shipped there. */
async function expectedVersions(ctx: ToolContext, environment: EnvironmentName): Promise<string[]> {
  try {
    const state = await getDriver(ctx).status(environment, { signal: ctx.signal });
    const serving = Object.entries(state.weights).filter(([, w]) => w > 0).map(([v]) => v);
    if (serving.length > 0) return serving;
    if (state.activeVersion) return [state.activeVersion];
  } catch {
    // No driver (or it cannot report): fall back to the ledger.
  }
  const last = ctx.ledger.lastOk<{ environment: string; version: string }>('deploy_execute', (o) => o.environment === environment);
  return last ? [(last.output as { version: string }).version] : [];
}

/** Configured smoke paths (sre.yaml `smoke.paths`): each request must answer 2xx; a faulty version fails here, before production. */
async function endpointChecks(ctx: ToolContext, baseUrl: string): Promise<Array<{ name: string; passed: boolean; detail: string }>> {
  const out: Array<{ name: string; passed: boolean; detail: string }> = [];
  for (const path of ctx.config.smoke.paths) {
    const url = `${baseUrl.replace(/\/$/, '')}${path}`;
    const statuses: Array<number | null> = [];
    for (let i = 0; i < ctx.config.smoke.requestsPerPath; i += 1) {
      // Different users, so a flag rollout or a canary split is sampled too.
      const res = await httpRequest(url, { timeoutMs: ctx.config.limits.httpTimeoutMs, signal: ctx.signal, headers: { 'x-user-id': `smoke-${i}` } });
      statuses.push(res.status);
    }
    const bad = statuses.filter((s) => s === null || s < 200 || s >= 300);
    out.push({
      name: `GET ${path}`,
      passed: bad.length === 0,
      detail: `${statuses.length - bad.length}/${statuses.length} answered 2xx${bad.length ? `; failures: ${[...new Set(bad.map((s) => s ?? 'no answer'))].join(', ')}` : ''}`,
    });
  }
  return out;
}

export const smokeTestTool = defineTool({
  name: 'smoke_test',
  title: 'Smoke-test an environment',
  description:
    'Smoke-test staging or production through its public base URL: the health endpoint must answer 200 with the seed\'s body ' +
    '({status, checks: {database, cache, external_api}, version}), every dependency check must be true, and the version must be ' +
    'the one deployed there; then every path in sre.yaml smoke.paths is requested several times and must answer 2xx. ' +
    'Returns passed and one result per check (health, database, cache, external_api, version, GET <path>) with details.',
  input: z.object({ environment: EnvironmentInput }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    passed: z.boolean(),
    version: z.string().nullable().describe('Version the service reported'),
    checks: z.array(z.object({ name: CheckName, passed: z.boolean(), detail: z.string() })),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  handler: async (input, ctx) => {
    const env = ctx.config.environments[input.environment];
    const url = `${env.baseUrl.replace(/\/$/, '')}${env.healthPath}`;
    const res = await httpRequest(url, { timeoutMs: ctx.config.limits.httpTimeoutMs, signal: ctx.signal });
    const checks: Array<{ name: string; passed: boolean; detail: string }> = [];
    const parsed = res.status === null ? null : parseHealthBody(res.body);
    const body = parsed?.ok ? parsed.body : null;
    const healthDetail =
      res.status === null ? `no answer from ${url}: ${res.error}` : `HTTP ${res.status} from ${url}${parsed && !parsed.ok ? `; ${parsed.reason}` : body ? `, status ${body.status}` : ''}`;
    checks.push({ name: 'health', passed: res.status === 200 && body?.status === 'healthy', detail: healthDetail });
    for (const name of ['database', 'cache', 'external_api'] as const) {
      const value = body?.checks[name];
      checks.push({ name, passed: value === true, detail: body ? `checks.${name} = ${value}` : 'no health body to read' });
    }
    const expected = await expectedVersions(ctx, input.environment);
    const found = body?.version ?? null;
    checks.push({
      name: 'version',
      passed: found !== null && expected.includes(found),
      detail: expected.length === 0 ? `found ${found ?? 'nothing'}, but no deployed version is known for ${input.environment}` : `expected ${expected.join(' or ')}, found ${found ?? 'nothing'}`,
    });
    checks.push(...(await endpointChecks(ctx, env.baseUrl)));
    return { environment: input.environment, passed: checks.every((c) => c.passed), version: found, checks };
  },
});
