/** Read report files (JUnit, coverage, security) with errors that name the file, and parse JSON with a line number. */
import { readFileSync, statSync } from 'node:fs';
import { ToolFailure } from '../../../src/errors.js';
import { lineAndColumn } from '../junit/text-position.js';

/** Read a UTF-8 report file (BOM removed); a missing or unreadable file is a ToolFailure saying which. */
export function readReportFile(file: string, what: string): string {
  try {
    if (statSync(file).isDirectory()) throw new ToolFailure(`${what} ${file}: expected a file, found a directory`, { file });
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    if (error instanceof ToolFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${code ?? String(error)})`;
    throw new ToolFailure(`${what} ${file}: expected a readable file, but ${why}`, { file });
  }
}

/** JSON.parse with the error turned into "file:line:column: …" (Node reports only a position, or nothing). */
export function parseJsonReport(text: string, file: string, what: string): unknown {
  if (text.trim() === '') throw new ToolFailure(`${what} ${file}: expected JSON, found an empty file`, { file });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const where = position
      ? lineAndColumn(text, Number(position[1]))
      : lineCol
        ? { line: Number(lineCol[1]), column: Number(lineCol[2]) }
        : lineAndColumn(text, text.length);
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
    throw new ToolFailure(`${file}:${where.line}:${where.column}: ${what} is not valid JSON: ${reason}`, { file, line: where.line });
  }
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
