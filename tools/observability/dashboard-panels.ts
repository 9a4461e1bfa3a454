/**
 * The seed's dashboard panels (request_rate, error_rate, latency_p95, active_users) as Grafana stat and
 * time-series panels. Typed with Grafana's own dashboard types (@grafana/schema, types only).
 */
import type { FieldColorModeId, Panel, ThresholdsMode } from '@grafana/schema';

/** Panels read the data source the importer picks for the `DS_PROMETHEUS` input. */
export const DATASOURCE = { type: 'prometheus', uid: '${DS_PROMETHEUS}' } as const;

export interface PanelQueries {
  statusLabel: string;
  requestRate: string;
  requestRateByStatus: string;
  errorRate: string;
  errorRateByVersion: string;
  latencyP95: string;
  latencyP95ByVersion: string;
  activeUsers: string;
}

export interface PanelThresholds {
  errorRate: number;
  latencyP95Seconds: number;
}

/** PromQL for each panel, filtered by the dashboard's variables; `status` is the label holding the HTTP status. */
export function panelQueries(statusLabel: string): PanelQueries {
  const sel = (extra = '') => `{job="$job",instance=~"$instance",version=~"$version"${extra}}`;
  const rate = (extra = '') => `rate(http_requests_total${sel(extra)}[$__rate_interval])`;
  const errors = `,${statusLabel}=~"5.."`;
  const buckets = `rate(http_request_duration_seconds_bucket${sel()}[$__rate_interval])`;
  return {
    statusLabel,
    requestRate: `sum(${rate()})`,
    requestRateByStatus: `sum by (${statusLabel}) (${rate()})`,
    // `or vector(0)`: a service that never failed has no 5xx series, and the panel should read 0, not "No data".
    errorRate: `(sum(${rate(errors)}) or vector(0)) / sum(${rate()})`,
    errorRateByVersion: `(sum by (version) (${rate(errors)}) or 0 * sum by (version) (${rate()})) / sum by (version) (${rate()})`,
    latencyP95: `histogram_quantile(0.95, sum by (le) (${buckets}))`,
    latencyP95ByVersion: `histogram_quantile(0.95, sum by (version, le) (${buckets}))`,
    activeUsers: `sum(active_users{job="$job",instance=~"$instance"})`,
  };
}

// @grafana/schema is a compile-time dependency: its enums are not loaded at run time, but their values are checked here.
const ABSOLUTE: `${ThresholdsMode.Absolute}` = 'absolute';
const BY_THRESHOLDS: `${FieldColorModeId.Thresholds}` = 'thresholds';

const thresholds = (red: number | null) => ({
  mode: ABSOLUTE as ThresholdsMode,
  steps: red === null ? [{ color: 'green', value: null }] : [{ color: 'green', value: null }, { color: 'red', value: red }],
});

function stat(id: number, title: string, expr: string, unit: string, red: number | null, x: number): Panel {
  return {
    id,
    type: 'stat',
    title,
    datasource: DATASOURCE,
    gridPos: { h: 4, w: 6, x, y: 0 },
    fieldConfig: { defaults: { unit, thresholds: thresholds(red), color: { mode: BY_THRESHOLDS as FieldColorModeId } }, overrides: [] },
    options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'background', graphMode: 'area', textMode: 'auto' },
    targets: [{ refId: 'A', datasource: DATASOURCE, expr, instant: false, range: true, legendFormat: title }],
  };
}

function timeseries(id: number, title: string, expr: string, legend: string, unit: string, red: number | null, x: number, y: number): Panel {
  return {
    id,
    type: 'timeseries',
    title,
    datasource: DATASOURCE,
    gridPos: { h: 8, w: 12, x, y },
    fieldConfig: {
      defaults: {
        unit,
        thresholds: thresholds(red),
        // Draw the alert threshold on the graph, so a reader sees how close the service runs to it.
        custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: 10, thresholdsStyle: { mode: red === null ? 'off' : 'line+area' } },
      },
      overrides: [],
    },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
    targets: [{ refId: 'A', datasource: DATASOURCE, expr, legendFormat: legend, range: true }],
  };
}

/** The eight panels: four current values on top, four trends below (by status or version, for canaries). */
export function seedPanels(q: PanelQueries, t: PanelThresholds): Panel[] {
  return [
    stat(1, 'Request rate', q.requestRate, 'reqps', null, 0),
    stat(2, 'Error rate', q.errorRate, 'percentunit', t.errorRate, 6),
    stat(3, 'Latency p95', q.latencyP95, 's', t.latencyP95Seconds, 12),
    stat(4, 'Active users', q.activeUsers, 'none', null, 18),
    timeseries(5, 'Request rate by status', q.requestRateByStatus, `{{${q.statusLabel}}}`, 'reqps', null, 0, 4),
    timeseries(6, 'Error rate by version', q.errorRateByVersion, '{{version}}', 'percentunit', t.errorRate, 12, 4),
    timeseries(7, 'Latency p95 by version', q.latencyP95ByVersion, '{{version}}', 's', t.latencyP95Seconds, 0, 12),
    timeseries(8, 'Active users', q.activeUsers, 'active users', 'none', null, 12, 12),
  ];
}
