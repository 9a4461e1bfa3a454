/** Recognise a coverage report from its content, never from its file name (bazel writes LCOV as `coverage.dat`). */
import type { CoverageFormat } from '../../../schemas/common.js';
import { isRecord } from './report-file.js';

export const COVERAGE_FORMATS: readonly CoverageFormat[] = ['lcov', 'cobertura', 'coveragepy-json', 'istanbul-summary'];

/** The format of `text`, or null when it is none of the known ones. JSON is parsed by the caller and passed as `json`. */
export function detectCoverageFormat(text: string, json?: unknown): CoverageFormat | null {
  const start = text.trimStart();
  if (start.startsWith('<')) {
    // The root element name, after any declaration, comments and DOCTYPE.
    const root = /<(?![?!])([A-Za-z_][\w.:-]*)/.exec(start);
    return root?.[1] === 'coverage' ? 'cobertura' : null;
  }
  if (start.startsWith('{')) {
    if (!isRecord(json)) return null;
    if (isRecord(json.totals) && isRecord(json.files)) return 'coveragepy-json';
    if (isRecord(json.total) && isRecord(json.total.lines)) return 'istanbul-summary';
    return null;
  }
  // LCOV: a record starts with SF: (TN: is optional) and ends with end_of_record.
  if (/^(?:TN:|SF:)/m.test(start.slice(0, 4096)) && /^SF:/m.test(start.slice(0, 65536)) && start.includes('end_of_record')) return 'lcov';
  return null;
}
