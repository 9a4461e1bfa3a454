/** Config section: deploy driver, strategy, backups and feature flags. */
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';
import { Argv, Strategy } from '../common.js';
import { LocalDeployConfig } from '../../tools/deploy/local/local-config.js';
import { CommandSpec } from './commands.js';

export const DeployConfig = z
  .object({
    driver: z.enum(['local', 'command', 'sim']).default('local'),
    strategy: z.union([z.literal('auto'), Strategy]).default('auto'),
    canaryWeights: z.array(z.number().min(0).max(100)).default(DEFAULTS.canaryWeights),
    /** Local driver: the service's versions as processes behind a weighted proxy. Shape owned by tools/deploy. */
    local: LocalDeployConfig.optional(),
    /** Command driver: one argument array per action, with {{placeholders}}. */
    command: z
      .object({
        deploy: Argv.optional(),
        switch: Argv.optional(),
        setWeight: Argv.optional(),
        rollback: Argv.optional(),
        status: Argv.optional(),
        timeoutMs: z.number().int().positive().default(DEFAULTS.driverActionTimeoutMs),
      })
      .optional(),
  })
  .default({ driver: 'local', strategy: 'auto', canaryWeights: DEFAULTS.canaryWeights });

export const FlagsConfig = z
  .object({
    file: z
      .string()
      .default('flags.{{environment}}.flagd.json')
      .describe('OpenFeature flagd flag-definition file per environment ({{environment}} is replaced), relative to the config'),
  })
  .default({ file: 'flags.{{environment}}.flagd.json' });

export const BackupConfig = z
  .object({
    command: CommandSpec.optional().describe('Writes the backup; {{file}} is replaced with the target path'),
    restoreCheck: CommandSpec.optional(),
    directory: z.string().default('backups'),
    extension: z.string().regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/, 'expected a file extension such as sql or sqlite').optional().describe('Backup file extension; guessed from the command (pg_dump → sql, sqlite3 → sqlite) when absent'),
  })
  .default({ directory: 'backups' });

export const ActivationConfig = z
  .object({
    steps: z.array(z.number().min(0).max(100)).default(DEFAULTS.activationSteps),
    watchHours: z.number().nonnegative().default(DEFAULTS.activationWatchHours),
  })
  .default({ steps: DEFAULTS.activationSteps, watchHours: DEFAULTS.activationWatchHours });
