/**
 * The cache key of a chat request: the request body with what changes between identical runs masked — loopback
 * ports, temporary paths, timestamps and dates, durations, run ids, commit hashes — so a rerun of the same
 * scenario asks the same question and hits the cache.
 */
import { createHash } from 'node:crypto';

const MASKS: Array<[RegExp, string]> = [
  [/(127\.0\.0\.1|localhost):\d+/g, '$1:PORT'],
  [/\/[^\s"'`)\]]*?sre-eval-[A-Za-z0-9-]+/g, 'WORKDIR'],
  [/\d{8}T\d{6}-[0-9a-f]{6}/g, 'RUNID'],
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?/g, 'TIMESTAMP'],
  [/\d{4}-\d{2}-\d{2}/g, 'DATE'],
  [/\b[0-9a-f]{40}\b/g, 'SHA1'],
  [/(\\?"\w*(?:Ms|ms|Seconds|duration)\\?"\s*:\s*)-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g, '$1N'],
  [/\b\d+(?:\.\d+)?\s?ms\b/g, 'N ms'],
];

/** The masked text of a value. */
export function maskVolatile(text: string): string {
  return MASKS.reduce((t, [re, replacement]) => t.replace(re, replacement), text);
}

/** Stable JSON: object keys sorted, so key order never changes the hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** sha256 of the masked, canonical request body. */
export function requestKey(body: unknown): string {
  return createHash('sha256').update(maskVolatile(canonicalJson(body))).digest('hex');
}
