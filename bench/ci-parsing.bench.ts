/**
 * CI report parsing speed and memory: a 50,000-testcase JUnit file and a 20 MB LCOV tracefile.
 * Time is the median of several in-process parses (read + parse). Peak memory is measured in a fresh
 * child process per workload (process.resourceUsage().maxRSS), next to a child that only loads the code,
 * so the figure is the parse's own and not what earlier runs left on the heap.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCoverage } from '../tools/ci/coverage/read-coverage.js';
import { readJunitFiles } from '../tools/ci/junit/read-junit-files.js';
import { median } from './support/median.js';

const RUNS = 5;
const TESTCASES = 50_000;
const LCOV_BYTES = 20 * 1024 * 1024;

/** A JUnit file shaped like a big Surefire/jest run: 500 suites, 2% failures with CDATA, some skips, system-out. */
function writeJunit(file: string): void {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n'];
  for (let s = 0; s < TESTCASES / 100; s++) {
    parts.push(`  <testsuite name="suite-${s}" tests="100" time="1.5">\n`);
    for (let c = 0; c < 100; c++) {
      const i = s * 100 + c;
      if (i % 50 === 0) {
        parts.push(`    <testcase name="case ${i} &amp; more" classname="pkg.Suite${s}" time="0.001"><failure message="expected 1 &lt; 2" type="AssertionError"><![CDATA[at foo (bar.js:1:2)\n  at baz]]></failure></testcase>\n`);
      } else if (i % 97 === 0) parts.push(`    <testcase name="case ${i}" classname="pkg.Suite${s}" time="0.001"><skipped/></testcase>\n`);
      else parts.push(`    <testcase name="case ${i}" classname="pkg.Suite${s}" time="0.001"><system-out>log line for case ${i}</system-out></testcase>\n`);
    }
    parts.push('  </testsuite>\n');
  }
  parts.push('</testsuites>\n');
  writeFileSync(file, parts.join(''));
}

/** An istanbul-style LCOV tracefile of about 20 MB: FN/FNDA, DA and BRDA records for many files. */
function writeLcov(file: string): void {
  const parts: string[] = [];
  let size = 0;
  for (let f = 0; size < LCOV_BYTES; f++) {
    const record: string[] = ['TN:', `SF:src/module-${f}/file-${f}.ts`];
    for (let fn = 0; fn < 40; fn++) record.push(`FN:${fn * 25 + 1},fn_${fn}`);
    for (let fn = 0; fn < 40; fn++) record.push(`FNDA:${fn % 7},fn_${fn}`);
    for (let line = 1; line <= 1000; line++) record.push(`DA:${line},${(line * 31) % 11}`);
    for (let b = 0; b < 150; b++) record.push(`BRDA:${b * 6 + 3},${b},0,${b % 3 === 0 ? '-' : b % 5}`, `BRDA:${b * 6 + 3},${b},1,${b % 4}`);
    record.push('LF:1000', 'LH:909', 'end_of_record', '');
    const text = record.join('\n');
    parts.push(text);
    size += text.length;
  }
  writeFileSync(file, parts.join(''));
}

/** Wall-clock and CPU time (ms) per run; CPU time stays meaningful when other processes share the cores. */
function timeRuns(parse: () => void): { median: number; min: number; max: number; cpuMedian: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    parse();
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), cpuMedian: median(cpu) };
}

/** Peak RSS and heap (MB) of a fresh process that runs `code` after loading the parsers. */
function childPeak(code: string): { maxRssMb: number; heapUsedMb: number } {
  const moduleUrl = (path: string) => new URL(path, import.meta.url).href;
  const script = `
    const { readJunitFiles } = await import(${JSON.stringify(moduleUrl('../tools/ci/junit/read-junit-files.ts'))});
    const { readCoverage } = await import(${JSON.stringify(moduleUrl('../tools/ci/coverage/read-coverage.ts'))});
    let heap = 0;
    ${code}
    heap = Math.max(heap, process.memoryUsage().heapUsed);
    console.log(JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024, heap }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
  const { maxRss, heap } = JSON.parse(out.trim().split('\n').pop()!) as { maxRss: number; heap: number };
  return { maxRssMb: maxRss / 1e6, heapUsedMb: heap / 1e6 };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ci-parsing-bench-'));
  try {
    const junit = join(dir, 'junit.xml');
    const lcov = join(dir, 'lcov.info');
    writeJunit(junit);
    writeLcov(lcov);

    let tests = 0;
    const junitTime = timeRuns(() => {
      tests = readJunitFiles([junit]).tests.total;
    });
    let lines = 0;
    const lcovTime = timeRuns(() => {
      lines = readCoverage(lcov).lines.total;
    });

    const baseline = childPeak('');
    const junitPeak = childPeak(`const r = readJunitFiles([${JSON.stringify(junit)}]); heap = process.memoryUsage().heapUsed; if (r.tests.total !== ${TESTCASES}) throw new Error('count');`);
    const lcovPeak = childPeak(`const r = readCoverage(${JSON.stringify(lcov)}); heap = process.memoryUsage().heapUsed; if (!r.lines.total) throw new Error('count');`);

    console.log(`JUnit: ${tests} testcases, ${mb(statSync(junit).size)}: median ${junitTime.median.toFixed(0)} ms over ${RUNS} runs (min ${junitTime.min.toFixed(0)}, max ${junitTime.max.toFixed(0)}; CPU median ${junitTime.cpuMedian.toFixed(0)} ms)`);
    console.log(`  peak RSS ${junitPeak.maxRssMb.toFixed(0)} MB (code loaded, no parse: ${baseline.maxRssMb.toFixed(0)} MB; parse adds ${(junitPeak.maxRssMb - baseline.maxRssMb).toFixed(0)} MB), heap used after parse ${junitPeak.heapUsedMb.toFixed(0)} MB`);
    console.log(`LCOV: ${lines} instrumented lines, ${mb(statSync(lcov).size)}: median ${lcovTime.median.toFixed(0)} ms over ${RUNS} runs (min ${lcovTime.min.toFixed(0)}, max ${lcovTime.max.toFixed(0)}; CPU median ${lcovTime.cpuMedian.toFixed(0)} ms)`);
    console.log(`  peak RSS ${lcovPeak.maxRssMb.toFixed(0)} MB (parse adds ${(lcovPeak.maxRssMb - baseline.maxRssMb).toFixed(0)} MB), heap used after parse ${lcovPeak.heapUsedMb.toFixed(0)} MB`);
    console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (wall times stretch under load; CPU times less so)`);
    const verdict = (ms: number, rss: number) => (ms < 1000 && rss < 200 ? 'met' : 'MISSED');
    console.log(
      `targets (< 1000 ms, < 200 MB): JUnit wall ${verdict(junitTime.median, junitPeak.maxRssMb)}, CPU ${verdict(junitTime.cpuMedian, junitPeak.maxRssMb)}; ` +
        `LCOV wall ${verdict(lcovTime.median, lcovPeak.maxRssMb)}, CPU ${verdict(lcovTime.cpuMedian, lcovPeak.maxRssMb)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
