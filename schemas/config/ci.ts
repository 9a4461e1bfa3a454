/** Config section: CI/CD generation and security gate waivers. */
import { z } from 'zod';

export const CiConfig = z
  .object({
    providers: z.array(z.enum(['github', 'gitlab', 'argocd'])).default(['github']),
    workflowPath: z.string().default('.github/workflows/ci.yml').describe('Workflow file validated (and written when generated)'),
    pins: z.record(z.string(), z.object({ tag: z.string(), sha: z.string().regex(/^[0-9a-f]{40}$/) })).default({}).describe('Overrides of the verified action pins'),
    securityWaivers: z.array(z.object({ id: z.string(), reason: z.string().min(1) })).default([]),
  })
  .default({ providers: ['github'], workflowPath: '.github/workflows/ci.yml', pins: {}, securityWaivers: [] });
