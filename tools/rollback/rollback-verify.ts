/** `rollback_verify`: really roll back in staging, check the previous version (or behaviour) answers, then roll forward again. */
import { z } from 'zod';
import { ToolFailure } from '../../src/errors.js';
import { defineTool } from '../tool.js';
import { getDriver } from '../deploy/get-driver.js';
import { releaseFlags } from './release-flags.js';
import { flagDrill, switchDrill, type DrillResult } from './verify-scenarios.js';
import { VERSION_WAIT } from './wait-for-version.js';

export const rollbackVerifyTool = defineTool({
  name: 'rollback_verify',
  title: 'Exercise the rollback in staging',
  description:
    'Prove the rollback works by doing it in staging (never production): turns the release flags off and checks flagd evaluates them off ' +
    'while the service stays healthy, and switches traffic back to the previous version and checks its health endpoint answers with ' +
    'that version; then rolls forward again (new version, flags back to their percent) and checks the new version answers. ' +
    'Needs a healthy staging deploy of the new version first (deploy_execute staging). Returns verified (true only when every exercised ' +
    'scenario rolled back and forward) and the measured time of each rollback.',
  input: z.object({
    environment: z.enum(['staging']).default('staging').describe('Staging only: rollback drills never run in production'),
    answerTimeoutMs: z
      .number()
      .int()
      .positive()
      .max(120_000)
      .default(VERSION_WAIT.timeoutMs)
      .describe('How long each check waits for the expected version to answer healthy'),
  }),
  output: z.object({
    verified: z.boolean(),
    environment: z.literal('staging'),
    version: z.string(),
    previousVersion: z.string().nullable(),
    scenarios: z.array(
      z.object({
        scenario: z.enum(['feature_flag', 'blue_green']),
        rollbackMs: z.number().nullable().describe('Until the previous version (or flag-off behaviour) answered; null if it never did'),
        previousVersionAnswered: z
          .boolean()
          .describe('blue_green: health answered with the previous version; feature_flag: flag off for every sampled user and service healthy'),
        rolledForward: z.boolean(),
        rollForwardMs: z.number().nullable(),
        detail: z.string(),
      }),
    ),
    skipped: z.array(z.object({ scenario: z.string(), reason: z.string() })),
    totalMs: z.number().nonnegative(),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const started = Date.now();
    const environment = input.environment;
    const driver = getDriver(ctx);
    const before = await driver.status(environment, { signal: ctx.signal });
    const version = ctx.handoff?.data.release.version ?? before.activeVersion;
    if (!before.activeVersion || !version) {
      throw new ToolFailure(`nothing is deployed in ${environment}: run deploy_execute in staging before rollback_verify`, { field: 'environment' });
    }
    if (before.activeVersion !== version) {
      throw new ToolFailure(
        `${environment} serves ${before.activeVersion}, expected the new version ${version}: run deploy_execute in staging before rollback_verify`,
        { field: 'environment' },
      );
    }

    const scenarios: DrillResult[] = [];
    const skipped: Array<{ scenario: string; reason: string }> = [];
    const flags = releaseFlags(ctx);
    if (flags.length > 0) scenarios.push(await flagDrill(ctx, environment, flags, version, input.answerTimeoutMs));
    else skipped.push({ scenario: 'feature_flag', reason: 'the release has no feature flag' });

    const previous = before.previousVersion;
    if (previous && previous !== version) scenarios.push(await switchDrill(ctx, driver, environment, { current: version, previous }, input.answerTimeoutMs));
    else skipped.push({ scenario: 'blue_green', reason: `${environment} has no previous version running beside ${version} to switch back to` });

    const verified = scenarios.length > 0 && scenarios.every((s) => s.previousVersionAnswered && s.rolledForward);
    return { verified, environment, version, previousVersion: previous, scenarios, skipped, totalMs: Date.now() - started };
  },
});
