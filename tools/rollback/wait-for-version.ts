/** Poll an environment's health endpoint until the expected version answers healthy several times in a row. */
import { parseHealthBody } from '../deploy/health-body.js';
import { httpRequest } from '../shared/http-request.js';
import type { ToolContext } from '../tool.js';
import type { EnvironmentName } from '../deploy/driver.js';

export interface VersionWait {
  ok: boolean;
  /** Milliseconds from the call until the last of the consecutive answers (or until giving up). */
  ms: number;
  /** Version in the last answer, if any. */
  lastVersion: string | null;
  detail: string;
}

/** Defaults: a weighted proxy may still route a request to the old instance just after a switch, so ask several times. */
export const VERSION_WAIT = { consecutive: 3, timeoutMs: 15_000, intervalMs: 50 } as const;

/** Wait until `expected` answers healthy `consecutive` times in a row at the environment's health URL. */
export async function waitForVersion(
  ctx: ToolContext,
  environment: EnvironmentName,
  expected: string,
  options: Partial<Record<keyof typeof VERSION_WAIT, number>> = {},
): Promise<VersionWait> {
  const { consecutive, timeoutMs, intervalMs } = { ...VERSION_WAIT, ...options };
  const env = ctx.config.environments[environment];
  const url = new URL(env.healthPath, env.baseUrl).toString();
  const started = Date.now();
  let streak = 0;
  let lastVersion: string | null = null;
  let lastProblem = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    if (ctx.signal.aborted) return { ok: false, ms: Date.now() - started, lastVersion, detail: 'cancelled' };
    const response = await httpRequest(url, { timeoutMs: ctx.config.limits.httpTimeoutMs, signal: ctx.signal });
    const parsed = response.status === null ? null : parseHealthBody(response.body);
    if (parsed?.ok) lastVersion = parsed.body.version;
    if (parsed?.ok && response.status === 200 && parsed.body.status === 'healthy' && parsed.body.version === expected) {
      streak += 1;
      if (streak >= consecutive) {
        return { ok: true, ms: Date.now() - started, lastVersion, detail: `${url} answered healthy with version ${expected} ${consecutive} times in a row` };
      }
      continue;
    }
    streak = 0;
    if (response.status === null) lastProblem = `no answer: ${response.error}`;
    else if (!parsed?.ok) lastProblem = `HTTP ${response.status}, ${parsed ? parsed.reason : 'unparsed body'}`;
    else lastProblem = `HTTP ${response.status}, status ${parsed.body.status}, version ${parsed.body.version}`;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return {
    ok: false,
    ms: Date.now() - started,
    lastVersion,
    detail: `${url} did not answer healthy with version ${expected} within ${timeoutMs} ms (last: ${lastProblem})`,
  };
}
