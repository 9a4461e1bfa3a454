/** Calls to the Prometheus HTTP API (/api/v1/...) and the checks on their JSON envelopes. */
import { ToolFailure } from '../../../src/errors.js';
import { httpRequest } from '../../shared/http-request.js';

interface ApiEnvelope {
  status: 'success' | 'error';
  data?: unknown;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

/** GET `path` with `params` from the Prometheus at `baseUrl`; returns `data` or throws ToolFailure naming the URL (and query). */
export async function prometheusGet(
  baseUrl: string,
  path: string,
  params: Record<string, string>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<unknown> {
  const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const what = params.query ? `query ${params.query}` : path;
  const response = await httpRequest(url.toString(), { timeoutMs: options.timeoutMs, signal: options.signal, maxBodyChars: 32 * 1024 * 1024 });
  if (response.status === null) throw new ToolFailure(`Prometheus at ${baseUrl} did not answer (${what}): ${response.error}`, { url: url.toString() });
  let envelope: ApiEnvelope;
  try {
    envelope = JSON.parse(response.body) as ApiEnvelope;
  } catch {
    throw new ToolFailure(
      `Prometheus at ${baseUrl} answered HTTP ${response.status} without a JSON API envelope for ${what} (is metrics.prometheus.url a Prometheus server?): ${response.body.slice(0, 120)}`,
      { url: url.toString() },
    );
  }
  if (typeof envelope !== 'object' || envelope === null || (envelope.status !== 'success' && envelope.status !== 'error')) {
    throw new ToolFailure(
      `Prometheus at ${baseUrl} answered HTTP ${response.status} with JSON that is not an API envelope {status, data} for ${what} (is metrics.prometheus.url a Prometheus server?): ${response.body.slice(0, 120)}`,
      { url: url.toString() },
    );
  }
  if (envelope.status !== 'success') {
    throw new ToolFailure(`Prometheus rejected ${what}: ${envelope.errorType ?? 'error'}: ${envelope.error ?? `HTTP ${response.status}`}`, {
      url: url.toString(),
      query: params.query,
    });
  }
  return envelope.data;
}

/** A Prometheus sample value: numbers travel as strings ("NaN", "+Inf" included). */
export function parseApiValue(text: unknown, context: string): number {
  if (typeof text !== 'string') throw new ToolFailure(`Prometheus returned a non-string sample value for ${context}: ${JSON.stringify(text)}`);
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new ToolFailure(`Prometheus returned the sample value "${text}" for ${context}, expected a number`);
  return value;
}
