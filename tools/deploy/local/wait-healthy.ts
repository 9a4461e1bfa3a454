/** Health gate: poll an instance's health URL until it answers healthy in the seed's shape, or give up. */
import { parseHealthBody } from '../health-body.js';
import { httpRequest } from '../../shared/http-request.js';

export interface HealthProbe {
  healthy: boolean;
  /** What the last answer was, for error messages. */
  detail: string;
  version: string | null;
}

/** One health request: healthy only for HTTP 200 with `status: "healthy"` in the seed's body shape. */
export async function probeHealth(url: string, timeoutMs = 2_000): Promise<HealthProbe> {
  const res = await httpRequest(url, { timeoutMs });
  if (res.status === null) return { healthy: false, detail: `no answer from ${url}: ${res.error}`, version: null };
  const parsed = parseHealthBody(res.body);
  if (!parsed.ok) return { healthy: false, detail: `HTTP ${res.status} from ${url}; ${parsed.reason}`, version: null };
  const healthy = res.status === 200 && parsed.body.status === 'healthy';
  const failing = Object.entries(parsed.body.checks).filter(([, ok]) => !ok).map(([name]) => name);
  return {
    healthy,
    detail: `HTTP ${res.status} from ${url}: status ${parsed.body.status}${failing.length ? `, failing checks: ${failing.join(', ')}` : ''}`,
    version: parsed.body.version,
  };
}

/** Poll `url` every `intervalMs` until healthy; stops early when `ended` settles (the process died). */
export async function waitHealthy(
  url: string,
  options: { timeoutMs: number; intervalMs?: number; ended?: Promise<string>; signal?: AbortSignal },
): Promise<{ healthy: true; probe: HealthProbe } | { healthy: false; reason: string }> {
  const deadline = Date.now() + options.timeoutMs;
  let exited: string | null = null;
  void options.ended?.then((reason) => (exited = reason));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) return { healthy: false, reason: `the process ${exited} before it became healthy (last check: ${last})` };
    if (options.signal?.aborted) return { healthy: false, reason: 'cancelled while waiting for health' };
    const probe = await probeHealth(url, Math.min(2_000, Math.max(200, deadline - Date.now())));
    if (probe.healthy) return { healthy: true, probe };
    last = probe.detail;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
  return { healthy: false, reason: `not healthy within ${options.timeoutMs} ms (last check: ${last})` };
}
