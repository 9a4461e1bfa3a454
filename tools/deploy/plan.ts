/** deploy_plan: choose the deploy strategy for this release and list its steps. */
import { z } from 'zod';
import { Strategy } from '../../schemas/common.js';
import { defineTool } from '../tool.js';
import { choosePlan } from './choose-strategy.js';

export const deployPlanTool = defineTool({
  name: 'deploy_plan',
  title: 'Plan the deploy',
  description:
    'Choose how to ship this release and list the steps. Feature flag when the QA handoff introduces flags (preferred: code ships ' +
    'with the flag off and rollback is instant), blue/green when the deploy driver can switch all traffic, canary when it can only ' +
    'move weights; deploy.strategy in sre.yaml overrides. Also says whether a backup is required (the release has migrations) and ' +
    'how each migration is reversed. Call it first; deploy_execute follows the latest plan.',
  input: z.object({}),
  output: z.object({
    strategy: Strategy,
    why: z.string(),
    steps: z.array(z.string()),
    flag: z.string().nullable().describe('Feature flag that gates the release, when the strategy is feature_flag'),
    requiresBackup: z.boolean().describe('True when the release has database migrations'),
    migrationRollback: z.array(z.string()).describe('How each migration is reversed, in order'),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (_input, ctx) => choosePlan(ctx),
});
