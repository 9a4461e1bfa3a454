/**
 * Metrics benchmarks: (1) scrape + parse of a 10 MB exposition from a loopback server (median of several runs,
 * target < 300 ms for the parse); (2) scripted canary scenarios: how many intervals each regression takes to detect,
 * and how often healthy noise is wrongly rolled back.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { DEFAULTS } from '../src/constants.js';
import { runAnalysis } from '../tools/metrics/canary/run-analysis.js';
import { parseExposition } from '../tools/metrics/exposition/parse-exposition.js';
import type { VersionCounts, WindowCounts } from '../tools/metrics/sli/window-counts.js';
import { scrapeExposition } from '../tools/metrics/source/scrape-exposition.js';
import { median } from './support/median.js';


/** A prom-client-shaped exposition of about `bytes` characters: request counters and latency histograms. */
function bigExposition(bytes: number): string {
  const bounds = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'];
  const parts: string[] = [
    '# HELP http_requests_total Total HTTP requests',
    '# TYPE http_requests_total counter',
  ];
  let size = 0;
  const histogram: string[] = ['# HELP http_request_duration_seconds HTTP request duration', '# TYPE http_request_duration_seconds histogram'];
  for (let i = 0; size < bytes; i++) {
    const labels = `method="GET",endpoint="/api/resource/${i}",version="1.${i % 3}.0"`;
    const counter = `http_requests_total{${labels},status="200"} ${i * 7}`;
    parts.push(counter);
    size += counter.length + 1;
    let cumulative = 0;
    for (const le of bounds) {
      cumulative += i % 5;
      const line = `http_request_duration_seconds_bucket{${labels},le="${le}"} ${cumulative}`;
      histogram.push(line);
      size += line.length + 1;
    }
    histogram.push(`http_request_duration_seconds_sum{${labels}} ${i * 0.37}`, `http_request_duration_seconds_count{${labels}} ${cumulative}`);
    size += 120;
  }
  // Through a Buffer like an HTTP body, so the string is flat (a concatenation would stay a slower cons string).
  return Buffer.from(`${parts.join('\n')}\n${histogram.join('\n')}\n`).toString('utf8');
}

async function benchScrape(): Promise<void> {
  const text = bigExposition(10 * 1024 * 1024);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(text);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`;
  const parseTimes: number[] = [];
  const parseCpu: number[] = [];
  const scrapeTimes: number[] = [];
  let samples = 0;
  let peakRss = process.memoryUsage().rss;
  try {
    for (let run = 0; run < 7; run++) {
      let t = performance.now();
      const cpu = process.cpuUsage();
      samples = parseExposition(text).samples.length;
      parseTimes.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      parseCpu.push((used.user + used.system) / 1000);
      t = performance.now();
      await scrapeExposition(url, { timeoutMs: 30_000 });
      scrapeTimes.push(performance.now() - t);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
  } finally {
    server.close();
  }
  console.log(`exposition: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${samples} samples`);
  console.log(`parse (in memory): median ${median(parseTimes).toFixed(0)} ms wall, ${median(parseCpu).toFixed(0)} ms CPU over ${parseTimes.length} runs (target < 300 ms)`);
  console.log(`scrape (loopback HTTP + parse): median ${median(scrapeTimes).toFixed(0)} ms over ${scrapeTimes.length} runs`);
  console.log(`peak RSS during the runs: ${(peakRss / 1024 / 1024).toFixed(0)} MB; machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
}

/** Seeded PRNG (mulberry32) so the scenarios are the same every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, Infinity];

/** One version's interval: `n` requests, each failing with `errorRate`, latency exponential with mean `meanSeconds`. */
function versionInterval(random: () => number, n: number, errorRate: number, meanSeconds: number): VersionCounts {
  let errors = 0;
  const perBucket = BOUNDS.map(() => 0);
  for (let i = 0; i < n; i++) {
    if (random() < errorRate) errors++;
    const latency = -Math.log(1 - random()) * meanSeconds;
    perBucket[BOUNDS.findIndex((b) => latency <= b)]! += 1;
  }
  let sum = 0;
  return { requests: n, errors, buckets: BOUNDS.map((upperBound, i) => ({ upperBound, count: (sum += perBucket[i]!) })) };
}

interface Scenario {
  name: string;
  canaryErrorRate: number;
  canaryLatency: number;
  regression: boolean;
}

async function benchCanary(): Promise<void> {
  const baselineErrorRate = 0.02;
  const baselineLatency = 0.05;
  const requestsPerInterval = 200;
  const scenarios: Scenario[] = [
    { name: 'healthy, same noise', canaryErrorRate: 0.02, canaryLatency: 0.05, regression: false },
    { name: 'errors 2% → 10%', canaryErrorRate: 0.1, canaryLatency: 0.05, regression: true },
    { name: 'errors 2% → 5%', canaryErrorRate: 0.05, canaryLatency: 0.05, regression: true },
    { name: 'errors 2% → 30%', canaryErrorRate: 0.3, canaryLatency: 0.05, regression: true },
    { name: 'latency ×3 (50 → 150 ms mean)', canaryErrorRate: 0.02, canaryLatency: 0.15, regression: true },
    { name: 'latency +30% (50 → 65 ms mean)', canaryErrorRate: 0.02, canaryLatency: 0.065, regression: true },
  ];
  const trials = 40;
  console.log(`canary scenarios: ${requestsPerInterval} requests per version per interval, baseline ${baselineErrorRate * 100}% errors, ${baselineLatency * 1000} ms mean latency, ${trials} seeded trials each, 5 intervals`);
  for (const scenario of scenarios) {
    const detectedAt: number[] = [];
    const decisions: Record<string, number> = {};
    for (let trial = 0; trial < trials; trial++) {
      const random = prng(1_000 * trial + 7);
      const outcome = await runAnalysis(
        {
          baselineVersion: 'base',
          canaryVersion: 'canary',
          intervals: 5,
          maxInconclusive: DEFAULTS.canaryMaxInconclusive,
          failuresToRollback: DEFAULTS.canaryFailuresToRollback,
          criteria: {
            alpha: DEFAULTS.canaryAlpha,
            minErrorRateIncrease: DEFAULTS.canaryMinErrorRateIncrease,
            minLatencyEffect: DEFAULTS.canaryMinLatencyEffect,
            minP95IncreaseSeconds: DEFAULTS.canaryMinP95IncreaseSeconds,
            minRequests: DEFAULTS.canaryMinRequests,
            errorRateThreshold: DEFAULTS.errorRateThreshold,
            latencyP95Threshold: DEFAULTS.latencyP95ThresholdSeconds,
          },
        },
        async (index): Promise<WindowCounts> => ({
          startMs: index * 60_000,
          endMs: (index + 1) * 60_000,
          byVersion: {
            base: versionInterval(random, requestsPerInterval, baselineErrorRate, baselineLatency),
            canary: versionInterval(random, requestsPerInterval, scenario.canaryErrorRate, scenario.canaryLatency),
          },
          provenance: ['scripted'],
        }),
      );
      decisions[outcome.decision] = (decisions[outcome.decision] ?? 0) + 1;
      if (outcome.decision === 'rollback') detectedAt.push(outcome.intervals.length);
    }
    const rate = `${detectedAt.length}/${trials} rolled back`;
    const when = detectedAt.length > 0 ? `, median ${median(detectedAt)} intervals to detect (max ${Math.max(...detectedAt)})` : '';
    console.log(`  ${scenario.name}: ${rate}${when}; decisions ${JSON.stringify(decisions)}`);
  }
}

/** Run every metrics benchmark and print its figures. */
export async function run(): Promise<void> {
  await benchScrape();
  await benchCanary();
}
