/**
 * The `local` deploy driver: per environment, a detached weighted proxy on the port of `environments.<env>.baseUrl`
 * and one detached process per version on free loopback ports. Every change is written to the run journal first-class,
 * so a run rollback works after the engine dies. Traffic only ever goes to instances that just answered healthy.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { SreConfig } from '../../../schemas/config.js';
import { ToolFailure } from '../../../src/errors.js';
import type { DeployDriver, DeployState, DriverActionOptions, EnvironmentName } from '../driver.js';
import { emptyEnvironment, journalFile, readJournal, recordStep, updateJournal, type JournalEnvironment, type JournalInstance } from '../journal.js';
import type { LocalDeployConfig } from './local-config.js';
import { loopbackPort } from './loopback-port.js';
import { isAlive, stopProcessGroup } from './process-control.js';
import { readProxyState, setProxyRoutes, shutdownProxy } from './proxy-admin.js';
import { startInstance } from './start-instance.js';
import { startProxy } from './start-proxy.js';
import { probeHealth } from './wait-healthy.js';

export interface LocalDriverOptions {
  config: LocalDeployConfig;
  environments: SreConfig['environments'];
  service: string;
  configDir: string;
  outDir: string;
  runId: string;
  flagsFileFor: (environment: EnvironmentName) => string;
  logger: Logger;
}

export class LocalDriver implements DeployDriver {
  readonly kind = 'local' as const;
  private readonly envs = new Map<EnvironmentName, JournalEnvironment>();
  private readonly queues = new Map<EnvironmentName, Promise<unknown>>();

  constructor(private readonly options: LocalDriverOptions) {}

  private get logDir(): string {
    return join(this.options.outDir, 'logs');
  }

  /** Run actions on one environment one at a time (a switch must not interleave with a weight change). */
  private serialize<T>(environment: EnvironmentName, action: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(environment) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(action);
    this.queues.set(environment, next);
    return next;
  }

  private persist(environment: EnvironmentName, state: JournalEnvironment): void {
    updateJournal(this.options.outDir, this.options.runId, (journal) => {
      // Flags are recorded by the flag tools; keep theirs.
      journal.environments[environment] = { ...state, flags: journal.environments[environment]?.flags ?? state.flags };
    });
  }

  private step(environment: EnvironmentName, action: string, detail: string): void {
    recordStep(this.options.outDir, this.options.runId, environment, action, detail);
    this.options.logger.info({ environment, action }, detail);
  }

  private versionSpec(version: string) {
    const spec = this.options.config.versions[version];
    if (!spec) {
      throw new ToolFailure(`version ${version} is not in deploy.local.versions (known: ${Object.keys(this.options.config.versions).join(', ')})`, {
        field: 'deploy.local.versions',
      });
    }
    return spec;
  }

  /** An environment recorded in this run's journal whose proxy still answers (a resumed run). */
  private async adopt(environment: EnvironmentName): Promise<JournalEnvironment | null> {
    const recorded = readJournal(journalFile(this.options.outDir))?.environments[environment];
    if (!recorded?.proxy || recorded.stopped || recorded.driver !== 'local' || !isAlive(recorded.proxy.pid)) return null;
    try {
      const live = await readProxyState(recorded.proxy);
      const state = { ...recorded, weights: live.weights };
      this.envs.set(environment, state);
      return state;
    } catch {
      return null;
    }
  }

  /** The environment's proxy (started on first use) with the initial version serving behind it. */
  private async ensure(environment: EnvironmentName, options: DriverActionOptions): Promise<JournalEnvironment> {
    const known = this.envs.get(environment) ?? (await this.adopt(environment));
    if (known) return known;
    const port = loopbackPort(this.options.environments[environment].baseUrl, `environments.${environment}.baseUrl`);
    const proxy = await startProxy({ port, name: environment, logDir: this.logDir });
    const state: JournalEnvironment = { ...emptyEnvironment('local'), proxy };
    this.envs.set(environment, state);
    this.persist(environment, state);
    this.step(environment, 'proxy', `proxy pid ${proxy.pid} listening on 127.0.0.1:${port}`);
    const initial = this.options.config.initialVersion;
    if (initial) {
      const instance = await this.start(environment, initial, options);
      await this.route(state, { [initial]: 100 });
      state.activeVersion = initial;
      state.baselineVersion = initial;
      this.persist(environment, state);
      this.step(environment, 'initial', `initial version ${initial} (pid ${instance.pid}) serving 100%`);
    }
    return state;
  }

  private async start(environment: EnvironmentName, version: string, options: DriverActionOptions, port?: number): Promise<JournalInstance> {
    const state = this.envs.get(environment)!;
    const instance = await startInstance({
      version,
      spec: this.versionSpec(version),
      environment,
      service: this.options.service,
      flagsFile: this.options.flagsFileFor(environment),
      configDir: this.options.configDir,
      logDir: this.logDir,
      healthPath: this.options.environments[environment].healthPath,
      healthTimeoutMs: this.options.config.healthTimeoutMs,
      port,
      signal: options.signal,
    });
    state.instances[version] = instance;
    this.persist(environment, state);
    return instance;
  }

  /** Replace the proxy's routes: live instances as targets, `weights` for those receiving traffic. */
  private async route(state: JournalEnvironment, weights: Record<string, number>): Promise<void> {
    const targets: Record<string, { url: string; weight: number }> = {};
    for (const [version, instance] of Object.entries(state.instances)) {
      if (isAlive(instance.pid)) targets[version] = { url: instance.url, weight: weights[version] ?? 0 };
    }
    for (const version of Object.keys(weights)) {
      if (weights[version]! > 0 && !targets[version]) throw new ToolFailure(`cannot route to version ${version}: its process is not running`);
    }
    const live = await setProxyRoutes(state.proxy!, targets);
    state.weights = live.weights;
  }

  /** Refuse to send traffic to an instance that is not healthy right now. */
  private async requireHealthy(environment: EnvironmentName, version: string): Promise<JournalInstance> {
    const instance = this.envs.get(environment)!.instances[version];
    if (!instance || !isAlive(instance.pid)) {
      throw new ToolFailure(`version ${version} is not running in ${environment}; deploy it first`, { environment });
    }
    const probe = await probeHealth(instance.healthUrl);
    if (!probe.healthy) throw new ToolFailure(`not routing traffic to ${version} in ${environment}: ${probe.detail}`, { url: instance.healthUrl });
    return instance;
  }

  /** Stop instances that are neither active nor the rollback target, after their in-flight requests finish. */
  private async retire(environment: EnvironmentName, state: JournalEnvironment): Promise<void> {
    for (const [version, instance] of Object.entries(state.instances)) {
      if (version === state.activeVersion || version === state.previousVersion || !isAlive(instance.pid)) continue;
      const deadline = Date.now() + this.options.config.drainTimeoutMs;
      while (Date.now() < deadline) {
        const live = await readProxyState(state.proxy!);
        if ((live.counters[version]?.inflight ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await stopProcessGroup(instance.pid);
      this.step(environment, 'retire', `stopped ${version} (pid ${instance.pid}) after draining`);
    }
  }

  private snapshot(environment: EnvironmentName, state: JournalEnvironment): DeployState {
    return {
      environment,
      activeVersion: state.activeVersion,
      previousVersion: state.previousVersion,
      weights: { ...state.weights },
      details: {
        driver: 'local',
        proxy: state.proxy ? { pid: state.proxy.pid, port: state.proxy.port, adminUrl: state.proxy.adminUrl, alive: isAlive(state.proxy.pid) } : null,
        instances: Object.fromEntries(
          Object.entries(state.instances).map(([v, i]) => [v, { pid: i.pid, port: i.port, url: i.url, alive: isAlive(i.pid), log: i.logFile }]),
        ),
      },
    };
  }

  async deploy(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState> {
    this.versionSpec(version);
    return this.serialize(environment, async () => {
      const state = await this.ensure(environment, options);
      const existing = state.instances[version];
      if (existing && isAlive(existing.pid) && (await probeHealth(existing.healthUrl)).healthy) return this.snapshot(environment, state);
      const instance = await this.start(environment, version, options);
      if (!state.activeVersion) {
        await this.route(state, { [version]: 100 });
        state.activeVersion = version;
      } else {
        await this.route(state, state.weights);
      }
      this.persist(environment, state);
      this.step(environment, 'deploy', `started ${version} (pid ${instance.pid}, port ${instance.port}), healthy`);
      return this.snapshot(environment, state);
    });
  }

  async switchTo(environment: EnvironmentName, version: string, options: DriverActionOptions): Promise<DeployState> {
    return this.serialize(environment, async () => {
      const state = await this.ensure(environment, options);
      await this.requireHealthy(environment, version);
      const old = state.activeVersion;
      await this.route(state, { [version]: 100 });
      if (old && old !== version) state.previousVersion = old;
      state.activeVersion = version;
      this.persist(environment, state);
      this.step(environment, 'switch', `all traffic to ${version}${old && old !== version ? ` (was ${old})` : ''}`);
      await this.retire(environment, state);
      return this.snapshot(environment, state);
    });
  }

  async setWeight(environment: EnvironmentName, version: string, percent: number, options: DriverActionOptions): Promise<DeployState> {
    if (!(percent >= 0 && percent <= 100)) throw new ToolFailure(`weight must be between 0 and 100, got ${percent}`);
    if (percent === 100) return this.switchTo(environment, version, options);
    return this.serialize(environment, async () => {
      const state = await this.ensure(environment, options);
      const active = state.activeVersion;
      if (!active) throw new ToolFailure(`nothing is serving in ${environment}; deploy a version first`);
      if (active === version) throw new ToolFailure(`${version} is already the active version in ${environment}; use switch or rollback`);
      if (percent > 0) await this.requireHealthy(environment, version);
      await this.route(state, percent === 0 ? { [active]: 100 } : { [version]: percent, [active]: 100 - percent });
      this.persist(environment, state);
      this.step(environment, 'weight', `${version} ${percent}%, ${active} ${100 - percent}%`);
      return this.snapshot(environment, state);
    });
  }

  async rollback(environment: EnvironmentName, options: DriverActionOptions): Promise<DeployState> {
    return this.serialize(environment, async () => {
      const state = await this.ensure(environment, options);
      const active = state.activeVersion;
      const canaries = Object.keys(state.weights).filter((v) => v !== active && state.weights[v]! > 0);
      if (active && canaries.length > 0) {
        // A canary in progress: the stable version takes everything back.
        await this.route(state, { [active]: 100 });
        this.persist(environment, state);
        this.step(environment, 'rollback', `canary ${canaries.join(', ')} removed; ${active} 100%`);
        return this.snapshot(environment, state);
      }
      const target = state.previousVersion;
      if (!target) throw new ToolFailure(`nothing to roll back to in ${environment}: no previous version (active: ${active ?? 'none'})`);
      const recorded = state.instances[target];
      if (!recorded || !isAlive(recorded.pid)) await this.start(environment, target, options, recorded?.port);
      await this.requireHealthy(environment, target);
      await this.route(state, { [target]: 100 });
      state.previousVersion = active;
      state.activeVersion = target;
      this.persist(environment, state);
      this.step(environment, 'rollback', `all traffic back to ${target} (was ${active})`);
      return this.snapshot(environment, state);
    });
  }

  async status(environment: EnvironmentName): Promise<DeployState> {
    const state = this.envs.get(environment) ?? (await this.adopt(environment));
    if (!state) return { environment, activeVersion: null, previousVersion: null, weights: {}, details: { driver: 'local', running: false } };
    const snapshot = this.snapshot(environment, state);
    try {
      const live = await readProxyState(state.proxy!);
      snapshot.weights = live.weights;
      snapshot.details.traffic = live.counters;
    } catch (error) {
      snapshot.weights = {};
      snapshot.details.proxyError = (error as Error).message;
    }
    return snapshot;
  }

  async close(): Promise<void> {
    if (this.options.config.keepRunning) return;
    for (const [environment, state] of this.envs) {
      if (state.proxy) {
        await shutdownProxy(state.proxy);
        await stopProcessGroup(state.proxy.pid);
      }
      for (const instance of Object.values(state.instances)) await stopProcessGroup(instance.pid);
      state.stopped = true;
      this.persist(environment, state);
    }
    this.envs.clear();
  }
}
