import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../exposition/parse-exposition.js';
import { histogramQuantile, parseLe, type Bucket } from './histogram-quantile.js';

const specBuckets = (): Bucket[] => {
  const text = readFileSync(join(__dirname, '../../../test/fixtures/prometheus/spec-example-exposition-formats.prom'), 'utf8');
  return parseExposition(text)
    .samples.filter((s) => s.name === 'http_request_duration_seconds_bucket')
    .map((s) => ({ upperBound: parseLe(s.labels.le)!, count: s.value }));
};

describe('histogramQuantile (Prometheus semantics)', () => {
  it('interpolates linearly inside the bucket: p50 of the docs example ≈ 0.15783', () => {
    // rank 72160 falls in (0.1, 0.2]: 0.1 + 0.1 × (72160 − 33444) / (100392 − 33444)
    expect(histogramQuantile(0.5, specBuckets())).toBeCloseTo(0.1 + (0.1 * (72160 - 33444)) / (100392 - 33444), 12);
    expect(histogramQuantile(0.5, specBuckets())).toBeCloseTo(0.15783, 5);
  });

  it('returns the highest finite bound when the rank falls into +Inf (p95 = p99 = 1 in the docs example)', () => {
    expect(histogramQuantile(0.95, specBuckets())).toBe(1);
    expect(histogramQuantile(0.99, specBuckets())).toBe(1);
  });

  it('uses 0 as the lower bound of a positive first bucket', () => {
    expect(histogramQuantile(0.25, [{ upperBound: 0.1, count: 10 }, { upperBound: Infinity, count: 10 }])).toBeCloseTo(0.025, 12);
  });

  it('returns the first bound when it is ≤ 0 and the rank falls in it', () => {
    expect(histogramQuantile(0.1, [{ upperBound: -1, count: 5 }, { upperBound: 1, count: 10 }, { upperBound: Infinity, count: 10 }])).toBe(-1);
  });

  it('is NaN (no data) with no observations, no +Inf bucket or a single bucket', () => {
    expect(histogramQuantile(0.95, [{ upperBound: 1, count: 0 }, { upperBound: Infinity, count: 0 }])).toBeNaN();
    expect(histogramQuantile(0.95, [{ upperBound: 1, count: 3 }])).toBeNaN();
    expect(histogramQuantile(0.95, [{ upperBound: Infinity, count: 3 }])).toBeNaN();
    expect(histogramQuantile(0.95, [])).toBeNaN();
  });

  it('follows Prometheus for out-of-range q and unsorted, duplicated or non-monotonic buckets', () => {
    const buckets = [
      { upperBound: Infinity, count: 10 },
      { upperBound: 0.5, count: 4 },
      { upperBound: 0.5, count: 2 }, // coalesced with the other 0.5 bucket: 6
      { upperBound: 1, count: 5 }, // below 6: raised to 6 (monotonic envelope)
    ];
    expect(histogramQuantile(-0.1, buckets)).toBe(-Infinity);
    expect(histogramQuantile(1.1, buckets)).toBe(Infinity);
    expect(histogramQuantile(NaN, buckets)).toBeNaN();
    // rank 5 in (0, 0.5] holding 6 → 0.5 × 5/6
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.5 * (5 / 6), 12);
  });

  it('reads le labels in exponent form and +Inf', () => {
    expect(parseLe('1e+06')).toBe(1e6);
    expect(parseLe('+Inf')).toBe(Infinity);
    expect(parseLe('abc')).toBeUndefined();
  });
});
