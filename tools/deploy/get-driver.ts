/** The run's deploy driver: created on first use from `deploy.driver`, closed when the run ends. */
import { ConfigError } from '../../src/errors.js';
import type { ToolContext } from '../tool.js';
import { CommandDriver } from './command/command-driver.js';
import { DRIVER_KEY, type DeployDriver } from './driver.js';
import { flagFileFor } from './flags/flag-file-path.js';
import { LocalDriver } from './local/local-driver.js';

/** Build the driver `sre.yaml` asks for; `sim` only exists when the eval harness provided one. */
function createDriver(ctx: ToolContext): DeployDriver {
  const { config } = ctx;
  const base = { service: config.service.name, configDir: ctx.configDir, outDir: ctx.outDir, runId: ctx.runId, logger: ctx.logger };
  switch (config.deploy.driver) {
    case 'local':
      if (!config.deploy.local) {
        throw new ConfigError('deploy.driver is local but deploy.local is missing: list the versions to run, e.g. deploy.local.versions["1.3.0"].command', {
          field: 'deploy.local',
        });
      }
      return new LocalDriver({ ...base, config: config.deploy.local, environments: config.environments, flagsFileFor: (env) => flagFileFor(ctx, env) });
    case 'command':
      if (!config.deploy.command) {
        throw new ConfigError('deploy.driver is command but deploy.command is missing: give at least deploy.command.deploy as an argument array', {
          field: 'deploy.command',
        });
      }
      return new CommandDriver({ ...base, command: config.deploy.command });
    case 'sim':
      throw new ConfigError('deploy.driver is sim, but no simulated driver was provided: sim is for the eval harness; use local or command', {
        field: 'deploy.driver',
      });
  }
}

/** The run's driver (one per run, stopped by `runtime.onClose`). */
export function getDriver(ctx: ToolContext): DeployDriver {
  return ctx.runtime.getOrCreate(DRIVER_KEY, () => {
    const driver = createDriver(ctx);
    ctx.runtime.onClose(() => driver.close());
    return driver;
  });
}
