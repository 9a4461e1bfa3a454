/**
 * The `command` deploy driver: each action runs the user's own argv from `deploy.command` (kubectl, helm, argo rollouts…)
 * with {{environment}}, {{version}}, {{percent}}, {{service}} filled in, under `deploy.command.timeoutMs`.
 * The state is what the driver did, corrected by the status command's JSON when one is configured.
 */
import type { Logger } from 'pino';
import type { SreConfig } from '../../../schemas/config.js';
import { TimeoutError, ToolFailure } from '../../../src/errors.js';
import { runCommand, templateArgv, type CommandResult } from '../../shared/run-command.js';
import type { DeployDriver, DeployState, DriverActionOptions, EnvironmentName } from '../driver.js';
import { emptyEnvironment, recordStep, updateJournal, type JournalEnvironment } from '../journal.js';
import { parseStatusOutput } from './parse-status.js';

type CommandConfig = NonNullable<SreConfig['deploy']['command']>;
type Action = 'deploy' | 'switch' | 'setWeight' | 'rollback' | 'status';

export interface CommandDriverOptions {
  command: CommandConfig;
  service: string;
  configDir: string;
  outDir: string;
  runId: string;
  logger: Logger;
}

interface Known {
  activeVersion: string | null;
  previousVersion: string | null;
  weights: Record<string, number>;
  lastCommand: Record<string, unknown> | null;
  /** The version that served before this run first moved traffic: what a run rollback returns to. */
  baseline: string | null;
}

export class CommandDriver implements DeployDriver {
  readonly kind = 'command' as const;
  private readonly known = new Map<EnvironmentName, Known>();

  constructor(private readonly options: CommandDriverOptions) {}

  private knownOf(environment: EnvironmentName): Known {
    let k = this.known.get(environment);
    if (!k) this.known.set(environment, (k = { activeVersion: null, previousVersion: null, weights: {}, lastCommand: null, baseline: null }));
    return k;
  }

  /** Run one configured action; ToolFailure/TimeoutError carrying the command's own words when it fails. */
  private async run(action: Action, values: Record<string, string | number>, options: DriverActionOptions): Promise<CommandResult> {
    const template = this.options.command[action];
    if (!template) {
      throw new ToolFailure(`deploy.command.${action} is not configured, so the command driver cannot ${action === 'setWeight' ? 'set traffic weights' : action}`, {
        field: `deploy.command.${action}`,
      });
    }
    const argv = templateArgv(template, { service: this.options.service, ...values });
    const result = await runCommand(argv, { cwd: this.options.configDir, timeoutMs: this.options.command.timeoutMs, signal: options.signal });
    const context = { command: argv.join(' '), field: `deploy.command.${action}` };
    if (result.timedOut) throw new TimeoutError(`${result.failure} (deploy.command.timeoutMs)`, context);
    if (result.failure) {
      const said = (result.stderr || result.stdout).split('\n').slice(-5).join('\n');
      throw new ToolFailure(`deploy.command.${action} failed: ${result.failure}${said ? `\n${said}` : ''}`, context);
    }
    return result;
  }

  private async finish(environment: EnvironmentName, action: string, result: CommandResult | null, options: DriverActionOptions): Promise<DeployState> {
    const k = this.knownOf(environment);
    if (result) k.lastCommand = { action, argv: result.argv, exitCode: result.exitCode, durationMs: result.durationMs, stdout: result.stdout.slice(-2_000) };
    const state: DeployState = { environment, activeVersion: k.activeVersion, previousVersion: k.previousVersion, weights: { ...k.weights }, details: { driver: 'command', lastCommand: k.lastCommand } };
    if (this.options.command.status) {
      const status = await this.run('status', { environment }, options);
      const parsed = parseStatusOutput(status.stdout);
      state.details.status = parsed.parsed ? { parsed: true } : { parsed: false, note: parsed.note, output: status.stdout.slice(-2_000) };
      if (parsed.activeVersion !== undefined) state.activeVersion = parsed.activeVersion;
      if (parsed.previousVersion !== undefined) state.previousVersion = parsed.previousVersion;
      if (parsed.weights !== undefined) state.weights = parsed.weights;
    }
    this.persist(environment, state);
    if (result) recordStep(this.options.outDir, this.options.runId, environment, action, `${result.argv.join(' ')} (exit ${result.exitCode})`);
    return state;
  }

  private persist(environment: EnvironmentName, state: DeployState): void {
    const rollback = this.options.command.rollback;
    updateJournal(this.options.outDir, this.options.runId, (journal) => {
      const env: JournalEnvironment = journal.environments[environment] ?? emptyEnvironment('command');
      env.baselineVersion = this.knownOf(environment).baseline;
      env.activeVersion = state.activeVersion;
      env.previousVersion = state.previousVersion;
      env.weights = state.weights;
      env.rollbackCommand = rollback
        ? {
            argv: templateArgv(rollback, { environment, service: this.options.service, version: env.baselineVersion ?? state.previousVersion ?? '' }),
            cwd: this.options.configDir,
            timeoutMs: this.options.command.timeoutMs,
          }
        : null;
      journal.environments[environment] = env;
    });
  }

  async deploy(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState> {
    const result = await this.run('deploy', { environment, version }, options);
    const k = this.knownOf(environment);
    if (!k.activeVersion) {
      k.activeVersion = version;
      k.weights = { [version]: 100 };
    }
    return this.finish(environment, 'deploy', result, options);
  }

  async switchTo(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState> {
    const result = await this.run('switch', { environment, version }, options);
    const k = this.knownOf(environment);
    if (k.activeVersion && k.activeVersion !== version) {
      k.baseline ??= k.activeVersion;
      k.previousVersion = k.activeVersion;
    }
    k.activeVersion = version;
    k.weights = { [version]: 100 };
    return this.finish(environment, 'switch', result, options);
  }

  async setWeight(environment: EnvironmentName, version: string, percent: number, options: DriverActionOptions): Promise<DeployState> {
    const result = await this.run('setWeight', { environment, version, percent }, options);
    const k = this.knownOf(environment);
    if (k.activeVersion && k.activeVersion !== version) k.baseline ??= k.activeVersion;
    if (percent >= 100 || !k.activeVersion || k.activeVersion === version) {
      if (k.activeVersion && k.activeVersion !== version) k.previousVersion = k.activeVersion;
      k.activeVersion = version;
      k.weights = { [version]: 100 };
    } else {
      k.weights = percent > 0 ? { [version]: percent, [k.activeVersion]: 100 - percent } : { [k.activeVersion]: 100 };
    }
    return this.finish(environment, 'setWeight', result, options);
  }

  async rollback(environment: EnvironmentName, options: DriverActionOptions): Promise<DeployState> {
    const k = this.knownOf(environment);
    const result = await this.run('rollback', { environment, version: k.previousVersion ?? '' }, options);
    const canary = Object.keys(k.weights).some((v) => v !== k.activeVersion && k.weights[v]! > 0);
    if (canary && k.activeVersion) k.weights = { [k.activeVersion]: 100 };
    else if (k.previousVersion) {
      const back = k.previousVersion;
      k.previousVersion = k.activeVersion;
      k.activeVersion = back;
      k.weights = { [back]: 100 };
    }
    return this.finish(environment, 'rollback', result, options);
  }

  async status(environment: EnvironmentName, options: DriverActionOptions): Promise<DeployState> {
    return this.finish(environment, 'status', null, options);
  }

  async close(): Promise<void> {
    // The user's platform owns what the commands started; nothing to stop here.
  }
}
