/** Read a security report in any known format: detect it from its JSON shape, or trust an explicit format. */
import type { SecurityFormat } from '../../../schemas/common.js';
import { ToolFailure } from '../../../src/errors.js';
import { isRecord, parseJsonReport, readReportFile } from '../coverage/report-file.js';
import { parseBandit } from './parse-bandit.js';
import { parseNpmAudit } from './parse-npm-audit.js';
import { parsePipAudit } from './parse-pip-audit.js';
import type { SecurityResult } from './security-result.js';

export const SECURITY_FORMATS: readonly SecurityFormat[] = ['npm-audit', 'bandit', 'pip-audit'];

/** The scanner that wrote `data`, or null. */
export function detectSecurityFormat(data: unknown): SecurityFormat | null {
  if (Array.isArray(data)) return data.every((d) => isRecord(d) && 'name' in d) ? 'pip-audit' : null;
  if (!isRecord(data)) return null;
  if ('auditReportVersion' in data || ('advisories' in data && 'metadata' in data)) return 'npm-audit';
  if (Array.isArray(data.results) && isRecord(data.metrics)) return 'bandit';
  if (Array.isArray(data.dependencies)) return 'pip-audit';
  return null;
}

/** Parse report `text` (from `source`, a file name or a command); `format` overrides detection. */
export function parseSecurityReport(text: string, source: string, format?: SecurityFormat | string): SecurityResult {
  if (format !== undefined && !SECURITY_FORMATS.includes(format as SecurityFormat)) {
    throw new ToolFailure(`${source}: unknown security report format "${format}"; known formats: ${SECURITY_FORMATS.join(', ')}`, { file: source, field: 'format' });
  }
  const data = parseJsonReport(text, source, 'security report');
  // npm audit prints {"error": {...}} (no lockfile, registry unreachable) and exits non-zero: the scan did not happen.
  if (isRecord(data) && isRecord(data.error)) {
    const summary = [data.error.code, data.error.summary].filter((v) => typeof v === 'string').join(': ');
    throw new ToolFailure(`${source}: the scanner reported an error instead of a report: ${summary || JSON.stringify(data.error).slice(0, 300)}`, { file: source });
  }
  const chosen = (format as SecurityFormat | undefined) ?? detectSecurityFormat(data);
  switch (chosen) {
    case 'npm-audit':
      return parseNpmAudit(data, source);
    case 'bandit':
      return parseBandit(data, source);
    case 'pip-audit':
      return parsePipAudit(data, source);
    default:
      throw new ToolFailure(`${source}: cannot tell which scanner wrote this JSON; known formats: ${SECURITY_FORMATS.join(', ')}. Set the format explicitly if it is one of them.`, {
        file: source,
      });
  }
}

/** Read and parse a security report file. */
export function readSecurityReport(file: string, format?: SecurityFormat | string): SecurityResult {
  return parseSecurityReport(readReportFile(file, 'security report'), file, format);
}
