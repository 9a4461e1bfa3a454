/** Window counts from PromQL: increase() of the request counter and the latency buckets, per version. */
import type { MetricsSource, Vector } from '../source/metrics-source.js';
import { isNoData } from '../source/no-data-error.js';
import { parseLe } from './histogram-quantile.js';
import { isServerError, SLI_METRICS, versionOf } from './sli-metrics.js';
import { addToBucket, emptyVersionCounts, type VersionCounts, type WindowCounts } from './window-counts.js';

const BY_VERSION = SLI_METRICS.versionLabels.join(', ');
const BY_STATUS = SLI_METRICS.statusLabels.join(', ');

/** The PromQL queries used for one window (exposed so tests and the ledger can show them). */
export function windowQueries(selector: string, windowSeconds: number): { requests: string; buckets: string } {
  // Probe endpoints (/metrics, /health) are not user traffic; series without the label still match.
  const probes = `${SLI_METRICS.endpointLabel}!~"${SLI_METRICS.probeEndpoints.join('|')}"`;
  const sel = `{${[selector.trim(), probes].filter(Boolean).join(',')}}`;
  const range = `[${Math.max(1, Math.round(windowSeconds))}s]`;
  return {
    requests: `sum by (${BY_VERSION}, ${BY_STATUS}) (increase(${SLI_METRICS.requests}${sel}${range}))`,
    buckets: `sum by (${BY_VERSION}, le) (increase(${SLI_METRICS.durationBucket}${sel}${range}))`,
  };
}

async function queryOrEmpty(source: MetricsSource, promql: string, at: Date): Promise<Vector> {
  try {
    return await source.query(promql, at);
  } catch (error) {
    // An empty result is "no data" for this window (no traffic), reported as such by the SLI, never as zero.
    if (isNoData(error)) return [];
    throw error;
  }
}

/** Requests, errors and latency buckets per version over the `windowSeconds` ending at `end`. */
export async function countsFromPromql(source: MetricsSource, selector: string, windowSeconds: number, end: Date): Promise<WindowCounts> {
  const queries = windowQueries(selector, windowSeconds);
  const [requests, buckets] = await Promise.all([queryOrEmpty(source, queries.requests, end), queryOrEmpty(source, queries.buckets, end)]);
  const byVersion: Record<string, VersionCounts> = {};
  const counts = (labels: Record<string, string>) => (byVersion[versionOf(labels)] ??= emptyVersionCounts());
  for (const entry of requests) {
    if (!Number.isFinite(entry.value)) continue;
    const c = counts(entry.labels);
    c.requests += entry.value;
    if (isServerError(entry.labels)) c.errors += entry.value;
  }
  for (const entry of buckets) {
    const bound = parseLe(entry.labels.le);
    if (bound === undefined || !Number.isFinite(entry.value)) continue;
    addToBucket(counts(entry.labels).buckets, bound, entry.value);
  }
  return {
    startMs: end.getTime() - windowSeconds * 1000,
    endMs: end.getTime(),
    byVersion,
    provenance: [`${queries.requests} @ ${end.toISOString()}`, `${queries.buckets} @ ${end.toISOString()}`],
  };
}
