/** "No data" is its own outcome (no traffic, no series yet), never a zero: callers report it as inconclusive. */
import { ToolFailure, type ErrorContext } from '../../../src/errors.js';

export class NoDataError extends ToolFailure {
  readonly noData = true;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context);
  }
}

/** True for a NoDataError, across bundles. */
export function isNoData(error: unknown): error is NoDataError {
  return error instanceof Error && (error as Partial<NoDataError>).noData === true;
}
