/**
 * `deploy.local` in sre.yaml: the service's versions as real processes behind a weighted proxy per environment.
 * Each environment's proxy listens on the port of `environments.<env>.baseUrl`; versions run on free loopback ports.
 */
import { z } from 'zod';
import { Argv } from '../../../schemas/common.js';

/** How to start one version. `{{port}}`, `{{version}}`, `{{environment}}`, `{{flagsFile}}`, `{{service}}` are replaced in argv and env. */
export const LocalVersionSpec = z.object({
  command: Argv,
  env: z.record(z.string(), z.string()).default({}).describe('Extra environment; PORT is always set to the instance port'),
  cwd: z.string().optional().describe('Relative to the config file'),
});
export type LocalVersionSpec = z.infer<typeof LocalVersionSpec>;

export const LocalDeployConfig = z
  .object({
    versions: z.record(z.string(), LocalVersionSpec).describe('Version → how to start it'),
    initialVersion: z.string().optional().describe('Version already serving before the run; started at first use'),
    healthTimeoutMs: z.number().int().positive().default(20_000).describe('How long a new instance may take to answer healthy'),
    drainTimeoutMs: z.number().int().positive().default(10_000).describe('How long to wait for in-flight requests before stopping an instance'),
    keepRunning: z.boolean().default(false).describe('Leave proxies and instances running when the run ends'),
  })
  .superRefine((value, issue) => {
    if (Object.keys(value.versions).length === 0) issue.addIssue({ code: 'custom', path: ['versions'], message: 'expected at least one version' });
    if (value.initialVersion !== undefined && !(value.initialVersion in value.versions)) {
      issue.addIssue({
        code: 'custom',
        path: ['initialVersion'],
        message: `initialVersion ${value.initialVersion} is not one of versions (${Object.keys(value.versions).join(', ')})`,
      });
    }
  });
export type LocalDeployConfig = z.infer<typeof LocalDeployConfig>;
