/**
 * The `sim` metrics source the harness provides under METRICS_SOURCE_KEY. It evaluates the two window queries
 * the SLI readers send (increase() of the request counter and of the latency buckets, summed by version) from the
 * scenario's traffic script: the n-th window asked for an environment is scripted interval n, so analyses that run
 * several intervals see them in order without waiting for a clock. Scrapes read the loopback service's real /metrics.
 */
import { ToolFailure } from '../../src/errors.js';
import type { EnvironmentName } from '../../tools/deploy/driver.js';
import type { Matrix, MetricsSource, Sample, ScrapeTarget, Vector } from '../../tools/metrics/source/metrics-source.js';
import { NoDataError } from '../../tools/metrics/source/no-data-error.js';
import { scrapeExposition } from '../../tools/metrics/source/scrape-exposition.js';
import { intervalCounts, scriptedInterval } from './traffic.js';
import type { SimWorld } from './sim-world.js';

type QueryKind = 'requests' | 'buckets';

/** Which window query this is, and for which environment; null when the sim cannot evaluate it. */
export function parseWindowQuery(promql: string): { kind: QueryKind; environment: EnvironmentName | null } | null {
  const kind: QueryKind | null = /increase\(\s*http_requests_total\b/.test(promql)
    ? 'requests'
    : /increase\(\s*http_request_duration_seconds_bucket\b/.test(promql)
      ? 'buckets'
      : null;
  if (!kind) return null;
  const env = /environment\s*=\s*"(staging|production)"/.exec(promql)?.[1] as EnvironmentName | undefined;
  return { kind, environment: env ?? null };
}

export class SimMetricsSource implements MetricsSource {
  readonly kind = 'sim' as const;
  readonly supportsQuery = true;
  /** Windows answered so far, per environment and query kind: the next one is the next scripted interval. */
  private readonly asked = new Map<string, number>();
  /** Every query received, in order (tests and debugging). */
  readonly queries: string[] = [];

  constructor(
    private readonly world: SimWorld,
    private readonly options: { timeoutMs: number },
  ) {}

  scrape(target: ScrapeTarget): Promise<Sample[]> {
    return scrapeExposition(target.url, { timeoutMs: this.options.timeoutMs });
  }

  async query(promql: string, at: Date = new Date()): Promise<Vector> {
    this.queries.push(promql);
    const parsed = parseWindowQuery(promql);
    if (!parsed) throw new ToolFailure(`sim metrics source cannot evaluate ${promql}: only the SLI window queries over http_requests_total and http_request_duration_seconds_bucket are scripted`, { field: 'promql' });
    const environment = parsed.environment ?? 'production';
    const key = `${environment}:${parsed.kind}`;
    const index = this.asked.get(key) ?? 0;
    this.asked.set(key, index + 1);
    const vector = this.world.script.missingMetrics ? [] : this.evaluate(parsed.kind, environment, index, at.getTime());
    if (vector.length === 0) throw new NoDataError(`empty result for ${promql} (sim: no series for ${environment} in interval ${index + 1})`, { field: 'promql' });
    return vector;
  }

  async queryRange(promql: string): Promise<Matrix> {
    throw new ToolFailure(`sim metrics source does not script range queries (${promql}); the SLI readers use instant window queries`, { field: 'promql' });
  }

  /** Versions receiving traffic in `environment` now. */
  private servingVersions(environment: EnvironmentName): string[] {
    return Object.entries(this.world.state(environment).weights)
      .filter(([, weight]) => weight > 0)
      .map(([version]) => version);
  }

  private evaluate(kind: QueryKind, environment: EnvironmentName, index: number, timestampMs: number): Vector {
    const vector: Vector = [];
    for (const version of this.servingVersions(environment)) {
      const interval = scriptedInterval(this.world.script, version, index);
      if (!interval || interval.requests === 0) continue;
      const counts = intervalCounts(interval);
      if (kind === 'requests') {
        vector.push({ labels: { version, status: '200' }, value: counts.requests - counts.errors, timestampMs });
        if (counts.errors > 0) vector.push({ labels: { version, status: '500' }, value: counts.errors, timestampMs });
      } else {
        for (const bucket of counts.buckets) vector.push({ labels: { version, le: bucket.le }, value: bucket.count, timestampMs });
      }
    }
    return vector;
  }
}
