/**
 * Metric-gated activation (seed: "0% → 10% → 50% → 100%, monitorar 4h antes de avançar"): raise a production
 * flag one activation step only after the SLIs held for the watch window since the flag last changed, and set it
 * back to 0 by itself as soon as the error rate or p95 crosses its threshold.
 */
import { statSync } from 'node:fs';
import { ToolFailure } from '../../../src/errors.js';
import type { ToolContext } from '../../tool.js';
import { flagFileFor } from '../../deploy/flags/flag-file-path.js';
import { readFlagPercent, setFlagPercent } from '../../deploy/flags/flag-file.js';
import { countsFromPromql } from '../sli/promql-counts.js';
import { countsBetween } from '../sli/snapshot-counts.js';
import { computeSli, mergeVersions, type Sli, type WindowCounts } from '../sli/window-counts.js';
import { environmentSelector, sleep } from '../sli/window-reader.js';
import { getMetricsSource } from '../source/get-metrics-source.js';
import { snapshotHistory, takeSnapshot, type Snapshot } from '../source/snapshot.js';

export type PromoteDecision = 'advance' | 'rollback' | 'hold' | 'wait' | 'complete';

export interface PromoteOptions {
  flag: string;
  watchSeconds: number;
  /** Longest this call may wait for the window to complete (a tool call's budget; Infinity for the CLI). */
  maxWaitMs: number;
  minRequests: number;
  /** Asked before the flag is raised (production approval); a rollback to 0 is never asked. */
  approveAdvance?: (from: number, to: number) => Promise<{ approved: boolean; note?: string }>;
}

export interface PromoteResult {
  environment: 'production';
  flag: string;
  file: string;
  previous: number;
  percent: number;
  nextStep: number | null;
  decision: PromoteDecision;
  slis: Sli | null;
  watchedFrom: string | null;
  watchedTo: string | null;
  watchSeconds: number;
  thresholds: { errorRate: number; latencyP95Seconds: number; minRequests: number };
  reason: string;
}

type Measure = () => Promise<WindowCounts>;

/** Why `sli` breaches a threshold, or null. Too little traffic is never a breach (one error in two requests is noise). */
function breach(sli: Sli, t: PromoteResult['thresholds']): string | null {
  if (sli.requests < t.minRequests) return null;
  if (sli.errorRate !== null && sli.errorRate > t.errorRate) return `error rate ${(sli.errorRate * 100).toFixed(2)}% > ${(t.errorRate * 100).toFixed(2)}%`;
  if (sli.latencyP95Seconds !== null && sli.latencyP95Seconds > t.latencyP95Seconds) return `p95 ${sli.latencyP95Seconds.toFixed(3)}s > ${t.latencyP95Seconds}s`;
  return null;
}

const sliOf = (counts: WindowCounts) => computeSli(mergeVersions(Object.values(counts.byVersion)), (counts.endMs - counts.startMs) / 1000);

/** Where the watch window starts and how to read it up to now: it never starts before the flag last changed. */
async function watchStart(ctx: ToolContext, sinceMs: number, watchSeconds: number): Promise<{ startMs: number; measure: Measure; snapshotToKeep?: Snapshot }> {
  const source = getMetricsSource(ctx);
  if (source.supportsQuery) {
    const selector = environmentSelector(ctx, 'production');
    // Look back to the flag change, at most one watch window.
    const startMs = Math.max(sinceMs, Date.now() - watchSeconds * 1000);
    return { startMs, measure: () => countsFromPromql(source, selector, Math.max(1, (Date.now() - startMs) / 1000), new Date()) };
  }
  const history = snapshotHistory(ctx);
  // The oldest snapshot of this run taken after the flag change can start the window; else start one now.
  let start: Snapshot | null = null;
  for (let at = Date.now(); ; ) {
    const candidate = history.atOrBefore('production', at);
    if (!candidate || candidate.atMs < sinceMs) break;
    start = candidate;
    at = candidate.atMs - 1;
  }
  start ??= await takeSnapshot(ctx, 'production');
  const from = start;
  return { startMs: from.atMs, measure: async () => countsBetween(from, await takeSnapshot(ctx, 'production')) };
}

/** Advance, hold or roll back `flag` in production after watching its SLIs. */
export async function promoteFlag(ctx: ToolContext, options: PromoteOptions): Promise<PromoteResult> {
  const file = flagFileFor(ctx, 'production');
  const previous = await readFlagPercent(file, options.flag);
  const steps = [...new Set(ctx.config.activation.steps)].sort((a, b) => a - b);
  const nextStep = steps.find((s) => s > previous) ?? null;
  const t = { errorRate: ctx.config.thresholds.errorRate, latencyP95Seconds: ctx.config.thresholds.latencyP95Seconds, minRequests: options.minRequests };
  const base = { environment: 'production' as const, flag: options.flag, file, previous, nextStep, watchSeconds: options.watchSeconds, thresholds: t };
  if (nextStep === null) {
    return { ...base, percent: previous, decision: 'complete', slis: null, watchedFrom: null, watchedTo: null, reason: `${options.flag} is already at ${previous}%, the last activation step (${steps.join(' → ')})` };
  }
  let sinceMs: number;
  try {
    sinceMs = statSync(file).mtimeMs;
  } catch (error) {
    throw new ToolFailure(`cannot read the modification time of flag file ${file}: ${(error as Error).message}`, { file });
  }
  const { startMs, measure } = await watchStart(ctx, sinceMs, options.watchSeconds);
  const endMs = startMs + options.watchSeconds * 1000;
  const waitMs = endMs - Date.now();
  if (waitMs > options.maxWaitMs) {
    return {
      ...base,
      percent: previous,
      decision: 'wait',
      slis: null,
      watchedFrom: new Date(startMs).toISOString(),
      watchedTo: null,
      reason: `the ${options.watchSeconds}s watch of the ${previous}% step ends at ${new Date(endMs).toISOString()}, later than this call may wait; call again then, or run \`sre-agent promote\`, which watches in the foreground`,
    };
  }
  // Poll through the window so a regression rolls back at once instead of at the end of a 4 h watch.
  const pollMs = Math.max(1_000, Math.min(60_000, (options.watchSeconds * 1000) / 10));
  let counts: WindowCounts;
  for (;;) {
    const remaining = endMs - Date.now();
    if (remaining > 0) await sleep(Math.min(pollMs, remaining), ctx.signal);
    counts = await measure();
    const sli = sliOf(counts);
    const why = breach(sli, t);
    if (why) {
      await setFlagPercent(file, options.flag, 0);
      return { ...base, percent: 0, decision: 'rollback', slis: sli, watchedFrom: new Date(counts.startMs).toISOString(), watchedTo: new Date(counts.endMs).toISOString(), reason: `${why} at ${previous}%: ${options.flag} set back to 0%` };
    }
    if (Date.now() >= endMs) break;
  }
  const sli = sliOf(counts);
  const window = { watchedFrom: new Date(counts.startMs).toISOString(), watchedTo: new Date(counts.endMs).toISOString() };
  if (sli.requests < t.minRequests || sli.errorRate === null || sli.latencyP95Seconds === null) {
    return {
      ...base,
      ...window,
      percent: previous,
      decision: 'hold',
      slis: sli,
      reason: `not enough data to prove the SLIs held: ${sli.requests} requests (need ${t.minRequests})${sli.latencyP95Seconds === null ? ', no latency observations' : ''}; generate load and try again`,
    };
  }
  if (options.approveAdvance) {
    const answer = await options.approveAdvance(previous, nextStep);
    if (!answer.approved) {
      return { ...base, ...window, percent: previous, decision: 'hold', slis: sli, reason: `SLIs held but raising to ${nextStep}% was not approved${answer.note ? ` (${answer.note})` : ''}` };
    }
  }
  await setFlagPercent(file, options.flag, nextStep);
  return {
    ...base,
    ...window,
    percent: nextStep,
    decision: 'advance',
    slis: sli,
    reason: `SLIs held for ${options.watchSeconds}s at ${previous}% (error rate ${((sli.errorRate ?? 0) * 100).toFixed(2)}% ≤ ${(t.errorRate * 100).toFixed(2)}%, p95 ${sli.latencyP95Seconds.toFixed(3)}s ≤ ${t.latencyP95Seconds}s, ${sli.requests} requests): ${options.flag} raised to ${nextStep}%`,
  };
}
