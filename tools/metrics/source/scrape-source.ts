/** `metrics.source: scrape`: read the services' /metrics directly; PromQL is not available. */
import { ToolFailure } from '../../../src/errors.js';
import type { Matrix, MetricsSource, Sample, ScrapeTarget, Vector } from './metrics-source.js';
import { scrapeExposition } from './scrape-exposition.js';

export class ScrapeSource implements MetricsSource {
  readonly kind = 'scrape' as const;
  readonly supportsQuery = false;

  constructor(private readonly options: { timeoutMs: number }) {}

  scrape(target: ScrapeTarget): Promise<Sample[]> {
    return scrapeExposition(target.url, { timeoutMs: this.options.timeoutMs });
  }

  async query(promql: string): Promise<Vector> {
    throw new ToolFailure(`metrics.source is scrape, which cannot evaluate PromQL (${promql}); set metrics.source: prometheus with metrics.prometheus.url`, {
      field: 'metrics.source',
    });
  }

  async queryRange(promql: string): Promise<Matrix> {
    return this.query(promql) as unknown as Matrix;
  }
}
