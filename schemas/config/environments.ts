/** Config section: the staging and production environments. */
import { z } from 'zod';

export const EnvironmentConfig = z.object({
  baseUrl: z.string().url().describe('Where the environment answers, e.g. http://127.0.0.1:18080'),
  healthPath: z.string().startsWith('/').default('/health'),
});
export type EnvironmentConfig = z.infer<typeof EnvironmentConfig>;

export const EnvironmentsConfig = z.object({
  staging: EnvironmentConfig,
  production: EnvironmentConfig,
});
