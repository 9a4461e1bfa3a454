/** The actions behind rollback_execute, one function per scenario; each returns what was done and the resulting state. */
import { flagFileFor } from '../deploy/flags/flag-file-path.js';
import { readFlagPercent, setFlagPercent } from '../deploy/flags/flag-file.js';
import { recordFlag } from '../deploy/journal.js';
import type { DeployState, EnvironmentName } from '../deploy/driver.js';
import { ToolFailure } from '../../src/errors.js';
import { runCommand } from '../shared/run-command.js';
import type { ToolContext } from '../tool.js';
import { getDriver } from '../deploy/get-driver.js';
import { migrationReverses } from './migration-reverse.js';
import { releaseFlags } from './release-flags.js';

export interface ScenarioOutcome {
  done: boolean;
  detail: string;
  state?: DeployState;
  flags?: Array<{ name: string; previous: number; percent: number; file: string }>;
  commands?: Array<{ argv: string[]; ran: boolean; exitCode: number | null }>;
}

/** Turn the release's flags (or the given one) off in the environment's flag file. */
export async function flagOff(ctx: ToolContext, environment: EnvironmentName, flag: string | undefined): Promise<ScenarioOutcome> {
  const flags = flag ? [flag] : releaseFlags(ctx);
  if (flags.length === 0) {
    throw new ToolFailure('no feature flag to turn off: the handoff declares none and no deploy_plan chose one; pass `flag`', { field: 'flag' });
  }
  const file = flagFileFor(ctx, environment);
  const changed = [];
  for (const name of flags) {
    const { previous } = await setFlagPercent(file, name, 0);
    // The run journal tracks flag values so `sre-agent rollback --run` sees what we changed.
    recordFlag(ctx.outDir, ctx.runId, environment, name, { file, percent: 0, previous }, ctx.config.deploy.driver);
    const now = await readFlagPercent(file, name);
    if (now !== 0) throw new ToolFailure(`flag ${name} in ${file} still reads ${now}% after being set to 0%`, { file, field: `flags.${name}` });
    changed.push({ name, previous, percent: 0, file });
  }
  return { done: true, detail: `${flags.join(', ')} off (0%) in ${file}`, flags: changed };
}

/** Blue/green: all traffic back to the previous version. */
export async function switchBack(ctx: ToolContext, environment: EnvironmentName): Promise<ScenarioOutcome> {
  const driver = getDriver(ctx);
  const before = await driver.status(environment, { signal: ctx.signal });
  const state = await driver.rollback(environment, { signal: ctx.signal });
  return { done: true, detail: `traffic switched from ${before.activeVersion ?? 'nothing'} back to ${state.activeVersion ?? 'nothing'}`, state };
}

/** Canary: weight 0 for the new version; the rest of the traffic stays on the active one. */
export async function canaryWeightZero(ctx: ToolContext, environment: EnvironmentName): Promise<ScenarioOutcome> {
  const driver = getDriver(ctx);
  const before = await driver.status(environment, { signal: ctx.signal });
  const fromHandoff = ctx.handoff?.data.release.version;
  const weighted = Object.entries(before.weights).find(([v, w]) => w > 0 && v !== before.activeVersion)?.[0];
  const candidate = fromHandoff && fromHandoff in before.weights ? fromHandoff : weighted;
  if (!candidate) {
    return { done: false, detail: `no canary carries traffic in ${environment} (weights ${JSON.stringify(before.weights)}); nothing to set to 0`, state: before };
  }
  const state = await driver.setWeight(environment, candidate, 0, { signal: ctx.signal });
  return { done: true, detail: `canary ${candidate} weight 0%; traffic on ${state.activeVersion ?? 'nothing'}`, state };
}

/** `git revert --no-edit <commit>` in the repository, only when confirmed. */
export async function gitRevert(ctx: ToolContext, confirm: boolean): Promise<ScenarioOutcome> {
  const release = ctx.handoff?.data.release;
  if (!release) throw new ToolFailure('git_revert needs the release commit, and this run has no QA handoff', { field: 'handoff.release.commit' });
  const argv = ['git', 'revert', '--no-edit', release.commit];
  const follow = `then push ${release.branch} so CI/CD redeploys`;
  if (!confirm) {
    return { done: false, detail: `not run: pass confirm: true to run \`${argv.join(' ')}\` in ${ctx.repoDir}; ${follow}`, commands: [{ argv, ran: false, exitCode: null }] };
  }
  const result = await runCommand(argv, { cwd: ctx.repoDir, timeoutMs: 60_000, signal: ctx.signal });
  if (result.failure) {
    throw new ToolFailure(`${argv.join(' ')} failed in ${ctx.repoDir}: ${result.failure}: ${(result.stderr || result.stdout).split('\n').slice(-3).join(' | ')}`, {
      command: argv.join(' '),
    });
  }
  return { done: true, detail: `reverted ${release.commit} in ${ctx.repoDir}; ${follow}`, commands: [{ argv, ran: true, exitCode: result.exitCode }] };
}

/** Run each migration's reverse command (last applied first), only when confirmed and only when it is a command. */
export async function migrationReverse(ctx: ToolContext, confirm: boolean): Promise<ScenarioOutcome> {
  const reverses = migrationReverses(ctx.handoff?.data ?? null);
  if (reverses.length === 0) return { done: false, detail: 'the release has no migrations to reverse', commands: [] };
  const manual = reverses.filter((m) => m.argv === null);
  if (!confirm || manual.length > 0) {
    const todo = reverses.map((m) => (m.argv ? `${m.name}: ${m.reverse}` : `${m.name}: ${m.note}`)).join('; ');
    const why = manual.length > 0 ? `${manual.length} reverse step(s) are not runnable commands` : 'pass confirm: true to run them';
    return { done: false, detail: `not run (${why}): ${todo}`, commands: reverses.filter((m) => m.argv).map((m) => ({ argv: m.argv!, ran: false, exitCode: null })) };
  }
  const commands: NonNullable<ScenarioOutcome['commands']> = [];
  for (const m of reverses) {
    const result = await runCommand(m.argv!, { cwd: ctx.repoDir, timeoutMs: ctx.config.limits.commandTimeoutMs, signal: ctx.signal });
    commands.push({ argv: m.argv!, ran: true, exitCode: result.exitCode });
    if (result.failure) {
      throw new ToolFailure(`reversing migration ${m.name} failed (${m.reverse}): ${result.failure}: ${(result.stderr || result.stdout).split('\n').slice(-3).join(' | ')}`, {
        command: m.reverse,
      });
    }
  }
  return { done: true, detail: `reversed ${reverses.map((m) => m.name).join(', ')}`, commands };
}
