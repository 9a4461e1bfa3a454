/** deploy_execute: ship a version to staging or production with the planned strategy, then check the environment is healthy. */
import { z } from 'zod';
import { Strategy } from '../../schemas/common.js';
import { ToolFailure } from '../../src/errors.js';
import { defineTool, type ToolContext } from '../tool.js';
import { choosePlan, type DeployPlan } from './choose-strategy.js';
import { DeployStateSchema, EnvironmentInput } from './deploy-state-schema.js';
import type { EnvironmentName } from './driver.js';
import { setFlagPercent } from './flags/flag-file.js';
import { flagFileFor } from './flags/flag-file-path.js';
import { getDriver } from './get-driver.js';
import { recordFlag, recordStep } from './journal.js';
import { probeHealth } from './local/wait-healthy.js';

/** The latest deploy_plan result of this run, or a fresh plan when none was made. */
function currentPlan(ctx: ToolContext): DeployPlan {
  const entry = ctx.ledger.lastOk<DeployPlan>('deploy_plan');
  return (entry?.output as DeployPlan | undefined) ?? choosePlan(ctx);
}

async function setFlag(ctx: ToolContext, environment: EnvironmentName, flag: string, percent: number, steps: string[]): Promise<void> {
  const file = flagFileFor(ctx, environment);
  const { previous, current } = await setFlagPercent(file, flag, percent);
  recordFlag(ctx.outDir, ctx.runId, environment, flag, { file, percent: current, previous }, ctx.config.deploy.driver);
  steps.push(`flag ${flag} ${previous}% → ${current}% in ${environment}`);
}

export const deployExecuteTool = defineTool({
  name: 'deploy_execute',
  title: 'Deploy a version',
  description:
    'Deploy the release to one environment with the planned strategy (call deploy_plan first; the strategy can be overridden). ' +
    'staging: start the version beside the current one (health-gated), switch traffic to it, and turn the release flag on (100%) to test it. ' +
    'production: feature_flag → flag set to 0% first, then deploy and switch (code shipped dark); blue_green → deploy and switch; ' +
    'canary → deploy and give it the first canary weight (1%). Then checks the environment answers healthy. ' +
    'Returns healthy, the traffic state, the flag and the steps done. When a step fails the previous version keeps serving.',
  input: z.object({
    environment: EnvironmentInput,
    version: z.string().optional().describe('Version to deploy; defaults to the handoff release version'),
    strategy: Strategy.optional().describe('Defaults to the latest deploy_plan strategy'),
  }),
  output: z.object({
    environment: z.enum(['staging', 'production']),
    version: z.string(),
    strategy: Strategy,
    healthy: z.boolean(),
    healthDetail: z.string().describe('What the health check saw'),
    state: DeployStateSchema,
    flag: z.object({ name: z.string(), percent: z.number() }).nullable(),
    steps: z.array(z.string()),
  }),
  annotations: { readOnly: false, destructive: true, openWorld: true },
  handler: async (input, ctx) => {
    const environment = input.environment;
    const version = input.version ?? ctx.handoff?.data.release.version;
    if (!version) throw new ToolFailure('no version to deploy: pass version, or run with a QA handoff that names release.version', { field: 'version' });
    const plan = currentPlan(ctx);
    const strategy = input.strategy ?? plan.strategy;
    const flagName = strategy === 'feature_flag' ? (plan.flag ?? ctx.handoff?.data.featureFlags[0]?.key ?? null) : null;
    if (strategy === 'feature_flag' && !flagName) throw new ToolFailure('strategy feature_flag needs a flag: the plan and the handoff name none', { field: 'strategy' });
    const driver = getDriver(ctx);
    const options = { signal: ctx.signal };
    const steps: string[] = [];
    let flag: { name: string; percent: number } | null = null;

    if (environment === 'production' && flagName) {
      // Ship dark: the flag is off before any request reaches the new code.
      await setFlag(ctx, environment, flagName, 0, steps);
      flag = { name: flagName, percent: 0 };
    }
    const deployed = await driver.deploy(environment, version, options);
    steps.push(`deployed ${version} in ${environment} (health-gated)${deployed.activeVersion && deployed.activeVersion !== version ? ` beside ${deployed.activeVersion}` : ''}`);
    let state = deployed;
    if (environment === 'production' && strategy === 'canary') {
      const weight = ctx.config.deploy.canaryWeights[0] ?? 1;
      state = await driver.setWeight(environment, version, weight, options);
      steps.push(`canary: ${version} receives ${weight}% of traffic`);
    } else {
      state = await driver.switchTo(environment, version, options);
      steps.push(`switched all ${environment} traffic to ${version}${state.previousVersion ? ` (rollback target ${state.previousVersion})` : ''}`);
    }
    if (environment === 'staging' && flagName) {
      await setFlag(ctx, environment, flagName, 100, steps);
      flag = { name: flagName, percent: 100 };
    }

    const env = ctx.config.environments[environment];
    const probe = await probeHealth(`${env.baseUrl.replace(/\/$/, '')}${env.healthPath}`, ctx.config.limits.httpTimeoutMs);
    const versionOk = strategy === 'canary' && environment === 'production' ? (state.weights[version] ?? 0) > 0 : probe.version === version;
    const healthy = probe.healthy && versionOk;
    const healthDetail = `${probe.detail}${probe.version ? `, version ${probe.version}` : ''}`;
    steps.push(`health: ${healthy ? 'healthy' : 'NOT healthy'} (${healthDetail})`);
    recordStep(ctx.outDir, ctx.runId, environment, 'deploy_execute', `${version} ${strategy}: ${healthy ? 'healthy' : 'not healthy'}`);
    return { environment, version, strategy, healthy, healthDetail, state, flag, steps };
  },
});
