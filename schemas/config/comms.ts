/** Config section: documentation files and team notification channels. */
import { z } from 'zod';

export const DocsConfig = z
  .object({
    changelog: z.string().default('CHANGELOG.md'),
    readme: z.string().default('README.md'),
    deployDoc: z.string().default('docs/DEPLOY.md'),
    apply: z.boolean().default(false).describe('Write documentation into the repository (otherwise only show the diff)'),
  })
  .default({ changelog: 'CHANGELOG.md', readme: 'README.md', deployDoc: 'docs/DEPLOY.md', apply: false });

export const NotifyConfig = z
  .object({
    channels: z
      .array(
        z.object({
          type: z.enum(['webhook', 'slack']),
          url: z.string().url(),
          name: z.string().optional(),
        }),
      )
      .default([]),
  })
  .default({ channels: [] });
