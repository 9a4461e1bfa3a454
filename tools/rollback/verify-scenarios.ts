/** The two staging drills of rollback_verify: flag off → on again, and blue/green switch back → forward again. */
import { flagFileFor } from '../deploy/flags/flag-file-path.js';
import { readFlagPercent, setFlagPercent } from '../deploy/flags/flag-file.js';
import { recordFlag } from '../deploy/journal.js';
import type { DeployDriver, EnvironmentName } from '../deploy/driver.js';
import { describeError } from '../../src/errors.js';
import type { ToolContext } from '../tool.js';
import { usersWithFlagOn } from './flag-evaluation.js';
import { waitForVersion } from './wait-for-version.js';

export interface DrillResult {
  scenario: 'feature_flag' | 'blue_green';
  /** From the rollback action until the previous behaviour answered; null when it never did. */
  rollbackMs: number | null;
  previousVersionAnswered: boolean;
  rolledForward: boolean;
  rollForwardMs: number | null;
  detail: string;
}

/** Sampled users for the flag evaluation check. */
const FLAG_SAMPLE = 200;

/**
 * Flag drill: every release flag to 0 %, prove flagd evaluates it off for every sampled user while the service stays healthy,
 * then restore each flag to the percent it had and prove it reads back.
 */
export async function flagDrill(
  ctx: ToolContext,
  environment: EnvironmentName,
  flags: string[],
  version: string,
  timeoutMs: number,
): Promise<DrillResult> {
  const file = flagFileFor(ctx, environment);
  const notes: string[] = [];
  let rollbackMs: number | null = null;
  let previousVersionAnswered = false;
  let rolledForward = false;
  let rollForwardMs: number | null = null;
  const prior = new Map<string, number>();
  try {
    for (const flag of flags) prior.set(flag, await readFlagPercent(file, flag));
    const started = Date.now();
    for (const flag of flags) {
      const { previous } = await setFlagPercent(file, flag, 0);
      recordFlag(ctx.outDir, ctx.runId, environment, flag, { file, percent: 0, previous }, ctx.config.deploy.driver);
    }
    const stillOn = flags.filter((flag) => usersWithFlagOn(file, flag, FLAG_SAMPLE) > 0);
    const health = await waitForVersion(ctx, environment, version, { timeoutMs });
    previousVersionAnswered = stillOn.length === 0 && health.ok;
    if (previousVersionAnswered) rollbackMs = Date.now() - started;
    notes.push(
      stillOn.length === 0 ? `flag(s) ${flags.join(', ')} off for ${FLAG_SAMPLE}/${FLAG_SAMPLE} sampled users` : `still on for some users: ${stillOn.join(', ')}`,
      health.ok ? `service healthy on ${version} with the flag off` : health.detail,
    );
  } catch (error) {
    notes.push(`flag off failed: ${describeError(error)}`);
  }
  try {
    const started = Date.now();
    const restored: string[] = [];
    for (const [flag, percent] of prior) {
      const target = Math.round(percent);
      const { previous } = await setFlagPercent(file, flag, target);
      recordFlag(ctx.outDir, ctx.runId, environment, flag, { file, percent: target, previous }, ctx.config.deploy.driver);
      if ((await readFlagPercent(file, flag)) === target) restored.push(`${flag}=${target}%`);
    }
    const health = await waitForVersion(ctx, environment, version, { timeoutMs });
    rolledForward = prior.size === flags.length && restored.length === flags.length && health.ok;
    if (rolledForward) rollForwardMs = Date.now() - started;
    notes.push(rolledForward ? `restored ${restored.join(', ')}` : `roll-forward incomplete (restored: ${restored.join(', ') || 'none'}; ${health.detail})`);
  } catch (error) {
    notes.push(`flag restore failed: ${describeError(error)}`);
  }
  return { scenario: 'feature_flag', rollbackMs, previousVersionAnswered, rolledForward, rollForwardMs, detail: notes.join('; ') };
}

/** Blue/green drill: driver.rollback, wait for the previous version to answer, then switch to the new version and wait for it. */
export async function switchDrill(
  ctx: ToolContext,
  driver: DeployDriver,
  environment: EnvironmentName,
  versions: { current: string; previous: string },
  timeoutMs: number,
): Promise<DrillResult> {
  const notes: string[] = [];
  let rollbackMs: number | null = null;
  let previousVersionAnswered = false;
  let rolledForward = false;
  let rollForwardMs: number | null = null;
  try {
    const started = Date.now();
    await driver.rollback(environment, { signal: ctx.signal });
    const back = await waitForVersion(ctx, environment, versions.previous, { timeoutMs });
    previousVersionAnswered = back.ok;
    if (back.ok) rollbackMs = Date.now() - started;
    notes.push(back.ok ? `switched back: ${back.detail}` : `switch back not observed: ${back.detail}`);
  } catch (error) {
    notes.push(`switch back failed: ${describeError(error)}`);
  }
  try {
    const started = Date.now();
    await driver.switchTo(environment, versions.current, { signal: ctx.signal });
    const forward = await waitForVersion(ctx, environment, versions.current, { timeoutMs });
    rolledForward = forward.ok;
    if (forward.ok) rollForwardMs = Date.now() - started;
    notes.push(forward.ok ? `rolled forward: ${forward.detail}` : `roll-forward not observed: ${forward.detail}`);
  } catch (error) {
    notes.push(`roll-forward failed: ${describeError(error)}`);
  }
  return { scenario: 'blue_green', rollbackMs, previousVersionAnswered, rolledForward, rollForwardMs, detail: notes.join('; ') };
}
