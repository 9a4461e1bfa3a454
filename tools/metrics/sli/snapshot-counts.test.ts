import { describe, expect, it } from 'vitest';
import type { Sample } from '../source/metrics-source.js';
import type { Snapshot } from '../source/snapshot.js';
import { counterIncrease, countsBetween } from './snapshot-counts.js';

const req = (version: string, status: string, value: number, endpoint = '/api/items'): Sample => ({
  name: 'http_requests_total',
  labels: { method: 'GET', endpoint, status, version, instance: '127.0.0.1:1' },
  value,
  timestampMs: null,
});
const bucket = (version: string, le: string, value: number): Sample => ({
  name: 'http_request_duration_seconds_bucket',
  labels: { method: 'GET', endpoint: '/api/items', version, le, instance: '127.0.0.1:1' },
  value,
  timestampMs: null,
});
const snap = (atMs: number, samples: Sample[]): Snapshot => ({ environment: 'production', atMs, samples, targets: ['http://127.0.0.1:1/metrics'] });

describe('countsBetween (counter deltas between two scrapes)', () => {
  it('subtracts per series, treats a decrease as a reset and a new series as starting from zero', () => {
    const start = snap(0, [req('1.2.0', '200', 100), req('1.2.0', '500', 5), bucket('1.2.0', '0.1', 90), bucket('1.2.0', '+Inf', 105)]);
    const end = snap(10_000, [
      req('1.2.0', '200', 160), // +60
      req('1.2.0', '500', 3), // reset: the process restarted, so +3
      req('1.3.0', '200', 40), // new series: +40
      bucket('1.2.0', '0.1', 140), // +50
      bucket('1.2.0', '+Inf', 168), // +63
    ]);
    const counts = countsBetween(start, end);
    expect(counts.byVersion['1.2.0']).toEqual({ requests: 63, errors: 3, buckets: [{ upperBound: 0.1, count: 50 }, { upperBound: Infinity, count: 63 }] });
    expect(counts.byVersion['1.3.0']!.requests).toBe(40);
    expect(counts.endMs - counts.startMs).toBe(10_000);
  });

  it('leaves probe endpoints (/metrics, /health) out of the SLIs', () => {
    const counts = countsBetween(null, snap(0, [req('1.2.0', '200', 7, '/metrics'), req('1.2.0', '200', 3, '/health'), req('1.2.0', '200', 2)]));
    expect(counts.byVersion['1.2.0']!.requests).toBe(2);
  });

  it('counterIncrease', () => {
    expect(counterIncrease(undefined, 5)).toBe(5);
    expect(counterIncrease(3, 5)).toBe(2);
    expect(counterIncrease(8, 5)).toBe(5);
  });
});
