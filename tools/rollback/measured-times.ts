/** Measured rollback times from the run's ledger: rollback_verify (staging drills) and rollback_execute (real rollbacks). */
import type { LedgerView } from '../tool.js';

export interface Measurement {
  ms: number;
  /** Evidence id of the ledger entry the figure comes from. */
  evidence: string;
  environment: string;
}

interface VerifyOutput {
  environment?: string;
  scenarios?: Array<{ scenario?: string; rollbackMs?: number | null; previousVersionAnswered?: boolean }>;
}
interface ExecuteOutput {
  environment?: string;
  scenario?: string;
  done?: boolean;
  durationMs?: number;
}

/** The latest successful measurement per scenario (only rollbacks that really reached the previous state count). */
export function measuredRollbackTimes(ledger: LedgerView): Map<string, Measurement> {
  const times = new Map<string, Measurement>();
  for (const entry of ledger.all()) {
    if (entry.kind !== 'tool_call' || !entry.ok) continue;
    if (entry.tool === 'rollback_verify') {
      const out = entry.output as VerifyOutput;
      for (const s of out.scenarios ?? []) {
        if (s.scenario && s.previousVersionAnswered === true && typeof s.rollbackMs === 'number') {
          times.set(s.scenario, { ms: s.rollbackMs, evidence: entry.id, environment: out.environment ?? 'staging' });
        }
      }
    } else if (entry.tool === 'rollback_execute') {
      const out = entry.output as ExecuteOutput;
      if (out.scenario && out.done === true && typeof out.durationMs === 'number') {
        times.set(out.scenario, { ms: out.durationMs, evidence: entry.id, environment: out.environment ?? 'unknown' });
      }
    }
  }
  return times;
}
