/** Fetch one /metrics endpoint and parse it; every failure names the URL and what was expected. */
import { ToolFailure } from '../../../src/errors.js';
import { httpRequest } from '../../shared/http-request.js';
import { parseExposition } from '../exposition/parse-exposition.js';
import type { Sample } from './metrics-source.js';

/** Prometheus asks for the classic text format with this header; we do the same so servers never send protobuf. */
const ACCEPT = 'text/plain;version=0.0.4;q=0.9,*/*;q=0.1';

/** Largest exposition we accept (characters); larger scrapes are truncated by httpRequest and would fail to parse. */
const MAX_EXPOSITION_CHARS = 64 * 1024 * 1024;

export interface ScrapeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** GET `url`, parse its exposition and return its samples; throws ToolFailure when unreachable, not 200, not an exposition or empty. */
export async function scrapeExposition(url: string, options: ScrapeOptions): Promise<Sample[]> {
  const response = await httpRequest(url, {
    headers: { accept: ACCEPT },
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    maxBodyChars: MAX_EXPOSITION_CHARS,
  });
  if (response.status === null) throw new ToolFailure(`scrape of ${url} failed: ${response.error}`, { url });
  if (response.status !== 200) {
    throw new ToolFailure(`scrape of ${url} answered HTTP ${response.status}, expected 200 with a Prometheus exposition`, { url });
  }
  const type = response.headers['content-type'] ?? '';
  if (/protobuf|html|json/i.test(type)) {
    throw new ToolFailure(`scrape of ${url} answered content-type ${type}, expected text/plain (Prometheus text format)`, { url });
  }
  const { samples } = parseExposition(response.body, { source: url });
  if (samples.length === 0) throw new ToolFailure(`scrape of ${url} returned no samples (an empty exposition)`, { url });
  return samples.map(({ name, labels, value, timestampMs }) => ({ name, labels, value, timestampMs }));
}
