/** The error a malformed exposition raises: which source, which line, what was wrong, and the line itself. */
import { ToolFailure } from '../../../src/errors.js';

const MAX_QUOTED = 160;

export class ExpositionError extends ToolFailure {
  readonly source: string;
  readonly line: number;

  constructor(source: string, line: number, problem: string, text: string) {
    const quoted = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
    super(`${source} line ${line}: ${problem}; line: ${quoted}`, { file: source, line });
    this.source = source;
    this.line = line;
  }
}
