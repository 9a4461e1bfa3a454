/**
 * `sre-agent promote`: metric-gated activation from the terminal. Watches the production SLIs for the whole
 * watch window in the foreground (hours, unlike a tool call), then raises the flag one step or sets it back to 0.
 * Exit codes: 0 advanced (or already complete), 2 held, waiting or rolled back, 1 error.
 */
import type { Logger } from 'pino';
import { DEFAULTS } from '../constants.js';
import { createApprovalHook } from '../agent/approval.js';
import { promoteFlag, type PromoteResult } from '../../tools/metrics/activation/promote-flag.js';
import { sessionContextFactory } from './mcp.js';

export interface PromoteCommandOptions {
  config?: string;
  flag: string;
  /** Watch window in seconds (default activation.watchHours). */
  watchSeconds?: number;
  /** Approve raising the production flag without asking. */
  approve?: boolean;
  /** Print the result as JSON on stdout. */
  json?: boolean;
  out?: string;
}

/** Format one result line for humans. */
function summary(result: PromoteResult): string {
  return `${result.flag}: ${result.decision} (${result.previous}% → ${result.percent}%): ${result.reason}`;
}

/** Run one metric-gated activation step; resolves with the process exit code. */
export async function promoteCommand(options: PromoteCommandOptions, logger: Logger): Promise<number> {
  const { getContext, runtime } = sessionContextFactory({ config: options.config, out: options.out }, logger);
  try {
    const ctx = getContext();
    const approve = createApprovalHook(ctx.config, { approveAll: options.approve });
    const watchSeconds = options.watchSeconds ?? Math.round(ctx.config.activation.watchHours * 3600);
    logger.info({ flag: options.flag, watchSeconds }, 'watching production SLIs before the next activation step');
    const result = await promoteFlag(ctx, {
      flag: options.flag,
      watchSeconds,
      maxWaitMs: Number.POSITIVE_INFINITY,
      minRequests: DEFAULTS.activationMinRequests,
      approveAdvance: (from, to) =>
        approve({ tool: 'activation_promote', input: { environment: 'production', flag: options.flag, from, to }, reason: `raise production flag ${options.flag} from ${from}% to ${to}%` }),
    });
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${summary(result)}\n`);
    return result.decision === 'advance' || result.decision === 'complete' ? 0 : 2;
  } finally {
    await runtime.close();
  }
}
