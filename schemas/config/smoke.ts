/** Config section: smoke tests beyond the health check — real requests to the service's own endpoints. */
import { z } from 'zod';

export const SmokeConfig = z
  .object({
    paths: z.array(z.string().startsWith('/')).default([]).describe('Endpoints that must answer 2xx, e.g. /api/items'),
    requestsPerPath: z.number().int().positive().max(1000).default(10).describe('Requests per path; every one must answer 2xx'),
  })
  .default({ paths: [], requestsPerPath: 10 });
