/**
 * The metrics source seam: where SLIs come from.
 * `scrape` reads the services' /metrics directly, `prometheus` asks a Prometheus server (HTTP API),
 * `sim` is provided by the eval harness. Tools get the run's source with `getMetricsSource(ctx)`.
 */
import type { EnvironmentName } from '../../deploy/driver.js';

/** Runtime key under which the run's metrics source lives; the eval harness provides a `sim` source here. */
export const METRICS_SOURCE_KEY = 'metrics-source';

/** One scraped sample (a series name, its labels and value). */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Timestamp the exposition carried, ms; null when it had none (the usual case). */
  timestampMs: number | null;
}

/** One element of an instant-query result. */
export interface VectorSample {
  labels: Record<string, string>;
  value: number;
  timestampMs: number;
}
export type Vector = VectorSample[];

/** One series of a range-query result. */
export interface MatrixSeries {
  labels: Record<string, string>;
  points: Array<{ timestampMs: number; value: number }>;
}
export type Matrix = MatrixSeries[];

export interface ScrapeTarget {
  environment: EnvironmentName;
  url: string;
}

export interface MetricsSource {
  readonly kind: 'scrape' | 'prometheus' | 'sim';
  /** True when `query`/`queryRange` evaluate PromQL; SLIs then come from queries instead of scrape deltas. */
  readonly supportsQuery: boolean;
  /** Read a target's exposition now. Throws ToolFailure when it does not answer or is not an exposition. */
  scrape(target: ScrapeTarget): Promise<Sample[]>;
  /** Instant PromQL query. Throws ToolFailure on PromQL errors and NoDataError on an empty result. */
  query(promql: string, at?: Date): Promise<Vector>;
  /** Range PromQL query. Same errors as `query`. */
  queryRange(promql: string, start: Date, end: Date, stepSeconds: number): Promise<Matrix>;
}
