/**
 * A small in-memory DeployDriver in front of a real loopback HTTP server whose /health answers with the active version,
 * for testing rollback tools without the local driver. `brokenRollback` makes rollback a no-op (the old version never answers).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeployDriver, DeployState, EnvironmentName } from '../../../tools/deploy/driver.js';

export interface FakeEnvironment {
  driver: FakeDriver;
  baseUrl: string;
  close(): Promise<void>;
}

export class FakeDriver implements DeployDriver {
  readonly kind = 'sim' as const;
  readonly calls: string[] = [];
  brokenRollback = false;
  private readonly states = new Map<EnvironmentName, DeployState>();

  constructor(initial: Partial<Record<EnvironmentName, { active: string | null; previous: string | null }>>) {
    for (const [env, v] of Object.entries(initial) as Array<[EnvironmentName, { active: string | null; previous: string | null }]>) {
      this.states.set(env, this.stateOf(env, v.active, v.previous));
    }
  }

  private stateOf(environment: EnvironmentName, active: string | null, previous: string | null, weights?: Record<string, number>): DeployState {
    return { environment, activeVersion: active, previousVersion: previous, weights: weights ?? (active ? { [active]: 100 } : {}), details: {} };
  }

  current(environment: EnvironmentName): DeployState {
    return this.states.get(environment) ?? this.stateOf(environment, null, null);
  }

  async deploy(environment: EnvironmentName, version: string): Promise<DeployState> {
    this.calls.push(`deploy ${environment} ${version}`);
    return this.current(environment);
  }

  async switchTo(environment: EnvironmentName, version: string): Promise<DeployState> {
    this.calls.push(`switch ${environment} ${version}`);
    const s = this.current(environment);
    const next = this.stateOf(environment, version, s.activeVersion === version ? s.previousVersion : s.activeVersion);
    this.states.set(environment, next);
    return next;
  }

  async setWeight(environment: EnvironmentName, version: string, percent: number): Promise<DeployState> {
    this.calls.push(`weight ${environment} ${version} ${percent}`);
    const s = this.current(environment);
    const weights = { ...s.weights, [version]: percent };
    if (s.activeVersion && s.activeVersion !== version) weights[s.activeVersion] = 100 - percent;
    const next = { ...s, weights };
    this.states.set(environment, next);
    return next;
  }

  async rollback(environment: EnvironmentName): Promise<DeployState> {
    this.calls.push(`rollback ${environment}`);
    const s = this.current(environment);
    if (this.brokenRollback || !s.previousVersion) return s;
    const next = this.stateOf(environment, s.previousVersion, s.activeVersion);
    this.states.set(environment, next);
    return next;
  }

  async status(environment: EnvironmentName): Promise<DeployState> {
    return this.current(environment);
  }

  async close(): Promise<void> {}
}

/** Start a loopback health server for `environment` that answers with the driver's active version. */
export async function startFakeEnvironment(driver: FakeDriver, environment: EnvironmentName): Promise<FakeEnvironment> {
  const server: Server = createServer((req, res) => {
    const version = driver.current(environment).activeVersion;
    if (req.url !== '/health' || !version) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'healthy', checks: { database: true, cache: true, external_api: true }, version }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    driver,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
