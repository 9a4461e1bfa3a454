/** Human approval of destructive actions: asked on a TTY, otherwise decided by policy (--approve or sre.yaml). */
import { createInterface } from 'node:readline/promises';
import type { SreConfig } from '../../schemas/config.js';
import type { ApprovalHook } from '../mcp/server.js';

export interface ApprovalOptions {
  /** --approve: approve every destructive action unattended. */
  approveAll?: boolean;
  /** Ask on this terminal when the policy says "ask" (default: when stdin and stderr are TTYs). */
  interactive?: boolean;
}

/** Build the approval hook for a run. */
export function createApprovalHook(config: SreConfig, options: ApprovalOptions = {}): ApprovalHook {
  const interactive = options.interactive ?? Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return async ({ tool, input, reason }) => {
    if (options.approveAll) return { approved: true, note: 'approved by --approve' };
    const policy = reason === 'rollback execution' ? config.approval.rollback : config.approval.production;
    if (policy === 'approve') return { approved: true, note: 'approved by sre.yaml approval policy' };
    if (policy === 'deny') return { approved: false, note: 'sre.yaml approval policy is deny' };
    if (!interactive) return { approved: false, note: 'no terminal to ask and no --approve: run stopped at the approval point; rerun with --approve or set approval in sre.yaml' };
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`\nApprove ${reason}? ${tool} ${JSON.stringify(input)} [y/N] `);
      return /^y(es)?$/i.test(answer.trim()) ? { approved: true, note: 'approved at the terminal' } : { approved: false, note: 'declined at the terminal' };
    } finally {
      rl.close();
    }
  };
}
