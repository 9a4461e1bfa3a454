/**
 * The series SLIs are computed from (the seed's instrumentation: prometheus_client / prom-client names)
 * and how a series is attributed to a version and classified as an error.
 */
export const SLI_METRICS = {
  requests: 'http_requests_total',
  duration: 'http_request_duration_seconds',
  durationBucket: 'http_request_duration_seconds_bucket',
  /** Labels holding the HTTP status, first match wins (the seed uses `status`; many exporters use `code`). */
  statusLabels: ['status', 'code'],
  /** Labels naming the version or deployment a series belongs to, first match wins. */
  versionLabels: ['version', 'deployment'],
  /** Label naming the endpoint; probe endpoints are not user traffic and stay out of the SLIs. */
  endpointLabel: 'endpoint',
  probeEndpoints: ['/metrics', '/health'],
} as const;

/** True for a series of a probe endpoint (scrapes and health checks would otherwise count as healthy traffic). */
export function isProbe(labels: Record<string, string>): boolean {
  const endpoint = labels[SLI_METRICS.endpointLabel];
  return endpoint !== undefined && (SLI_METRICS.probeEndpoints as readonly string[]).includes(endpoint);
}

/** Version attributed to series without a version label. */
export const UNLABELLED_VERSION = '(unlabelled)';

/** The version a series belongs to. */
export function versionOf(labels: Record<string, string>): string {
  for (const name of SLI_METRICS.versionLabels) {
    const value = labels[name];
    if (value !== undefined && value !== '') return value;
  }
  return UNLABELLED_VERSION;
}

/** True when the series counts server errors (HTTP 5xx). */
export function isServerError(labels: Record<string, string>): boolean {
  for (const name of SLI_METRICS.statusLabels) {
    const value = labels[name];
    if (value !== undefined) return /^5\d\d$/.test(value);
  }
  return false;
}
