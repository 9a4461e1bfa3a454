/** Config section: gates and SLO thresholds (defaults from the seed, in src/constants.ts). */
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';

export const ThresholdsConfig = z
  .object({
    coverage: z.number().min(0).max(100).default(DEFAULTS.coverageThreshold).describe('Minimum line coverage, percent'),
    errorRate: z.number().min(0).max(1).default(DEFAULTS.errorRateThreshold).describe('Maximum 5xx ratio'),
    latencyP95Seconds: z.number().positive().default(DEFAULTS.latencyP95ThresholdSeconds),
    availabilityTarget: z.number().gt(0).lt(1).default(DEFAULTS.sloAvailabilityTarget).describe('SLO target, e.g. 0.995'),
  })
  .default({
    coverage: DEFAULTS.coverageThreshold,
    errorRate: DEFAULTS.errorRateThreshold,
    latencyP95Seconds: DEFAULTS.latencyP95ThresholdSeconds,
    availabilityTarget: DEFAULTS.sloAvailabilityTarget,
  });
