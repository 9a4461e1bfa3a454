/** The handoff's release, required by every docs tool. */
import { ToolFailure } from '../../src/errors.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import type { ToolContext } from '../tool.js';

/** The run's QA handoff; throws when the run has none (there is no release to document). */
export function requireHandoff(ctx: ToolContext, tool: string): QaHandoff {
  if (!ctx.handoff) {
    throw new ToolFailure(`${tool} needs the QA handoff (release.version, release.commit), but this run has none; start the run with --handoff`, { tool });
  }
  return ctx.handoff.data;
}

/** Today's date as YYYY-MM-DD in UTC (release dates in CHANGELOG and DEPLOY.md). */
export function utcDate(date: Date = new Date()): string {
  return date.toISOString().slice(0, 10);
}
