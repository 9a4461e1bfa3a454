/**
 * Which /metrics endpoints make up an environment. Behind the local driver's weighted proxy a request to
 * baseUrl reaches one version at random, so each running instance is scraped on its own port instead.
 */
import type { ToolContext } from '../../tool.js';
import type { EnvironmentName } from '../../deploy/driver.js';
import { getDriver } from '../../deploy/get-driver.js';

export interface ResolvedTarget {
  url: string;
  /** host:port, used as the `instance` label like Prometheus does. */
  instance: string;
}

function targetFor(base: string, scrapePath: string): ResolvedTarget {
  const url = new URL(scrapePath, base.endsWith('/') ? base : `${base}/`);
  // scrapePath starts with '/', so it replaces any base path; that matches how Prometheus joins metrics_path.
  return { url: url.toString(), instance: url.host };
}

/** Running instances the local driver reports for `environment` (public `details.instances` of its status). */
async function localInstances(ctx: ToolContext, environment: EnvironmentName): Promise<string[]> {
  if (ctx.config.deploy.driver !== 'local' || !ctx.config.deploy.local) return [];
  const state = await getDriver(ctx).status(environment, { signal: ctx.signal });
  const instances = state.details.instances;
  if (!instances || typeof instances !== 'object') return [];
  return Object.values(instances as Record<string, { url?: unknown; alive?: unknown }>)
    .filter((i) => typeof i.url === 'string' && i.alive !== false)
    .map((i) => i.url as string);
}

/**
 * The scrape targets of `environment`: metrics.scrapeTargets when configured, else each local instance when the local
 * driver runs it, otherwise baseUrl + scrapePath.
 */
export async function resolveScrapeTargets(ctx: ToolContext, environment: EnvironmentName): Promise<ResolvedTarget[]> {
  const { scrapePath, scrapeTargets } = ctx.config.metrics;
  const configured = scrapeTargets?.[environment];
  if (configured && configured.length > 0) return configured.map((url) => targetFor(url, scrapePath));
  const instances = await localInstances(ctx, environment);
  if (instances.length > 0) return instances.map((url) => targetFor(url, scrapePath));
  return [targetFor(ctx.config.environments[environment].baseUrl, scrapePath)];
}
