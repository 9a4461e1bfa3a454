/**
 * The `sim` deploy driver: the DeployDriver the eval harness provides under DRIVER_KEY. Each action follows the
 * scenario's script for the release version (healthy, unhealthy, fail, hang); a hang only ends when the tool's
 * timeout aborts it, so the engine's own timeout is what the scenario exercises.
 */
import { ToolFailure } from '../../src/errors.js';
import type { DeployDriver, DeployState, DriverActionOptions, EnvironmentName } from '../../tools/deploy/driver.js';
import type { SimWorld } from './sim-world.js';

/** Wait until the action is aborted (the tool call's timeout), then reject like a cancelled command would. */
function hangUntilAborted(what: string, signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new ToolFailure(`sim driver: ${what} never answered and was aborted`, { tool: 'sim-driver' }));
    if (signal.aborted) return fail();
    signal.addEventListener('abort', fail, { once: true });
  });
}

export class SimDriver implements DeployDriver {
  readonly kind = 'sim' as const;

  constructor(private readonly world: SimWorld) {}

  private async act(environment: EnvironmentName, version: string | null, what: string, options: DriverActionOptions, apply: () => DeployState): Promise<DeployState> {
    if (version === this.world.release.version) {
      const outcome = this.world.script.deploy[environment];
      if (outcome === 'hang') return hangUntilAborted(`${what} in ${environment}`, options.signal);
      if (outcome === 'fail') {
        this.world.actions.push(`${environment}: ${what} failed`);
        throw new ToolFailure(`sim driver: ${what} in ${environment} failed: the new instances never became healthy (scripted failure)`, { tool: 'sim-driver' });
      }
    }
    return apply();
  }

  deploy(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState> {
    return this.act(environment, version, `deploy ${version}`, options, () => this.world.deploy(environment, version));
  }

  switchTo(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState> {
    return this.act(environment, null, `switch to ${version}`, options, () => this.world.switchTo(environment, version));
  }

  setWeight(environment: EnvironmentName, version: string, percent: number, options: DriverActionOptions): Promise<DeployState> {
    return this.act(environment, null, `weight ${percent}% for ${version}`, options, () => this.world.setWeight(environment, version, percent));
  }

  async rollback(environment: EnvironmentName): Promise<DeployState> {
    return this.world.rollback(environment);
  }

  async status(environment: EnvironmentName): Promise<DeployState> {
    return this.world.state(environment);
  }

  async close(): Promise<void> {
    // Nothing runs: the world is plain data and the loopback service is closed by the harness.
  }
}
