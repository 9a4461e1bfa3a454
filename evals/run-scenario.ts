/**
 * One scenario × provider run: a fresh simulated world and loopback service, a working copy, then `runStep`
 * with the sim driver and metrics source provided through `prepareRuntime` — the same tools and MCP path as a
 * real run. A crash anywhere is returned as the run's error, never thrown.
 */
import { createApprovalHook } from '../src/agent/approval.js';
import { join } from 'node:path';
import type { LedgerEntry } from '../schemas/ledger-entry.js';
import type { Report } from '../schemas/report.js';
import type { Provider } from '../src/agent/session.js';
import { runStep } from '../src/agent/run-step.js';
import { loadConfig } from '../src/config/load-config.js';
import { loadHandoff } from '../src/config/load-handoff.js';
import { describeError } from '../src/errors.js';
import type { EnforceResult } from '../src/report/enforce.js';
import { DRIVER_KEY } from '../tools/deploy/driver.js';
import { METRICS_SOURCE_KEY } from '../tools/metrics/source/metrics-source.js';
import type { LoadedConfig } from '../schemas/config.js';
import type { QaHandoff } from '../schemas/qa-handoff.js';
import type { Scenario } from './scenario-schema.js';
import { SimDriver } from './sim/sim-driver.js';
import { SimMetricsSource } from './sim/sim-metrics-source.js';
import { SimService } from './sim/sim-service.js';
import { SimWorld } from './sim/sim-world.js';
import { createWorkspace } from './workspace.js';

export interface ScenarioRun {
  scenario: string;
  provider: string;
  /** 1-based repeat number. */
  attempt: number;
  durationMs: number;
  /** The crash that ended the run before a report existed, if any. */
  error: string | null;
  /** The provider threw while driving (the engine then published the ledger's draft, blocked). */
  providerError: string | null;
  report: Report | null;
  enforcement: EnforceResult | null;
  ledger: LedgerEntry[];
  config: LoadedConfig | null;
  handoff: QaHandoff | null;
  simActions: string[];
  notifications: number;
}

export interface RunScenarioOptions {
  scenario: Scenario;
  scenariosDir: string;
  /** A fresh provider for this run (providers may keep per-run state). */
  provider: () => Provider;
  attempt?: number;
  /** Keep the run's outputs here (report, ledger); default: inside the temporary working copy, removed after. */
  outDir?: string;
  keepWorkspace?: boolean;
}

/** Run one scenario once with one provider. */
export async function runScenario(options: RunScenarioOptions): Promise<ScenarioRun> {
  const started = Date.now();
  const { scenario } = options;
  const result: ScenarioRun = {
    scenario: scenario.name,
    provider: '?',
    attempt: options.attempt ?? 1,
    durationMs: 0,
    error: null,
    providerError: null,
    report: null,
    enforcement: null,
    ledger: [],
    config: null,
    handoff: null,
    simActions: [],
    notifications: 0,
  };
  const version = String((scenario.handoff.release as { version?: unknown } | undefined)?.version ?? '1.3.0').replace(/^v/, '');
  const previous = (scenario.handoff.release as { previousVersion?: unknown } | undefined)?.previousVersion;
  const world = new SimWorld(scenario.sim, { version, previousVersion: previous === null ? null : String(previous ?? '1.2.0').replace(/^v/, '') });
  const service = new SimService(world);
  let workspace: Awaited<ReturnType<typeof createWorkspace>> | null = null;
  try {
    const inner = options.provider();
    result.provider = inner.name;
    // Same provider, but a crash while driving is remembered: runStep turns it into a blocked draft report.
    const provider: Provider = {
      name: inner.name,
      drive: async (session) => {
        try {
          await inner.drive(session);
        } catch (error) {
          result.providerError = describeError(error);
          throw error;
        }
      },
    };
    const endpoints = await service.start();
    workspace = await createWorkspace(scenario, endpoints, options.scenariosDir);
    const config = loadConfig({ file: workspace.configFile, cwd: workspace.dir });
    const handoff = loadHandoff(workspace.handoffFile, { cwd: workspace.dir });
    result.config = config;
    result.handoff = handoff.data;
    const run = await runStep({
      handoff,
      config,
      cwd: workspace.dir,
      model: provider,
      out: options.outDir ?? join(workspace.dir, '.sre-agent', 'run'),
      // The scenario's approval policy decides (the base config approves); never ask a terminal during evals.
      approve: createApprovalHook(config.config, { interactive: false }),
      prepareRuntime: (runtime) => {
        runtime.provide(DRIVER_KEY, new SimDriver(world));
        runtime.provide(METRICS_SOURCE_KEY, new SimMetricsSource(world, { timeoutMs: config.config.limits.httpTimeoutMs }));
      },
    });
    result.report = run.report;
    result.enforcement = run.enforcement;
    result.ledger = [...run.ledger.all()];
  } catch (error) {
    result.error = describeError(error);
  } finally {
    result.simActions = [...world.actions];
    result.notifications = service.notifications.length;
    await service.stop();
    if (workspace && !options.keepWorkspace) workspace.remove();
    result.durationMs = Date.now() - started;
  }
  return result;
}
