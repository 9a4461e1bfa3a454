/** Start one version of the service on a free loopback port and wait until it answers healthy (or stop it and say why). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ToolFailure } from '../../../src/errors.js';
import { templateArgv } from '../../shared/run-command.js';
import type { JournalInstance } from '../journal.js';
import { freePort } from './free-port.js';
import type { LocalVersionSpec } from './local-config.js';
import { spawnDetached, stopProcessGroup } from './process-control.js';
import { waitHealthy } from './wait-healthy.js';

/** Engine variables a service may need; everything else (API keys, tokens) stays out of the service's environment. */
const PASSED_ENV = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SystemRoot'];

/** The last lines of a log file, for error messages. */
export function logTail(file: string, lines = 8): string {
  if (!existsSync(file)) return '(no output)';
  const text = readFileSync(file, 'utf8').trimEnd();
  return text.split('\n').slice(-lines).join('\n') || '(no output)';
}

export interface StartInstanceOptions {
  version: string;
  spec: LocalVersionSpec;
  environment: string;
  service: string;
  flagsFile: string;
  configDir: string;
  logDir: string;
  healthPath: string;
  healthTimeoutMs: number;
  /** Reuse this port (restarting a dead instance during a run rollback). */
  port?: number;
  signal?: AbortSignal;
}

/** Spawn the version detached (it must outlive the engine), health-gated; ToolFailure with the log tail when it fails. */
export async function startInstance(options: StartInstanceOptions): Promise<JournalInstance> {
  const port = options.port ?? (await freePort());
  const values = { port, version: options.version, environment: options.environment, flagsFile: options.flagsFile, service: options.service };
  const argv = templateArgv(options.spec.command, values);
  const env: Record<string, string> = {};
  for (const key of PASSED_ENV) if (process.env[key] !== undefined) env[key] = process.env[key]!;
  for (const [key, value] of Object.entries(options.spec.env)) env[key] = templateArgv([value], values)[0]!;
  env.PORT = String(port);
  const cwd = resolve(options.configDir, options.spec.cwd ?? '.');
  const logFile = join(options.logDir, `${options.environment}-${options.version}-${port}.log`);
  return startFromSpawn({ version: options.version, port, argv, env, cwd, logFile, healthPath: options.healthPath, timeoutMs: options.healthTimeoutMs, signal: options.signal });
}

/** Start an instance from an already templated command (also used to restart one recorded in a journal). */
export async function startFromSpawn(options: {
  version: string;
  port: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  logFile: string;
  healthPath: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<JournalInstance> {
  const { version, port, argv, logFile } = options;
  if (!existsSync(options.cwd)) throw new ToolFailure(`working directory ${options.cwd} for version ${version} does not exist`, { file: options.cwd });
  let child;
  try {
    child = await spawnDetached(argv, { cwd: options.cwd, env: options.env, logFile });
  } catch (error) {
    throw new ToolFailure(`cannot start version ${version} with ${JSON.stringify(argv)}: ${(error as Error).message}`, { command: argv.join(' ') });
  }
  const url = `http://127.0.0.1:${port}`;
  const healthUrl = `${url}${options.healthPath}`;
  const gate = await waitHealthy(healthUrl, { timeoutMs: options.timeoutMs, ended: child.ended, signal: options.signal });
  if (!gate.healthy) {
    await stopProcessGroup(child.pid, 2_000);
    throw new ToolFailure(`version ${version} (pid ${child.pid}, port ${port}) did not become healthy: ${gate.reason}. Last output:\n${logTail(logFile)}`, {
      command: argv.join(' '),
      url: healthUrl,
    });
  }
  if (gate.probe.version && gate.probe.version !== version) {
    await stopProcessGroup(child.pid, 2_000);
    throw new ToolFailure(`the process started for version ${version} reports version ${gate.probe.version} at ${healthUrl}; check deploy.local.versions`, {
      url: healthUrl,
    });
  }
  return {
    version,
    pid: child.pid,
    port,
    url,
    healthUrl,
    spawn: { argv, env: options.env, cwd: options.cwd },
    logFile,
    startedAt: new Date().toISOString(),
  };
}
