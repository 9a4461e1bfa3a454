/** sli_measure: request rate, error rate and p95 latency of an environment over a window, overall and per version. */
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';
import { ToolFailure } from '../../src/errors.js';
import { defineTool } from '../tool.js';
import { readWindow } from './sli/read-window.js';
import { computeSli, mergeVersions } from './sli/window-counts.js';

const SliShape = z.object({
  requests: z.number(),
  errors: z.number(),
  requestRate: z.number(),
  errorRate: z.number().nullable(),
  latencyP95Seconds: z.number().nullable(),
  latencyObservations: z.number(),
});

export const sliMeasureTool = defineTool({
  name: 'sli_measure',
  title: 'Measure SLIs',
  description:
    'Measure the service-level indicators of an environment over a window: requests per second, error rate (HTTP 5xx / all requests) ' +
    'and p95 latency (histogram_quantile over http_request_duration_seconds buckets), overall and per version label. With ' +
    'metrics.source prometheus the window is queried; with scrape the tool reads /metrics twice, windowSeconds apart (it waits). ' +
    'errorRate and latencyP95Seconds are null when there was no traffic (noData: true): that means "unknown", not zero.',
  input: z.object({
    environment: z.enum(['staging', 'production']),
    windowSeconds: z.number().int().min(1).max(30 * 24 * 3600).default(DEFAULTS.sliWindowSeconds).describe('Length of the window ending now'),
    version: z.string().optional().describe('Only this version (its `version` label); all versions when omitted'),
  }),
  output: SliShape.extend({
    environment: z.enum(['staging', 'production']),
    windowSeconds: z.number(),
    byVersion: z.record(z.string(), SliShape),
    source: z.enum(['scrape', 'prometheus', 'sim']),
    watchedLive: z.boolean(),
    noData: z.boolean(),
    detail: z.string(),
    provenance: z.array(z.string()),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  handler: async ({ environment, windowSeconds, version }, ctx) => {
    const { counts, reader, watchedLive } = await readWindow(ctx, environment, windowSeconds);
    const seconds = (counts.endMs - counts.startMs) / 1000 || windowSeconds;
    const versions = Object.keys(counts.byVersion);
    if (version !== undefined && !counts.byVersion[version] && versions.length > 0) {
      throw new ToolFailure(`no series with version="${version}" in ${environment} over ${seconds}s (versions seen: ${versions.join(', ')})`, {
        field: 'version',
      });
    }
    const selected = version === undefined ? Object.values(counts.byVersion) : [counts.byVersion[version]!].filter(Boolean);
    const overall = computeSli(mergeVersions(selected), seconds);
    const byVersion = Object.fromEntries(Object.entries(counts.byVersion).map(([v, c]) => [v, computeSli(c, seconds)]));
    const noData = overall.requests === 0;
    const detail = noData
      ? `no requests in ${environment} over ${seconds.toFixed(0)}s: error rate and latency are unknown (generate traffic, then measure again)`
      : `${overall.requests} requests (${overall.requestRate.toFixed(2)}/s), error rate ${((overall.errorRate ?? 0) * 100).toFixed(2)}%, ` +
        `p95 ${overall.latencyP95Seconds === null ? 'unknown (no latency observations)' : `${overall.latencyP95Seconds.toFixed(3)}s`} over ${seconds.toFixed(0)}s`;
    return { ...overall, environment, windowSeconds: seconds, byVersion, source: reader.source.kind, watchedLive, noData, detail, provenance: counts.provenance };
  },
});
