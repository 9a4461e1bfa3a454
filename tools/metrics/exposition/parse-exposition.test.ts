import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExpositionError, parseExposition } from './parse-exposition.js';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/prometheus', name), 'utf8');

function errorOf(fn: () => unknown): ExpositionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExpositionError) return error;
    throw error;
  }
  throw new Error('expected an ExpositionError, nothing was thrown');
}

describe('parseExposition on the canonical example from the Prometheus docs', () => {
  const text = fixture('spec-example-exposition-formats.prom');
  const parsed = parseExposition(text, { source: 'spec-example-exposition-formats.prom' });

  it('reads all 20 samples', () => {
    expect(parsed.samples).toHaveLength(20);
  });

  it('unescapes backslashes, quotes and newlines in label values', () => {
    const msdos = parsed.samples.find((s) => s.name === 'msdos_file_access_time_seconds')!;
    expect(msdos.labels.path).toBe('C:\\DIR\\FILE.TXT');
    expect(msdos.labels.error).toBe('Cannot find file:\n"FILE.TXT"');
    expect(msdos.value).toBe(1.458255915e9);
    expect(msdos.timestampMs).toBeNull();
  });

  it('keeps millisecond timestamps, including one before the epoch, and +Inf values', () => {
    const post = parsed.samples.filter((s) => s.name === 'http_requests_total');
    expect(post.map((s) => [s.labels.code, s.value, s.timestampMs])).toEqual([
      ['200', 1027, 1395066363000],
      ['400', 3, 1395066363000],
    ]);
    const weird = parsed.samples.find((s) => s.name === 'something_weird')!;
    expect(weird.value).toBe(Infinity);
    expect(weird.timestampMs).toBe(-3982045);
  });

  it('groups histogram and summary series under their family with HELP and TYPE', () => {
    const byName = new Map(parsed.families.map((f) => [f.name, f]));
    const histogram = byName.get('http_request_duration_seconds')!;
    expect(histogram.type).toBe('histogram');
    expect(histogram.help).toBe('A histogram of the request duration.');
    expect(histogram.samples.filter((s) => s.name.endsWith('_bucket'))).toHaveLength(6);
    expect(histogram.samples.find((s) => s.labels.le === '+Inf')!.value).toBe(144320);
    expect(histogram.samples.find((s) => s.name === 'http_request_duration_seconds_count')!.value).toBe(144320);
    expect(histogram.samples.find((s) => s.name === 'http_request_duration_seconds_sum')!.value).toBe(53423);
    const summary = byName.get('telemetry_requests_metrics_latency_microseconds')!;
    expect(summary.type).toBe('summary');
    expect(summary.samples.find((s) => s.name.endsWith('_count'))!.value).toBe(2693);
    expect(byName.get('metric_without_timestamp_and_labels')!.type).toBe('untyped');
  });

  it('gives each sample its line number', () => {
    expect(parsed.samples[0]!.line).toBe(3);
    expect(parsed.samples.at(-1)!.line).toBe(text.split('\n').findIndex((l) => l.startsWith('telemetry_requests_metrics_latency_microseconds_count')) + 1);
  });
});

describe('parseExposition on inputs from real bug reports', () => {
  it('rejects an unescaped quote inside a label value, naming line 3 (prometheus/client_python#14)', () => {
    const error = errorOf(() => parseExposition(fixture('issue-prometheus-client_python-14.prom'), { source: 'cronjobs.prom' }));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^cronjobs\.prom line 3: expected ',' or '}' after the value of label command/);
    expect(error.message).toContain('unescaped');
  });

  it('rejects the invalid escape \\u with its line number (scaphandre#204)', () => {
    const error = errorOf(() => parseExposition(fixture('issue-scaphandre-204.prom'), { source: 'scaph.prom' }));
    expect(error.line).toBe(1);
    expect(error.message).toContain("invalid escape sequence '\\u' in the value of label cmdline");
  });

  it('keeps leading-colon names and untyped families with ms timestamps (fluent-bit#8037)', () => {
    const parsed = parseExposition(fixture('issue-fluent-bit-8037.prom'));
    expect(parsed.samples.map((s) => s.name)).toEqual([':node_memory_MemAvailable_bytes:sum', 'ALERTS']);
    expect(parsed.samples[0]!.value).toBe(1.577457664e10);
    expect(parsed.samples[0]!.timestampMs).toBe(1697174393576);
    expect(parsed.samples[0]!.labels.instance).toBe('');
    expect(parsed.families.map((f) => f.type)).toEqual(['untyped', 'untyped']);
  });
});

describe('parseExposition edge cases', () => {
  it('reads NaN, -Inf, exponent-form le labels, trailing commas and CRLF line endings', () => {
    const parsed = parseExposition('a{le="1e+06",} NaN\r\nb -Inf\r\nc{x="y"}\t2.5e-3 17\r\n');
    expect(Number.isNaN(parsed.samples[0]!.value)).toBe(true);
    expect(parsed.samples[0]!.labels).toEqual({ le: '1e+06' });
    expect(parsed.samples[1]!.value).toBe(-Infinity);
    expect(parsed.samples[2]!.value).toBe(0.0025);
    expect(parsed.samples[2]!.timestampMs).toBe(17);
  });

  it('puts a stray sample under another family\'s TYPE into its own untyped family', () => {
    const parsed = parseExposition('# TYPE a counter\na 1\nb 2\n');
    expect(parsed.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['a', 'counter', 1],
      ['b', 'untyped', 1],
    ]);
  });

  it.each([
    ['x{a="1",a="2"} 1', /duplicate label a/],
    ['x 1 2 3', /unexpected text after the timestamp/],
    ['x one', /expected a float value for x, found "one"/],
    ['x 1 1.5', /integer millisecond timestamp/],
    ['x{a="1"', /missing '}'|expected ','/],
    ['x{a="1} 1', /missing closing '"'/],
    ['# TYPE x bogus', /unknown metric type "bogus"/],
    ['# TYPE x counter\n# TYPE x gauge', /second TYPE line for metric x \(first on line 1\)/],
    ['x{1a="2"} 1', /invalid label name start '1'/],
    ['<html>', /expected a metric name at column 1, found '<'/],
    ['x', /expected a value for x/],
  ])('rejects %j', (text, pattern) => {
    expect(() => parseExposition(text)).toThrow(pattern);
  });

  it('reports columns relative to the failing line and quotes only that line', () => {
    const error = errorOf(() => parseExposition('a 1\nb{x=1} 2\nc 3\n', { source: 's' }));
    expect(error.line).toBe(2);
    expect(error.message).toBe(`s line 2: expected '"' to open the value of label x of b, found '1' at column 5; line: b{x=1} 2`);
  });

  it('keeps escapes and plain values apart across lines', () => {
    const parsed = parseExposition('a{p="x"} 1\nb{p="C:\\\\d"} 2\nc{p="y"} 3\n');
    expect(parsed.samples.map((s) => s.labels.p)).toEqual(['x', 'C:\\d', 'y']);
  });

  it('ignores plain comments, blank lines and OpenMetrics # EOF', () => {
    const parsed = parseExposition('#no-space comment\n# just a comment\n\n   \nx 1\n# EOF\n');
    expect(parsed.samples).toHaveLength(1);
  });
});
