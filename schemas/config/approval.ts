/** Config section: who approves destructive actions when nobody is at a terminal. */
import { z } from 'zod';

export const ApprovalConfig = z
  .object({
    production: z.enum(['ask', 'approve', 'deny']).default('ask').describe('ask: prompt on a TTY, stop (resumable) otherwise'),
    rollback: z.enum(['ask', 'approve', 'deny']).default('ask'),
  })
  .default({ production: 'ask', rollback: 'ask' });
