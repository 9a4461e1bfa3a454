/**
 * Deliver one message to one webhook: bounded retries with exponential backoff on 5xx, 429, 408 and no answer,
 * the same Idempotency-Key on every try (receivers that honour it post once), and the URL never in the result.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { redactText } from '../../src/ledger/redact.js';
import { httpRequest } from '../shared/http-request.js';

export interface Delivery {
  /** The channel's configured name, else the webhook's host (the URL is a secret). */
  channel: string;
  type: 'webhook' | 'slack';
  /** Last HTTP status, or null when nothing answered. */
  status: number | null;
  attempts: number;
  ok: boolean;
  error: string | null;
}

export interface DeliverOptions {
  url: string;
  label: string;
  type: 'webhook' | 'slack';
  body: string;
  idempotencyKey: string;
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  signal?: AbortSignal;
}

// Never wait longer than this for one Retry-After, so a tool call stays bounded.
const MAX_RETRY_AFTER_MS = 5_000;

/** What to call a channel in output and logs: its name, else the URL's host. */
export function channelLabel(url: string, name?: string): string {
  if (name) return name;
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}

const retryable = (status: number | null) => status === null || status >= 500 || status === 429 || status === 408;

/** Retry-After in milliseconds (seconds form only), capped. */
function retryAfterMs(headers: Record<string, string>): number | null {
  const value = headers['retry-after'];
  if (!value || !/^\d+$/.test(value.trim())) return null;
  return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
}

/** Remove the URL (and its path, which holds the token in Slack-style hooks) from a message. */
function scrub(text: string, url: string, label: string): string {
  let out = text.split(url).join(label);
  try {
    const { pathname, search } = new URL(url);
    if (pathname.length > 1) out = out.split(`${pathname}${search}`).join('[REDACTED]');
  } catch {
    // An unparsable URL was already replaced whole above.
  }
  return redactText(out);
}

/** POST `body` to the channel, retrying transient failures; never throws. */
export async function deliver(options: DeliverOptions): Promise<Delivery> {
  const { url, label, type } = options;
  let attempts = 0;
  let status: number | null = null;
  let error: string | null = null;
  while (attempts < options.maxAttempts) {
    attempts += 1;
    const result = await httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey, 'user-agent': 'sre-agent' },
      body: options.body,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxBodyChars: 2_000,
    });
    status = result.status;
    if (result.ok) return { channel: label, type, status, attempts, ok: true, error: null };
    error =
      result.status === null
        ? `no answer from ${label}: ${result.error ?? 'unknown error'}`
        : `${label} answered HTTP ${result.status}${result.body.trim() ? `: ${result.body.trim().slice(0, 200)}` : ''}`;
    if (!retryable(result.status) || attempts >= options.maxAttempts || options.signal?.aborted) break;
    const delay = retryAfterMs(result.headers) ?? options.baseDelayMs * 2 ** (attempts - 1);
    await sleep(delay, undefined, { signal: options.signal }).catch(() => undefined);
  }
  const tries = attempts > 1 ? ` (after ${attempts} tries)` : '';
  return { channel: label, type, status, attempts, ok: false, error: scrub(`${error}${tries}`, url, label) };
}
