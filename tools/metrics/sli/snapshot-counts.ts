/**
 * Window counts from two snapshots' counter deltas. A counter that went down was reset (the process restarted),
 * so its increase is its new value, as Prometheus' increase() assumes; a series new in the end snapshot
 * started inside the window and counts from zero.
 */
import type { Sample } from '../source/metrics-source.js';
import type { Snapshot } from '../source/snapshot.js';
import { parseLe } from './histogram-quantile.js';
import { isProbe, isServerError, SLI_METRICS, versionOf } from './sli-metrics.js';
import { addToBucket, emptyVersionCounts, type VersionCounts, type WindowCounts } from './window-counts.js';

/** Identity of a series: its name and every label, order-independent. */
export function seriesKey(sample: Sample): string {
  const keys = Object.keys(sample.labels).sort();
  let key = sample.name;
  for (const k of keys) key += `\u0000${k}\u0001${sample.labels[k]}`;
  return key;
}

/** Increase of a counter between two readings, counting a decrease as a reset. */
export function counterIncrease(start: number | undefined, end: number): number {
  if (start === undefined) return end;
  return end >= start ? end - start : end;
}

/** Requests, errors and latency buckets per version between `start` (null: since the counters began) and `end`. */
export function countsBetween(start: Snapshot | null, end: Snapshot): WindowCounts {
  const before = new Map<string, number>();
  for (const sample of start?.samples ?? []) before.set(seriesKey(sample), sample.value);
  const byVersion: Record<string, VersionCounts> = {};
  const counts = (labels: Record<string, string>) => (byVersion[versionOf(labels)] ??= emptyVersionCounts());
  for (const sample of end.samples) {
    if (isProbe(sample.labels)) continue;
    if (sample.name === SLI_METRICS.requests) {
      const increase = counterIncrease(before.get(seriesKey(sample)), sample.value);
      const c = counts(sample.labels);
      c.requests += increase;
      if (isServerError(sample.labels)) c.errors += increase;
    } else if (sample.name === SLI_METRICS.durationBucket) {
      const bound = parseLe(sample.labels.le);
      if (bound === undefined) continue;
      addToBucket(counts(sample.labels).buckets, bound, counterIncrease(before.get(seriesKey(sample)), sample.value));
    }
  }
  const provenance = [
    start ? `scrape at ${new Date(start.atMs).toISOString()} of ${start.targets.join(', ')}` : 'counters since process start (no earlier scrape)',
    `scrape at ${new Date(end.atMs).toISOString()} of ${end.targets.join(', ')}`,
  ];
  return { startMs: start?.atMs ?? end.atMs, endMs: end.atMs, byVersion, provenance };
}

/** Names of the SLI series missing from a snapshot (so "no data" can say what is absent). */
export function missingSliSeries(samples: readonly Sample[]): string[] {
  const names = new Set(samples.map((s) => s.name));
  return [SLI_METRICS.requests, SLI_METRICS.durationBucket].filter((n) => !names.has(n));
}
