/** Small real tool modules for loop tests: one read-only lookup, and destructive actions that count their runs. */
import { z } from 'zod';
import { defineTool, type AnyToolModule } from '../../../tools/tool.js';

const Environment = z.enum(['staging', 'production']);

export const envUrlTool = defineTool({
  name: 'env_url',
  title: 'Base URL of an environment',
  description: 'Return the base URL sre.yaml gives an environment.',
  input: z.object({ environment: Environment }),
  output: z.object({ environment: Environment, baseUrl: z.string() }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => ({ environment: input.environment, baseUrl: ctx.config.environments[input.environment].baseUrl }),
});

/** Destructive tools named like the real ones (so the policy guard and approval apply), counting real executions. */
export function destructiveTools(): { tools: AnyToolModule[]; executed: string[] } {
  const executed: string[] = [];
  const deploy = defineTool({
    name: 'deploy_execute',
    title: 'Deploy (test)',
    description: 'Deploy the release to an environment.',
    input: z.object({ environment: Environment }),
    output: z.object({ environment: Environment, healthy: z.boolean() }),
    annotations: { readOnly: false, destructive: true },
    handler: async (input) => {
      executed.push(`deploy_execute ${input.environment}`);
      return { environment: input.environment, healthy: true };
    },
  });
  const rollback = defineTool({
    name: 'rollback_execute',
    title: 'Roll back (test)',
    description: 'Roll an environment back.',
    input: z.object({ environment: Environment, scenario: z.string().optional() }),
    output: z.object({ environment: Environment, rolledBack: z.boolean() }),
    annotations: { readOnly: false, destructive: true },
    handler: async (input) => {
      executed.push(`rollback_execute ${input.environment}`);
      return { environment: input.environment, rolledBack: true };
    },
  });
  return { tools: [deploy as unknown as AnyToolModule, rollback as unknown as AnyToolModule], executed };
}

export const testTools: AnyToolModule[] = [envUrlTool as unknown as AnyToolModule];
