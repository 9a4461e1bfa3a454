/**
 * Finds, in what a service really exposes, the series each seed alert needs: the request counter and
 * its status label, the latency histogram's buckets, a health gauge and a database signal.
 * Nothing is guessed into existence: a missing signal is `null`, and the caller reports it.
 */
import type { MetricInventory, SeriesInfo } from './metric-inventory.js';

export const REQUEST_COUNTER = 'http_requests_total';
export const LATENCY_HISTOGRAM = 'http_request_duration_seconds';

/** Label names services use for the HTTP status, in order of preference. */
const STATUS_LABELS = ['status', 'code', 'status_code'];

export interface RequestCounter {
  series: string;
  statusLabel: string;
}

/** The request counter and the label holding the HTTP status, or why it cannot be used. */
export function findRequestCounter(inventory: MetricInventory): RequestCounter | { missing: string } {
  const info = inventory.series.get(REQUEST_COUNTER);
  if (!info) return { missing: `${inventory.source} exposes no ${REQUEST_COUNTER} series` };
  if (!info.labelsKnown) return { missing: `${REQUEST_COUNTER} is declared but has no samples yet (no request counted), so its status label cannot be checked; send a request and retry` };
  const statusLabel = STATUS_LABELS.find((label) => info.labels.has(label));
  if (!statusLabel) {
    return { missing: `${REQUEST_COUNTER} has no status label (looked for ${STATUS_LABELS.join(', ')}; found ${[...info.labels].join(', ') || 'none'})` };
  }
  return { series: REQUEST_COUNTER, statusLabel };
}

export interface LatencyHistogram {
  bucketSeries: string;
  /** Finite upper bounds, ascending, as numbers, with the exact `le` text the service writes. */
  bounds: { value: number; text: string }[];
}

/** The latency histogram's buckets, or why it cannot be used. */
export function findLatencyHistogram(inventory: MetricInventory): LatencyHistogram | { missing: string } {
  const bucketSeries = `${LATENCY_HISTOGRAM}_bucket`;
  const info = inventory.series.get(bucketSeries);
  if (!info) return { missing: `${inventory.source} exposes no ${bucketSeries} series (a histogram named ${LATENCY_HISTOGRAM})` };
  if (!info.labelsKnown) return { missing: `${bucketSeries} is declared but has no samples yet, so its bucket bounds are unknown; send a request and retry` };
  const les = [...(info.values.get('le') ?? [])];
  if (!les.includes('+Inf')) return { missing: `${bucketSeries} has no le="+Inf" bucket, so it is not a valid histogram` };
  const bounds = les
    .filter((text) => text !== '+Inf')
    .map((text) => ({ value: Number(text), text }))
    .filter((b) => Number.isFinite(b.value))
    .sort((a, b) => a.value - b.value);
  return { bucketSeries, bounds };
}

export type DatabaseSignal =
  | { kind: 'error-counter'; series: string }
  | { kind: 'check-gauge'; series: string; label: string; value: string }
  | { kind: 'up-gauge'; series: string };

const DB_WORD = /(^|_)(db|database|sql|postgres|pg|mysql|mongo|redis)(_|$)/i;
const ERROR_WORD = /(error|errors|fail|failed|failures)(_total)?$/;

function checkLabelFor(info: SeriesInfo, wanted: RegExp): { label: string; value: string } | null {
  for (const [label, values] of info.values) {
    for (const value of values) if (wanted.test(value)) return { label, value };
  }
  return null;
}

/** A metric that tells whether the database connection works, by naming convention, or null. */
export function findDatabaseSignal(inventory: MetricInventory): DatabaseSignal | null {
  const all = [...inventory.series.values()];
  const counter = all.find((s) => s.type === 'counter' && DB_WORD.test(s.name) && ERROR_WORD.test(s.name) && s.name.endsWith('_total'));
  if (counter) return { kind: 'error-counter', series: counter.name };
  for (const info of all) {
    if (info.type !== 'gauge' || !/health|check|up$/.test(info.name)) continue;
    const check = checkLabelFor(info, /^(db|database)$/i);
    if (check) return { kind: 'check-gauge', series: info.name, ...check };
  }
  const gauge = all.find((s) => s.type === 'gauge' && DB_WORD.test(s.name) && /(up|connected|healthy|available)$/.test(s.name));
  if (gauge) return { kind: 'up-gauge', series: gauge.name };
  return null;
}

/** A gauge reporting the service's own health check (1 healthy, 0 not), or null. */
export function findHealthGauge(inventory: MetricInventory): { series: string; checkLabel: string | null } | null {
  for (const info of inventory.series.values()) {
    if (info.type !== 'gauge' || !/health/.test(info.name)) continue;
    const checkLabel = ['check', 'component', 'name'].find((l) => info.labels.has(l)) ?? null;
    return { series: info.name, checkLabel };
  }
  return null;
}
