/** `metrics.source: prometheus`: instant and range PromQL queries over the HTTP API, plus direct scrapes. */
import { ToolFailure } from '../../../src/errors.js';
import type { Matrix, MetricsSource, Sample, ScrapeTarget, Vector } from './metrics-source.js';
import { NoDataError } from './no-data-error.js';
import { parseApiValue, prometheusGet } from './prometheus-api.js';
import { scrapeExposition } from './scrape-exposition.js';

interface RawVector {
  resultType: string;
  result: Array<{ metric?: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> }> | [number, string];
}

export class PrometheusSource implements MetricsSource {
  readonly kind = 'prometheus' as const;
  readonly supportsQuery = true;

  constructor(private readonly options: { url: string; timeoutMs: number }) {}

  get url(): string {
    return this.options.url;
  }

  scrape(target: ScrapeTarget): Promise<Sample[]> {
    return scrapeExposition(target.url, { timeoutMs: this.options.timeoutMs });
  }

  async query(promql: string, at?: Date): Promise<Vector> {
    const params: Record<string, string> = { query: promql };
    if (at) params.time = String(at.getTime() / 1000);
    const data = (await prometheusGet(this.options.url, '/api/v1/query', params, this.options)) as RawVector;
    if (data.resultType === 'scalar') {
      const [ts, value] = data.result as [number, string];
      return [{ labels: {}, value: parseApiValue(value, promql), timestampMs: Math.round(ts * 1000) }];
    }
    if (data.resultType !== 'vector') {
      throw new ToolFailure(`query ${promql} returned a ${data.resultType}, expected an instant vector (drop the range selector or wrap it in a function)`, {
        query: promql,
      });
    }
    const result = data.result as Array<{ metric?: Record<string, string>; value?: [number, string] }>;
    if (result.length === 0) throw new NoDataError(`query ${promql} returned no series (no data in Prometheus at ${this.options.url})`, { query: promql });
    return result.map((entry) => ({
      labels: entry.metric ?? {},
      value: parseApiValue(entry.value?.[1], promql),
      timestampMs: Math.round((entry.value?.[0] ?? 0) * 1000),
    }));
  }

  async queryRange(promql: string, start: Date, end: Date, stepSeconds: number): Promise<Matrix> {
    if (!(stepSeconds > 0)) throw new ToolFailure(`range query step must be positive seconds, got ${stepSeconds}`, { query: promql });
    const params = { query: promql, start: String(start.getTime() / 1000), end: String(end.getTime() / 1000), step: String(stepSeconds) };
    const data = (await prometheusGet(this.options.url, '/api/v1/query_range', params, this.options)) as RawVector;
    if (data.resultType !== 'matrix') throw new ToolFailure(`range query ${promql} returned a ${data.resultType}, expected a matrix`, { query: promql });
    const result = data.result as Array<{ metric?: Record<string, string>; values?: Array<[number, string]> }>;
    if (result.length === 0) throw new NoDataError(`range query ${promql} returned no series (no data in Prometheus at ${this.options.url})`, { query: promql });
    return result.map((series) => ({
      labels: series.metric ?? {},
      points: (series.values ?? []).map(([ts, value]) => ({ timestampMs: Math.round(ts * 1000), value: parseApiValue(value, promql) })),
    }));
  }
}
