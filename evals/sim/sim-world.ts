/**
 * The simulated environment's state: what each environment serves, shared by the sim driver (which changes it),
 * the loopback service (whose /health and /metrics read it) and the sim metrics source. Deterministic: it only
 * moves when a tool acts, never with the clock.
 */
import type { DeployState, EnvironmentName } from '../../tools/deploy/driver.js';
import type { SimScript } from '../scenario-schema.js';

interface EnvironmentState {
  activeVersion: string | null;
  previousVersion: string | null;
  weights: Record<string, number>;
  deployed: string[];
  /** Health answers given by the release version in this environment (flakiness counts them). */
  releaseAnswers: number;
}

export interface HealthAnswer {
  httpStatus: number;
  body: { status: 'healthy' | 'unhealthy'; checks: Record<string, boolean>; version: string } | null;
}

export class SimWorld {
  private readonly envs: Record<EnvironmentName, EnvironmentState>;
  /** Every driver action, in order (scorers and tests read it). */
  readonly actions: string[] = [];

  constructor(
    readonly script: SimScript,
    readonly release: { version: string; previousVersion: string | null },
  ) {
    const initial = (): EnvironmentState => {
      const v = release.previousVersion;
      return { activeVersion: v, previousVersion: null, weights: v ? { [v]: 100 } : {}, deployed: v ? [v] : [], releaseAnswers: 0 };
    };
    this.envs = { staging: initial(), production: initial() };
  }

  state(environment: EnvironmentName): DeployState {
    const e = this.envs[environment];
    return {
      environment,
      activeVersion: e.activeVersion,
      previousVersion: e.previousVersion,
      weights: { ...e.weights },
      details: { driver: 'sim', deployed: [...e.deployed] },
    };
  }

  deploy(environment: EnvironmentName, version: string): DeployState {
    const e = this.envs[environment];
    if (!e.deployed.includes(version)) e.deployed.push(version);
    if (!e.activeVersion) {
      e.activeVersion = version;
      e.weights = { [version]: 100 };
    }
    this.actions.push(`${environment}: deploy ${version}`);
    return this.state(environment);
  }

  switchTo(environment: EnvironmentName, version: string): DeployState {
    const e = this.envs[environment];
    if (e.activeVersion !== version) e.previousVersion = e.activeVersion;
    e.activeVersion = version;
    e.weights = { [version]: 100 };
    this.actions.push(`${environment}: switch to ${version}`);
    return this.state(environment);
  }

  setWeight(environment: EnvironmentName, version: string, percent: number): DeployState {
    const e = this.envs[environment];
    const base = e.activeVersion && e.activeVersion !== version ? e.activeVersion : e.previousVersion;
    if (percent >= 100 || !base) {
      return this.switchTo(environment, version);
    }
    e.weights = percent > 0 ? { [base]: 100 - percent, [version]: percent } : { [base]: 100 };
    if (e.activeVersion !== base) {
      e.previousVersion = e.activeVersion;
      e.activeVersion = base;
    }
    this.actions.push(`${environment}: ${version} at ${percent}%`);
    return this.state(environment);
  }

  rollback(environment: EnvironmentName): DeployState {
    const e = this.envs[environment];
    const target = e.previousVersion ?? (Object.keys(e.weights).find((v) => v !== this.release.version) || null);
    if (target) {
      e.previousVersion = e.activeVersion === target ? e.previousVersion : e.activeVersion;
      e.activeVersion = target;
      e.weights = { [target]: 100 };
    }
    this.actions.push(`${environment}: rollback to ${target ?? 'nothing'}`);
    return this.state(environment);
  }

  /** The version a request to the environment's base URL reaches: the one with the most traffic. */
  answeringVersion(environment: EnvironmentName): string | null {
    const e = this.envs[environment];
    const ranked = Object.entries(e.weights).sort((a, b) => b[1] - a[1]);
    return ranked[0]?.[0] ?? e.activeVersion;
  }

  /** What /health answers now in `environment` (counts the answer for flakiness). */
  health(environment: EnvironmentName): HealthAnswer {
    const version = this.answeringVersion(environment);
    if (!version) return { httpStatus: 503, body: null };
    const checks = { database: true, cache: true, external_api: true };
    const script = this.script.health[version];
    let status: 'healthy' | 'unhealthy' = script?.status ?? 'healthy';
    Object.assign(checks, script?.checks ?? {});
    if (Object.values(checks).some((ok) => !ok)) status = 'unhealthy';
    if (version === this.release.version) {
      const outcome = this.script.deploy[environment];
      if (outcome === 'unhealthy') status = 'unhealthy';
      const e = this.envs[environment];
      e.releaseAnswers += 1;
      const flaky = this.script.flakyHealth[environment];
      if (flaky && e.releaseAnswers > flaky.after && e.releaseAnswers <= flaky.after + flaky.fail) {
        return { httpStatus: 503, body: { status: 'unhealthy', checks: { ...checks, database: false }, version } };
      }
    }
    const httpStatus = script?.httpStatus ?? (status === 'healthy' ? 200 : 503);
    return { httpStatus, body: { status, checks, version } };
  }
}
