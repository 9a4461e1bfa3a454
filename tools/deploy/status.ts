/** deploy_status: what an environment serves right now, as the deploy driver sees it. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { DeployStateSchema, EnvironmentInput } from './deploy-state-schema.js';
import { getDriver } from './get-driver.js';

export const deployStatusTool = defineTool({
  name: 'deploy_status',
  title: 'Deploy status',
  description:
    'Show what an environment serves now: the active version, the previous version kept for rollback, traffic weights per version ' +
    'and driver details (processes, ports, request counters for the local driver; the status command output for the command driver).',
  input: z.object({ environment: EnvironmentInput }),
  output: z.object({ environment: z.enum(['staging', 'production']), state: DeployStateSchema }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => ({ environment: input.environment, state: await getDriver(ctx).status(input.environment, { signal: ctx.signal }) }),
});
