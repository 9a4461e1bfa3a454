/**
 * What a service really exposes: its series names, their family type, label names and (a few) label values.
 * Alert rules and dashboards may only use names found here (plus what Prometheus adds to every target).
 */
import { ToolFailure } from '../../src/errors.js';
import { parseExposition, type MetricType } from '../metrics/exposition/parse-exposition.js';
import { httpRequest } from '../shared/http-request.js';

export interface SeriesInfo {
  /** Series name as PromQL sees it (`http_request_duration_seconds_bucket`). */
  name: string;
  family: string;
  type: MetricType;
  labels: Set<string>;
  /** Distinct values per label, capped (enough to find `le` bounds and `check="database"`). */
  values: Map<string, Set<string>>;
  /** False when the family is declared (HELP/TYPE) but has no samples yet, so its labels are unknown. */
  labelsKnown: boolean;
}

export interface MetricInventory {
  source: string;
  series: Map<string, SeriesInfo>;
  /** Families declared with HELP/TYPE but without a sample (a labelled counter nobody incremented yet). */
  emptyFamilies: string[];
}

/** Series names a family of `type` produces (for families declared without samples). */
const SERIES_OF: Record<MetricType, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

const MAX_VALUES_PER_LABEL = 64;

/** Series Prometheus itself records for every scrape target (they never appear in the exposition). */
export const SYNTHETIC_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added'];

/** Target labels Prometheus attaches to every scraped series. */
export const TARGET_LABELS = ['job', 'instance'];

/** Build the inventory from exposition text (throws the parser's error, with the line, on malformed text). */
export function inventoryFromText(text: string, source: string): MetricInventory {
  const exposition = parseExposition(text, { source });
  const series = new Map<string, SeriesInfo>();
  const emptyFamilies: string[] = [];
  for (const family of exposition.families) {
    if (family.samples.length === 0) {
      emptyFamilies.push(family.name);
      for (const suffix of SERIES_OF[family.type]) {
        const name = `${family.name}${suffix}`;
        series.set(name, { name, family: family.name, type: family.type, labels: new Set(), values: new Map(), labelsKnown: false });
      }
      continue;
    }
    for (const sample of family.samples) {
      let info = series.get(sample.name);
      if (!info) {
        info = { name: sample.name, family: family.name, type: family.type, labels: new Set(), values: new Map(), labelsKnown: true };
        series.set(sample.name, info);
      }
      for (const [label, value] of Object.entries(sample.labels)) {
        info.labels.add(label);
        let values = info.values.get(label);
        if (!values) info.values.set(label, (values = new Set()));
        if (values.size < MAX_VALUES_PER_LABEL) values.add(value);
      }
    }
  }
  return { source, series, emptyFamilies };
}

/**
 * Scrape `url` and build the inventory; an unreachable or failing endpoint is a ToolFailure naming the URL.
 * When families have no samples yet, scrape once more: many services count the scrape request itself.
 */
export async function scrapeInventory(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<MetricInventory> {
  const first = await scrapeOnce(url, options);
  return first.emptyFamilies.length > 0 ? scrapeOnce(url, options) : first;
}

async function scrapeOnce(url: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<MetricInventory> {
  const response = await httpRequest(url, { timeoutMs: options.timeoutMs, signal: options.signal, headers: { accept: 'text/plain;version=0.0.4' } });
  if (response.status === null) {
    throw new ToolFailure(`could not scrape ${url}: ${response.error}; expected the service's Prometheus metrics there`, { url });
  }
  if (!response.ok) {
    throw new ToolFailure(`scraping ${url} answered HTTP ${response.status}; expected 200 with Prometheus text exposition`, { url });
  }
  return inventoryFromText(response.body, url);
}

/** True when PromQL can select `name` on a target of this service (exposed or added by Prometheus). */
export function hasSeries(inventory: MetricInventory, name: string): boolean {
  return inventory.series.has(name) || SYNTHETIC_SERIES.includes(name);
}

/** True when series `name` carries `label` (target labels and the name label always exist; unknown labels are given the benefit of the doubt). */
export function hasLabel(inventory: MetricInventory, name: string, label: string): boolean {
  if (TARGET_LABELS.includes(label) || label === '__name__') return true;
  const info = inventory.series.get(name);
  if (!info) return false;
  return !info.labelsKnown || info.labels.has(label);
}
