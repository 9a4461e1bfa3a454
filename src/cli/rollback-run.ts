/**
 * `sre-agent rollback --run <dir|id>`: restore what a run changed, from its journal alone (the engine that made the changes
 * may be dead). Per environment: release flags back off, then all traffic back to the version that served before the run
 * (restarting it from the journal when its process is gone), or the command driver's recorded rollback command.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { setFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import type { EnvironmentName } from '../../tools/deploy/driver.js';
import { journalFile, readJournal, recordStep, updateJournal, type JournalEnvironment } from '../../tools/deploy/journal.js';
import { isAlive } from '../../tools/deploy/local/process-control.js';
import { readProxyState, setProxyRoutes } from '../../tools/deploy/local/proxy-admin.js';
import { startFromSpawn } from '../../tools/deploy/local/start-instance.js';
import { probeHealth } from '../../tools/deploy/local/wait-healthy.js';
import { runCommand } from '../../tools/shared/run-command.js';
import { describeError, ToolFailure, UserError } from '../errors.js';

export interface RollbackRunOptions {
  /** A run directory (holding journal.json) or a run id under `<baseDir>/.sre-agent/runs`. */
  run: string;
  environment?: EnvironmentName;
  logger: Logger;
  /** Where `.sre-agent/runs` lives when `run` is an id; defaults to the current directory. */
  baseDir?: string;
  /** How long a restarted version may take to become healthy. */
  healthTimeoutMs?: number;
}

export interface EnvironmentRollback {
  environment: EnvironmentName;
  ok: boolean;
  restoredVersion: string | null;
  weights: Record<string, number>;
  flags: Array<{ name: string; previous: number; current: number }>;
  actions: string[];
  error: string | null;
}

export interface RollbackRunResult {
  journal: string;
  runId: string;
  environments: EnvironmentRollback[];
}

/** The run directory holding the journal: `run` itself, or `.sre-agent/runs/<run>`. */
function runDirectory(run: string, baseDir: string): string {
  const direct = resolve(baseDir, run);
  if (existsSync(journalFile(direct))) return direct;
  const byId = join(baseDir, '.sre-agent', 'runs', run);
  if (existsSync(journalFile(byId))) return byId;
  throw new UserError(`no run journal found for ${run}: looked for ${journalFile(direct)} and ${journalFile(byId)}`, { file: journalFile(byId) });
}

/** Local driver: all traffic back to the baseline version, restarting it on its old port if it died. */
async function restoreLocal(env: JournalEnvironment, healthTimeoutMs: number, actions: string[]): Promise<{ version: string; weights: Record<string, number> }> {
  const target = env.baselineVersion ?? env.previousVersion;
  if (!target) throw new ToolFailure('the journal records no version that served before this run');
  if (!env.proxy || !isAlive(env.proxy.pid)) throw new ToolFailure(`the proxy (pid ${env.proxy?.pid ?? 'unknown'}) is not running: nothing routes traffic; start ${target} again`);
  await readProxyState(env.proxy);
  let instance = env.instances[target];
  if (!instance) throw new ToolFailure(`the journal has no instance record for ${target}`);
  if (!isAlive(instance.pid)) {
    instance = await startFromSpawn({
      version: target,
      port: instance.port,
      argv: instance.spawn.argv,
      env: instance.spawn.env,
      cwd: instance.spawn.cwd,
      logFile: instance.logFile,
      healthPath: new URL(instance.healthUrl).pathname,
      timeoutMs: healthTimeoutMs,
    });
    env.instances[target] = instance;
    actions.push(`restarted ${target} (pid ${instance.pid}, port ${instance.port})`);
  }
  const probe = await probeHealth(instance.healthUrl);
  if (!probe.healthy) throw new ToolFailure(`${target} is not healthy, traffic left unchanged: ${probe.detail}`);
  const targets: Record<string, { url: string; weight: number }> = {};
  for (const [version, i] of Object.entries(env.instances)) if (isAlive(i.pid)) targets[version] = { url: i.url, weight: version === target ? 100 : 0 };
  const live = await setProxyRoutes(env.proxy, targets);
  actions.push(`all traffic to ${target}`);
  return { version: target, weights: live.weights };
}

/** Roll back every environment the run touched (production first), or only `environment`. */
export async function rollbackRun(options: RollbackRunOptions): Promise<RollbackRunResult> {
  const dir = runDirectory(options.run, resolve(options.baseDir ?? process.cwd()));
  const file = journalFile(dir);
  const journal = readJournal(file)!;
  const names = (['production', 'staging'] as const).filter((n) => journal.environments[n] && (!options.environment || options.environment === n));
  if (names.length === 0) throw new UserError(`run ${journal.runId} has no deploy recorded${options.environment ? ` in ${options.environment}` : ''} (${file})`, { file });
  const results: EnvironmentRollback[] = [];
  for (const environment of names) {
    const env = journal.environments[environment]!;
    const result: EnvironmentRollback = { environment, ok: true, restoredVersion: null, weights: env.weights, flags: [], actions: [], error: null };
    try {
      // Flags first: turning the release off is instant and needs no process.
      for (const [name, flag] of Object.entries(env.flags)) {
        const change = await setFlagPercent(flag.file, name, 0);
        result.flags.push({ name, previous: change.previous, current: change.current });
        result.actions.push(`flag ${name} ${change.previous}% → 0%`);
        env.flags[name] = { ...flag, percent: 0 };
      }
      if (env.driver === 'local') {
        const restored = await restoreLocal(env, options.healthTimeoutMs ?? 20_000, result.actions);
        if (env.activeVersion !== restored.version) env.previousVersion = env.activeVersion;
        env.activeVersion = restored.version;
        env.weights = restored.weights;
        result.restoredVersion = restored.version;
        result.weights = restored.weights;
      } else if (env.rollbackCommand) {
        const cmd = env.rollbackCommand;
        const run = await runCommand(cmd.argv, { cwd: cmd.cwd, timeoutMs: cmd.timeoutMs });
        if (run.failure) throw new ToolFailure(`rollback command failed: ${run.failure}\n${run.stderr.split('\n').slice(-5).join('\n')}`, { command: cmd.argv.join(' ') });
        result.actions.push(`ran ${cmd.argv.join(' ')}`);
        result.restoredVersion = env.previousVersion;
      } else if (env.driver === 'command') {
        result.actions.push('no rollback command recorded (deploy.command.rollback was not configured)');
      }
    } catch (error) {
      result.ok = false;
      result.error = describeError(error);
    }
    updateJournal(dir, journal.runId, (j) => {
      j.environments[environment] = env;
    });
    recordStep(dir, journal.runId, environment, 'rollback-run', result.ok ? result.actions.join('; ') : `failed: ${result.error}`);
    options.logger.info({ environment, ok: result.ok }, result.ok ? `rolled back: ${result.actions.join('; ')}` : `rollback failed: ${result.error}`);
    results.push(result);
  }
  return { journal: file, runId: journal.runId, environments: results };
}
