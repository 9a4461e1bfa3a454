/**
 * How to ship this release: feature flag when the handoff introduces flags (the seed's preferred strategy),
 * blue/green when the driver can switch all traffic, canary when it can only move weights. `deploy.strategy` overrides.
 */
import type { Strategy } from '../../schemas/common.js';
import type { SreConfig } from '../../schemas/config.js';
import { ToolFailure } from '../../src/errors.js';
import type { ToolContext } from '../tool.js';

export interface DeployPlan {
  strategy: Strategy;
  why: string;
  steps: string[];
  flag: string | null;
  requiresBackup: boolean;
  migrationRollback: string[];
}

/** What the configured driver can do with traffic. */
export function driverCapabilities(config: SreConfig): { switch: boolean; weights: boolean } {
  if (config.deploy.driver === 'command') return { switch: Boolean(config.deploy.command?.switch), weights: Boolean(config.deploy.command?.setWeight) };
  return { switch: true, weights: true };
}

function pick(ctx: ToolContext): { strategy: Strategy; why: string; flag: string | null } {
  const flags = ctx.handoff?.data.featureFlags ?? [];
  const flag = flags[0]?.key ?? null;
  const caps = driverCapabilities(ctx.config);
  const forced = ctx.config.deploy.strategy;
  if (forced !== 'auto') {
    if (forced === 'feature_flag' && !flag) {
      throw new ToolFailure('deploy.strategy is feature_flag but the QA handoff introduces no feature flag (featureFlags is empty)', { field: 'deploy.strategy' });
    }
    if (forced === 'blue_green' && !caps.switch) throw new ToolFailure('deploy.strategy is blue_green but deploy.command.switch is not configured', { field: 'deploy.strategy' });
    if (forced === 'canary' && !caps.weights) throw new ToolFailure('deploy.strategy is canary but deploy.command.setWeight is not configured', { field: 'deploy.strategy' });
    return { strategy: forced, why: `set by deploy.strategy in sre.yaml`, flag: forced === 'feature_flag' ? flag : null };
  }
  if (flag) {
    return { strategy: 'feature_flag', why: `the release introduces feature flag ${flags.map((f) => f.key).join(', ')}: ship the code dark (flag off) and activate gradually; rollback is turning the flag off (instant)`, flag };
  }
  if (caps.switch) return { strategy: 'blue_green', why: 'no feature flag in the handoff and the driver can switch all traffic between two versions: rollback is switching back (instant)', flag: null };
  if (caps.weights) return { strategy: 'canary', why: 'no feature flag in the handoff and the driver can only move traffic weights: grow the new version gradually', flag: null };
  throw new ToolFailure('no deploy strategy is possible: the handoff has no feature flag and deploy.command has neither switch nor setWeight', { field: 'deploy.command' });
}

/** The plan for this run (strategy, steps, backup need and migration reversals). */
export function choosePlan(ctx: ToolContext): DeployPlan {
  const { strategy, why, flag } = pick(ctx);
  const release = ctx.handoff?.data.release;
  const next = release?.version ?? 'the new version';
  const current = release?.previousVersion ?? 'the current version';
  const migrations = ctx.handoff?.data.migrations ?? [];
  const requiresBackup = migrations.length > 0;
  const { activation, deploy } = ctx.config;
  const steps: string[] = [];
  if (strategy === 'feature_flag') {
    steps.push(`staging: deploy ${next} beside ${current} (health-gated), switch, flag ${flag} 100% (test with the flag on)`);
    steps.push('staging: smoke tests');
    if (requiresBackup) steps.push(`production: backup before migrations ${migrations.map((m) => m.name).join(', ')}`);
    steps.push(`production: deploy ${next} and switch with flag ${flag} at 0% (code shipped dark)`);
    steps.push('production: smoke tests');
    steps.push(`activation: ${flag} ${activation.steps.join('% → ')}%, watching ${activation.watchHours} h per step`);
    steps.push(`rollback: flag ${flag} to 0% (instant), then switch back to ${current} if needed`);
  } else if (strategy === 'blue_green') {
    steps.push(`staging: deploy ${next} (green) beside ${current} (blue), switch, smoke tests`);
    if (requiresBackup) steps.push(`production: backup before migrations ${migrations.map((m) => m.name).join(', ')}`);
    steps.push(`production: deploy ${next} (green) beside ${current} (blue), health-gated`);
    steps.push('production: switch all traffic blue → green, smoke tests, monitor');
    steps.push(`rollback: switch green → blue (${current}), instant`);
  } else {
    steps.push(`staging: deploy ${next}, switch, smoke tests`);
    if (requiresBackup) steps.push(`production: backup before migrations ${migrations.map((m) => m.name).join(', ')}`);
    steps.push(`production: deploy ${next} beside ${current}, ${deploy.canaryWeights[0] ?? 1}% of traffic`);
    steps.push(`canary: ${deploy.canaryWeights.join('% → ')}%, watching error rate and latency at each step`);
    steps.push(`rollback: all traffic back to ${current} when the error rate rises`);
  }
  if (requiresBackup) steps.push(`migration rollback: ${migrations.map((m) => m.reverse).join('; ')}`);
  return { strategy, why, steps, flag, requiresBackup, migrationRollback: migrations.map((m) => m.reverse) };
}
