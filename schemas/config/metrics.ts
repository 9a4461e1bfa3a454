/** Config section: where metrics come from. */
import { z } from 'zod';

export const MetricsConfig = z
  .object({
    source: z.enum(['scrape', 'prometheus', 'sim']).default('scrape'),
    scrapePath: z.string().default('/metrics'),
    prometheus: z.object({ url: z.string().url() }).optional(),
    dashboardsDir: z.string().default('observability'),
  })
  .default({ source: 'scrape', scrapePath: '/metrics', dashboardsDir: 'observability' });
