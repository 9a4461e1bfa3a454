/** HTTP request with a timeout that never throws for HTTP-level outcomes; unreachable is a value, not an exception. */
import { DEFAULTS } from '../../src/constants.js';

export interface HttpResult {
  url: string;
  /** null when nothing answered (connection refused, DNS, timeout). */
  status: number | null;
  ok: boolean;
  body: string;
  headers: Record<string, string>;
  durationMs: number;
  /** Why nothing answered, or null. */
  error: string | null;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  maxBodyChars?: number;
}

/** Perform one request; `status: null` with `error` when the service did not answer. */
export async function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULTS.httpTimeoutMs;
  const signals = [AbortSignal.timeout(timeoutMs)];
  if (options.signal) signals.push(options.signal);
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.any(signals),
      redirect: 'manual',
    });
    const text = await response.text();
    const max = options.maxBodyChars ?? 1_000_000;
    return {
      url,
      status: response.status,
      ok: response.ok,
      body: text.length > max ? text.slice(0, max) : text,
      headers: Object.fromEntries(response.headers.entries()),
      durationMs: Date.now() - started,
      error: null,
    };
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    const reason =
      err.name === 'TimeoutError' || err.name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : err.cause?.code ?? err.cause?.message ?? err.message;
    return { url, status: null, ok: false, body: '', headers: {}, durationMs: Date.now() - started, error: String(reason) };
  }
}
