/** Read a coverage report in any known format: detect it from content, or trust an explicit format. */
import type { CoverageFormat } from '../../../schemas/common.js';
import { ToolFailure } from '../../../src/errors.js';
import type { CoverageResult } from './coverage-result.js';
import { COVERAGE_FORMATS, detectCoverageFormat } from './detect-coverage-format.js';
import { parseCobertura } from './parse-cobertura.js';
import { parseCoveragePyJson } from './parse-coveragepy-json.js';
import { parseIstanbulSummary } from './parse-istanbul-summary.js';
import { parseLcov } from './parse-lcov.js';
import { parseJsonReport, readReportFile } from './report-file.js';

/** Parse coverage `text` (from `file`); `format` overrides detection. */
export function parseCoverage(text: string, file: string, format?: CoverageFormat | string): CoverageResult {
  if (format !== undefined && !COVERAGE_FORMATS.includes(format as CoverageFormat)) {
    throw new ToolFailure(`${file}: unknown coverage format "${format}"; known formats: ${COVERAGE_FORMATS.join(', ')}`, { file, field: 'format' });
  }
  const looksJson = text.trimStart().startsWith('{');
  const wantsJson = format === 'coveragepy-json' || format === 'istanbul-summary';
  const json = looksJson || wantsJson ? parseJsonReport(text, file, 'coverage report') : undefined;
  const chosen = (format as CoverageFormat | undefined) ?? detectCoverageFormat(text, json);
  switch (chosen) {
    case 'lcov':
      return parseLcov(text, file);
    case 'cobertura':
      return parseCobertura(text, file);
    case 'coveragepy-json':
      return parseCoveragePyJson(json, file);
    case 'istanbul-summary':
      return parseIstanbulSummary(json, file);
    default:
      throw new ToolFailure(
        `${file}: cannot tell which coverage format this is (starts with ${JSON.stringify(text.trimStart().slice(0, 40))}); known formats: ${COVERAGE_FORMATS.join(', ')}. Set the format explicitly if it is one of them.`,
        { file },
      );
  }
}

/** Read and parse a coverage file. */
export function readCoverage(file: string, format?: CoverageFormat | string): CoverageResult {
  return parseCoverage(readReportFile(file, 'coverage report'), file, format);
}
