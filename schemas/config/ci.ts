/** Config section: CI/CD generation and security gate waivers. */
import { z } from 'zod';
import { Argv } from '../common.js';

export const CiConfig = z
  .object({
    providers: z.array(z.enum(['github', 'gitlab', 'argocd'])).default(['github']),
    workflowPath: z.string().default('.github/workflows/ci.yml').describe('Workflow file validated (and written when generated)'),
    pins: z.record(z.string(), z.object({ tag: z.string(), sha: z.string().regex(/^[0-9a-f]{40}$/) })).default({}).describe('Overrides of the verified action pins'),
    securityWaivers: z.array(z.object({ id: z.string(), reason: z.string().min(1) })).default([]),
    setup: z.array(Argv).default([]).describe('Generated pipelines: commands run before installing dependencies (system packages, tools)'),
    verify: z.array(Argv).default([]).describe('Generated pipelines: commands run after the tests pass (self-checks, smoke scripts)'),
  })
  .default({ providers: ['github'], workflowPath: '.github/workflows/ci.yml', pins: {}, securityWaivers: [], setup: [], verify: [] });
