/**
 * One way to read window counts whatever the source: PromQL when the source evaluates it,
 * otherwise snapshot deltas (a live watch, or an earlier snapshot of this run's history as the window start).
 */
import type { ToolContext } from '../../tool.js';
import type { EnvironmentName } from '../../deploy/driver.js';
import { getMetricsSource } from '../source/get-metrics-source.js';
import type { MetricsSource } from '../source/metrics-source.js';
import { snapshotHistory, takeSnapshot, type Snapshot } from '../source/snapshot.js';
import { countsFromPromql } from './promql-counts.js';
import { countsBetween } from './snapshot-counts.js';
import type { WindowCounts } from './window-counts.js';

/** A window that started when the watch began; `measure()` reads it up to now. */
export interface Watch {
  startMs: number;
  measure(): Promise<WindowCounts>;
}

export interface WindowReader {
  readonly mode: 'promql' | 'scrape';
  readonly source: MetricsSource;
  /** Counts over the `windowSeconds` ending now, or null when this source cannot look that far back. */
  lookBack(windowSeconds: number): Promise<WindowCounts | null>;
  /** Start a window now. */
  begin(): Promise<Watch>;
}

/** The PromQL label matchers that pick `environment`'s series. */
export function environmentSelector(ctx: ToolContext, environment: EnvironmentName): string {
  const template = ctx.config.metrics.prometheus?.selector ?? 'environment="{{environment}}"';
  return template.replace(/\{\{\s*environment\s*\}\}/g, environment);
}

/** The reader for `environment` with the run's metrics source. */
export function windowReader(ctx: ToolContext, environment: EnvironmentName): WindowReader {
  const source = getMetricsSource(ctx);
  if (source.supportsQuery) {
    const selector = environmentSelector(ctx, environment);
    return {
      mode: 'promql',
      source,
      lookBack: (windowSeconds) => countsFromPromql(source, selector, windowSeconds, new Date()),
      begin: async () => {
        const startMs = Date.now();
        return { startMs, measure: () => countsFromPromql(source, selector, (Date.now() - startMs) / 1000, new Date()) };
      },
    };
  }
  return {
    mode: 'scrape',
    source,
    lookBack: async (windowSeconds) => {
      const start = snapshotHistory(ctx).atOrBefore(environment, Date.now() - windowSeconds * 1000);
      if (!start) return null;
      return countsBetween(start, await takeSnapshot(ctx, environment));
    },
    begin: async () => {
      const start: Snapshot = await takeSnapshot(ctx, environment);
      return { startMs: start.atMs, measure: async () => countsBetween(start, await takeSnapshot(ctx, environment)) };
    },
  };
}

/** Wait `ms`, or less when the run is aborted (then throws the abort reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
