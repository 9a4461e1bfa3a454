/**
 * The eval scenario contract: a QA handoff, sre.yaml overrides, the simulated environment's script and the
 * expectations a run is scored against. One YAML file per scenario in evals/scenarios/.
 */
import { z } from 'zod';
import { CHECKLIST_KEYS } from '../schemas/checklist.js';
import { Strategy } from '../schemas/common.js';

export const Decision = z.enum(['deliver', 'block', 'rollback']);
export type Decision = z.infer<typeof Decision>;

const Environment = z.enum(['staging', 'production']);

/** How deploying the release version into an environment goes. */
export const DeployOutcome = z
  .enum(['healthy', 'unhealthy', 'fail', 'hang'])
  .describe('healthy: serves and answers healthy; unhealthy: serves but /health says unhealthy (503); fail: the driver reports an error; hang: the driver never answers');

/** What /health answers for one version. */
export const HealthScript = z
  .object({
    status: z.enum(['healthy', 'unhealthy']).default('healthy'),
    httpStatus: z.number().int().min(100).max(599).optional().describe('Defaults to 200 when healthy, 503 otherwise'),
    checks: z.record(z.string(), z.boolean()).default({}).describe('Overrides of database/cache/external_api (all true by default)'),
  })
  .strict();

/** One analysis interval of traffic for one version. */
export const TrafficInterval = z
  .object({
    requests: z.number().int().nonnegative(),
    errorRate: z.number().min(0).max(1).default(0),
    latencyP95: z.number().positive().default(0.2).describe('Seconds'),
  })
  .strict();
export type TrafficInterval = z.infer<typeof TrafficInterval>;

/** The simulated environment: driver outcomes, health answers, flakiness and metrics per version and interval. */
export const SimScript = z
  .object({
    deploy: z.object({ staging: DeployOutcome.default('healthy'), production: DeployOutcome.default('healthy') }).strict().default({ staging: 'healthy', production: 'healthy' }),
    health: z.record(z.string(), HealthScript).default({}).describe('Per version; versions not listed answer healthy'),
    flakyHealth: z
      .partialRecord(Environment, z.object({ after: z.number().int().nonnegative().default(0), fail: z.number().int().positive().default(1) }).strict())
      .default({})
      .describe('Per environment: after `after` answers from the release version, the next `fail` answers are 503, then healthy again'),
    traffic: z
      .record(z.string(), z.union([TrafficInterval, z.array(TrafficInterval).min(1)]))
      .default({})
      .describe('Per version: one interval repeated, or one per analysis interval (the last repeats)'),
    missingMetrics: z.boolean().default(false).describe('The service exposes no request metrics at all (queries come back empty)'),
  })
  .strict();
export type SimScript = z.infer<typeof SimScript>;

/** A tool call the trajectory expects or forbids, with a partial argument match. */
export const ToolStep = z.union([
  z.string().min(1),
  z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) }).strict(),
]);
export type ToolStep = z.infer<typeof ToolStep>;

const ChecklistKey = z.enum(CHECKLIST_KEYS as [string, ...string[]]);

export const Expectations = z
  .object({
    decision: z.union([Decision, z.array(Decision).min(1)]).describe('Acceptable decisions'),
    strategy: Strategy.nullable().optional().describe('Strategy the report must name (null: none chosen)'),
    trajectory: z
      .object({
        mode: z.enum(['exact', 'in_order']).default('in_order'),
        required: z.array(ToolStep).default([]),
        forbidden: z.array(ToolStep).default([]),
      })
      .strict()
      .default({ mode: 'in_order', required: [], forbidden: [] }),
    checklist: z.object({ done: z.array(ChecklistKey).default([]), notDone: z.array(ChecklistKey).default([]) }).strict().default({ done: [], notDone: [] }),
    blockingReasons: z.array(z.string()).default([]).describe('Regular expressions (case-insensitive) that some blocking reason must match'),
    budget: z
      .object({ maxToolCalls: z.number().int().positive().optional(), maxTokens: z.number().int().positive().optional(), maxTurns: z.number().int().positive().optional() })
      .strict()
      .default({}),
  })
  .strict();
export type Expectations = z.infer<typeof Expectations>;

/** A file placed in the scenario's working copy: copied from evals/scenarios/, or given inline. */
export const ScenarioFile = z.union([z.object({ from: z.string().min(1) }).strict(), z.object({ text: z.string() }).strict()]);

export const Scenario = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case scenario name'),
    description: z.string().min(1),
    tags: z.array(z.string()).default([]),
    handoff: z.record(z.string(), z.unknown()).describe('The QA handoff (validated by the engine, as step 6 would hand it over)'),
    files: z.record(z.string(), ScenarioFile.nullable()).default({}).describe('Working-copy path → source (null removes a default file); QA artifacts go under qa/, what the CI test run writes under ci/'),
    config: z.record(z.string(), z.unknown()).default({}).describe('sre.yaml overrides, deep-merged onto the eval base config'),
    sim: SimScript.default(SimScript.parse({})),
    expect: Expectations,
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;
