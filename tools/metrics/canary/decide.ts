/** The canary decision from the interval verdicts so far: rollback, hold, promote, inconclusive, or keep going. */

export type CanaryDecision = 'promote' | 'hold' | 'rollback' | 'inconclusive';

export interface DecisionRules {
  /** Intervals planned. */
  intervals: number;
  /** Failing intervals in a row that trigger a rollback. */
  failuresToRollback: number;
  /** Inconclusive intervals after which a human must look. */
  maxInconclusive: number;
}

/** The decision after `verdicts`; `final: false` means keep analysing (only possible before the last planned interval). */
export function decide(verdicts: Array<'pass' | 'fail' | 'inconclusive'>, rules: DecisionRules): { decision: CanaryDecision; final: boolean; reason: string } {
  let streak = 0;
  for (const v of verdicts) streak = v === 'fail' ? streak + 1 : 0;
  const fails = verdicts.filter((v) => v === 'fail').length;
  const passes = verdicts.filter((v) => v === 'pass').length;
  const inconclusive = verdicts.filter((v) => v === 'inconclusive').length;
  if (streak >= rules.failuresToRollback) {
    return { decision: 'rollback', final: true, reason: `regression confirmed in ${streak} consecutive intervals` };
  }
  if (inconclusive >= rules.maxInconclusive) {
    return { decision: 'hold', final: true, reason: `${inconclusive} inconclusive intervals (max ${rules.maxInconclusive}): a human must look before the canary moves` };
  }
  if (verdicts.length < rules.intervals) return { decision: 'inconclusive', final: false, reason: 'analysis continues' };
  const last = verdicts[verdicts.length - 1];
  if (last === 'fail') return { decision: 'hold', final: true, reason: 'the last interval failed and there was no interval left to confirm it: analyse again before moving' };
  if (fails >= 2) return { decision: 'hold', final: true, reason: `${fails} failing intervals (not consecutive): intermittent regression, a human must look` };
  if (passes === 0) return { decision: 'inconclusive', final: true, reason: 'no interval had enough data to compare the versions' };
  return {
    decision: 'promote',
    final: true,
    reason: `${passes} of ${verdicts.length} intervals passed${fails ? `, 1 isolated failure not confirmed` : ''}${inconclusive ? `, ${inconclusive} inconclusive` : ''}`,
  };
}
