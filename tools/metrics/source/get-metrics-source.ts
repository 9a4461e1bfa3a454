/** The run's metrics source: created on first use from `metrics.source`; `sim` must be provided by the eval harness. */
import { ConfigError } from '../../../src/errors.js';
import type { ToolContext } from '../../tool.js';
import { METRICS_SOURCE_KEY, type MetricsSource } from './metrics-source.js';
import { PrometheusSource } from './prometheus-source.js';
import { ScrapeSource } from './scrape-source.js';

function createSource(ctx: ToolContext): MetricsSource {
  const { metrics, limits } = ctx.config;
  switch (metrics.source) {
    case 'scrape':
      return new ScrapeSource({ timeoutMs: limits.httpTimeoutMs });
    case 'prometheus':
      if (!metrics.prometheus) {
        throw new ConfigError('metrics.source is prometheus but metrics.prometheus.url is missing, e.g. http://127.0.0.1:9090', {
          field: 'metrics.prometheus.url',
        });
      }
      return new PrometheusSource({ url: metrics.prometheus.url, timeoutMs: limits.httpTimeoutMs });
    case 'sim':
      throw new ConfigError(
        `metrics.source is sim, but no simulated source was provided: the eval harness must call runtime.provide('${METRICS_SOURCE_KEY}', source) first; use scrape or prometheus`,
        { field: 'metrics.source' },
      );
  }
}

/** The run's metrics source (one per run). */
export function getMetricsSource(ctx: ToolContext): MetricsSource {
  return ctx.runtime.getOrCreate(METRICS_SOURCE_KEY, () => createSource(ctx));
}
