/** Config section: where metrics come from. */
import { z } from 'zod';

export const MetricsConfig = z
  .object({
    source: z.enum(['scrape', 'prometheus', 'sim']).default('scrape'),
    scrapePath: z.string().default('/metrics'),
    scrapeTargets: z
      .object({ staging: z.array(z.string().url()).optional(), production: z.array(z.string().url()).optional() })
      .optional()
      .describe('Base URLs of each instance to scrape (replicas, one per version) instead of the environment baseUrl'),
    prometheus: z
      .object({
        url: z.string().url(),
        selector: z
          .string()
          .default('environment="{{environment}}"')
          .describe('Label matchers that pick one environment\'s series in every query; {{environment}} is replaced'),
      })
      .optional(),
    dashboardsDir: z.string().default('observability'),
  })
  .default({ source: 'scrape', scrapePath: '/metrics', dashboardsDir: 'observability' });
