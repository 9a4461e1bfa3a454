/** `sre.yaml`: the service's step-7 configuration. Each section lives in schemas/config/. */
import { z } from 'zod';
import { DEFAULTS } from '../src/constants.js';
import { ApprovalConfig } from './config/approval.js';
import { CiConfig } from './config/ci.js';
import { CommandsConfig } from './config/commands.js';
import { DocsConfig, NotifyConfig } from './config/comms.js';
import { ActivationConfig, BackupConfig, DeployConfig, FlagsConfig } from './config/deploy.js';
import { EnvironmentsConfig } from './config/environments.js';
import { MetricsConfig } from './config/metrics.js';
import { SmokeConfig } from './config/smoke.js';
import { ThresholdsConfig } from './config/thresholds.js';

export const LimitsConfig = z
  .object({
    commandTimeoutMs: z.number().int().positive().default(DEFAULTS.commandTimeoutMs),
    httpTimeoutMs: z.number().int().positive().default(DEFAULTS.httpTimeoutMs),
    toolCallTimeoutMs: z.number().int().positive().default(DEFAULTS.toolCallTimeoutMs),
    maxTurns: z.number().int().positive().default(DEFAULTS.maxTurns),
    maxReportRepairs: z.number().int().nonnegative().default(DEFAULTS.maxReportRepairs),
    modelCallTimeoutMs: z.number().int().positive().default(DEFAULTS.modelCallTimeoutMs),
    tokenBudget: z.number().int().positive().default(DEFAULTS.tokenBudget),
    maxToolResultChars: z.number().int().positive().default(DEFAULTS.maxToolResultChars),
  })
  .default({
    commandTimeoutMs: DEFAULTS.commandTimeoutMs,
    httpTimeoutMs: DEFAULTS.httpTimeoutMs,
    toolCallTimeoutMs: DEFAULTS.toolCallTimeoutMs,
    maxTurns: DEFAULTS.maxTurns,
    maxReportRepairs: DEFAULTS.maxReportRepairs,
    modelCallTimeoutMs: DEFAULTS.modelCallTimeoutMs,
    tokenBudget: DEFAULTS.tokenBudget,
    maxToolResultChars: DEFAULTS.maxToolResultChars,
  });

export const SreConfig = z
  .object({
    service: z.object({
      name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lowercase service name such as checkout-api'),
      repository: z.string().default('.').describe('Repository root, relative to the config file'),
    }),
    environments: EnvironmentsConfig,
    smoke: SmokeConfig,
    thresholds: ThresholdsConfig,
    commands: CommandsConfig,
    ci: CiConfig,
    deploy: DeployConfig,
    flags: FlagsConfig,
    backup: BackupConfig,
    activation: ActivationConfig,
    metrics: MetricsConfig,
    docs: DocsConfig,
    notify: NotifyConfig,
    approval: ApprovalConfig,
    limits: LimitsConfig,
  })
  .strict();

export type SreConfig = z.infer<typeof SreConfig>;
export type SreConfigInput = z.input<typeof SreConfig>;

/** A loaded config plus where it came from (paths in it are relative to `dir`). */
export interface LoadedConfig {
  config: SreConfig;
  file: string | null;
  dir: string;
}
