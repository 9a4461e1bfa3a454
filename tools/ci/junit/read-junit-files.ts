/** Read and sum several JUnit XML files (a test command often writes one per package or worker). */
import { DEFAULTS } from '../../../src/constants.js';
import { readReportFile } from '../coverage/report-file.js';
import { emptyCounts, type JunitResult } from './junit-result.js';
import { parseJunit } from './parse-junit.js';

/** Parse every file and add up the counts; the first missing or malformed file throws a ToolFailure naming it. */
export function readJunitFiles(files: readonly string[], options: { maxFailures?: number } = {}): JunitResult & { files: string[] } {
  const maxFailures = options.maxFailures ?? DEFAULTS.maxListedTestFailures;
  const total: JunitResult = { tests: emptyCounts(), suites: 0, failures: [], failuresOmitted: 0, warnings: [] };
  for (const file of files) {
    const result = parseJunit(readReportFile(file, 'JUnit XML file'), file, { maxFailures: maxFailures - total.failures.length });
    for (const key of Object.keys(total.tests) as (keyof JunitResult['tests'])[]) total.tests[key] += result.tests[key];
    total.suites += result.suites;
    total.failures.push(...result.failures);
    total.failuresOmitted += result.failuresOmitted;
    total.warnings.push(...result.warnings.map((w) => `${file}: ${w}`));
  }
  return { ...total, files: [...files] };
}
