/**
 * The deploy driver seam: how step 7 reaches the engine that runs the service.
 * `local` (real processes behind a weighted proxy), `command` (the user's CLI: kubectl, helm, argo rollouts…),
 * `sim` (scripted, for evals). Tools get the run's driver with `getDriver(ctx)`.
 */

export type EnvironmentName = 'staging' | 'production';

/** What an environment serves right now. Weights are percentages per version and sum to 100 when serving. */
export interface DeployState {
  environment: EnvironmentName;
  /** Version taking (most of) the traffic, or null when nothing is deployed. */
  activeVersion: string | null;
  /** Version that was active before the last switch, kept for rollback. */
  previousVersion: string | null;
  /** Traffic weight per version, percent. */
  weights: Record<string, number>;
  /** Free-form driver details (ports, pids, command output). */
  details: Record<string, unknown>;
}

export interface DriverActionOptions {
  signal: AbortSignal;
}

export interface DeployDriver {
  readonly kind: 'local' | 'command' | 'sim';
  /** Start `version` in `environment` beside what runs there (health-gated); traffic is not moved yet unless nothing ran before. */
  deploy(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState>;
  /** Blue/green: send all traffic to `version`. */
  switchTo(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState>;
  /** Canary: give `version` `percent` of the traffic, the rest to the active version. */
  setWeight(environment: EnvironmentName, version: string, percent: number, options: DriverActionOptions): Promise<DeployState>;
  /** Send all traffic back to the previous version. */
  rollback(environment: EnvironmentName, options: DriverActionOptions): Promise<DeployState>;
  status(environment: EnvironmentName, options: DriverActionOptions): Promise<DeployState>;
  /** Stop whatever the driver started (processes, proxies). */
  close(): Promise<void>;
}

/** Runtime key under which the run's driver lives; the eval harness provides a `sim` driver here. */
export const DRIVER_KEY = 'deploy-driver';
