/** Client of a proxy process's loopback admin API (bearer token): read state, set routes, shut down. */
import { ToolFailure } from '../../../src/errors.js';
import { httpRequest } from '../../shared/http-request.js';

export interface ProxyTargetState {
  url: string;
  weight: number;
  inflight: number;
  requests: number;
  failures: number;
}

export interface ProxyState {
  pid: number;
  startedAt: string;
  targets: Record<string, ProxyTargetState>;
  /** Versions with weight > 0. */
  weights: Record<string, number>;
  counters: Record<string, { inflight: number; requests: number; failures: number }>;
}

export interface ProxyAccess {
  adminUrl: string;
  token: string;
}

async function call(access: ProxyAccess, method: string, path: string, body?: unknown): Promise<ProxyState> {
  const res = await httpRequest(`${access.adminUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${access.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: 5_000,
  });
  if (res.status === null) throw new ToolFailure(`proxy admin API ${access.adminUrl} did not answer: ${res.error}`, { url: access.adminUrl });
  if (!res.ok) throw new ToolFailure(`proxy admin API ${method} ${path} answered ${res.status}: ${res.body.slice(0, 200)}`, { url: access.adminUrl });
  return JSON.parse(res.body) as ProxyState;
}

/** The proxy's live routes and counters. */
export function readProxyState(access: ProxyAccess): Promise<ProxyState> {
  return call(access, 'GET', '/state');
}

/** Replace all routes at once: `targets` maps version → instance URL and weight (weights sum to 100). */
export function setProxyRoutes(access: ProxyAccess, targets: Record<string, { url: string; weight: number }>): Promise<ProxyState> {
  return call(access, 'PUT', '/routes', { targets });
}

/** Ask the proxy to stop (it finishes in-flight requests first). */
export async function shutdownProxy(access: ProxyAccess): Promise<void> {
  await call(access, 'POST', '/shutdown').catch(() => undefined);
}
