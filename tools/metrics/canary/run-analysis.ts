/** The canary analysis loop: read an interval, judge it, decide; stop early on rollback or hold. */
import { describeError } from '../../../src/errors.js';
import type { WindowCounts } from '../sli/window-counts.js';
import { decide, type CanaryDecision } from './decide.js';
import { judgeInterval, type CanaryCriteria, type IntervalResult } from './interval-verdict.js';

export interface AnalysisPlan {
  baselineVersion: string;
  canaryVersion: string;
  intervals: number;
  maxInconclusive: number;
  failuresToRollback: number;
  criteria: CanaryCriteria;
  /** The run's abort signal: an abort stops the analysis instead of counting as an inconclusive interval. */
  signal?: AbortSignal;
}

export interface AnalysisOutcome {
  decision: CanaryDecision;
  reason: string;
  intervals: IntervalResult[];
}

/**
 * Run up to `plan.intervals` intervals; `readInterval(i)` waits for interval i and returns its counts.
 * A failed read (metrics unavailable) makes that interval inconclusive with the error as its reason.
 */
export async function runAnalysis(plan: AnalysisPlan, readInterval: (index: number) => Promise<WindowCounts>): Promise<AnalysisOutcome> {
  const results: IntervalResult[] = [];
  for (let index = 1; index <= plan.intervals; index++) {
    let result: IntervalResult;
    try {
      const counts = await readInterval(index);
      result = judgeInterval(index, counts, { baseline: plan.baselineVersion, canary: plan.canaryVersion }, plan.criteria);
    } catch (error) {
      if (plan.signal?.aborted) throw error;
      const now = new Date().toISOString();
      result = {
        index,
        startedAt: now,
        endedAt: now,
        seconds: 0,
        baseline: null,
        canary: null,
        errorTest: null,
        latencyTest: null,
        errorRateSlo: null,
        latencySlo: null,
        verdict: 'inconclusive',
        reasons: [`metrics unavailable: ${describeError(error)}`],
        provenance: [],
      };
    }
    results.push(result);
    const verdict = decide(
      results.map((r) => r.verdict),
      { intervals: plan.intervals, failuresToRollback: plan.failuresToRollback, maxInconclusive: plan.maxInconclusive },
    );
    if (verdict.final) return { decision: verdict.decision, reason: verdict.reason, intervals: results };
  }
  // decide() is always final on the last planned interval; this is only reached when intervals < 1.
  return { decision: 'inconclusive', reason: 'no interval was analysed', intervals: results };
}
