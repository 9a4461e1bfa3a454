/** Tool `notify_team`: send the release announcement to the configured webhooks, or leave it in a file for a human to send. */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';
import { ToolFailure } from '../../src/errors.js';
import { readReleaseFacts } from '../shared/ledger-facts.js';
import { defineTool } from '../tool.js';
import { announcementMarkdown, buildAnnouncement } from './announcement.js';
import { payloadFor } from './channel-payload.js';
import { channelLabel, deliver } from './deliver.js';

/** Stable per run, channel and text: a repeated call with the same message is the same delivery to a receiver that dedupes. */
const idempotencyKey = (runId: string, label: string, index: number, body: string) =>
  createHash('sha256').update(`${runId}\n${index}\n${label}\n${body}`).digest('hex').slice(0, 32);

export const notifyTeamTool = defineTool({
  name: 'notify_team',
  title: 'Notify the team',
  description:
    'Send the release announcement to every channel in sre.yaml notify.channels (generic JSON webhook: POST {service, version, status, text, ...}; ' +
    'Slack-compatible incoming webhook: {text, blocks}), with a timeout, up to 3 tries on 5xx/429/no answer and an Idempotency-Key header. ' +
    'The default message is built from the ledger (version, strategy, activation plan, rollback, backup, evidence ids); pass `message` to send your own text. ' +
    'The announcement is always written to <out>/announcement.md. With no channel configured nothing is sent and notified is false: the team still has to be told. ' +
    'Returns { notified (true only when every channel answered 2xx), deliveries: [{channel (name or host, never the URL), type, status, attempts, ok, error}], announcementFile, message, notes }.',
  input: z.object({
    message: z.string().optional().describe('Announcement text; default: built from the ledger'),
    audience: z.array(z.string()).optional().describe('Who the announcement is for, e.g. ["time dev", "stakeholders", "UX"]'),
  }),
  output: z.object({
    notified: z.boolean().describe('At least one channel answered 2xx and none failed'),
    deliveries: z.array(
      z.object({
        channel: z.string(),
        type: z.enum(['webhook', 'slack']),
        status: z.number().int().nullable(),
        attempts: z.number().int().nonnegative(),
        ok: z.boolean(),
        error: z.string().nullable(),
      }),
    ),
    announcementFile: z.string().nullable().describe('Absolute path of announcement.md in the run output'),
    message: z.string().describe('The text sent (or to send)'),
    notes: z.array(z.string()),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  handler: async (input, ctx) => {
    const facts = readReleaseFacts(ctx.ledger);
    const audience = input.audience ?? [];
    const announcement = buildAnnouncement({ handoff: ctx.handoff?.data ?? null, config: ctx.config, facts, message: input.message, audience });
    if (announcement.version === null && !announcement.custom) {
      throw new ToolFailure('nothing to announce: the run has no QA handoff and no deploy_execute in the ledger; pass `message` to send your own text', { tool: 'notify_team' });
    }
    mkdirSync(ctx.outDir, { recursive: true });
    const announcementFile = join(ctx.outDir, 'announcement.md');
    writeFileSync(announcementFile, announcementMarkdown(announcement));

    const notes: string[] = [];
    const channels = ctx.config.notify.channels;
    if (channels.length === 0) {
      notes.push(`no channel in sre.yaml notify.channels: nothing was sent; the team still has to be told (the announcement is in ${announcementFile})`);
      return { notified: false, deliveries: [], announcementFile, message: announcement.text, notes };
    }
    const extra = { runId: ctx.runId, audience };
    const deliveries = [];
    // One channel after another: a team rarely has more than two, and the order is then the log's order.
    for (const [index, channel] of channels.entries()) {
      const label = channelLabel(channel.url, channel.name);
      const body = payloadFor(channel.type, announcement, extra);
      const delivery = await deliver({
        url: channel.url,
        label,
        type: channel.type,
        body,
        idempotencyKey: idempotencyKey(ctx.runId, label, index, body),
        timeoutMs: ctx.config.limits.httpTimeoutMs,
        maxAttempts: DEFAULTS.notifyMaxAttempts,
        baseDelayMs: DEFAULTS.notifyRetryBaseMs,
        signal: ctx.signal,
      });
      ctx.logger.info({ channel: label, status: delivery.status, attempts: delivery.attempts, ok: delivery.ok }, 'notify_team delivery');
      deliveries.push(delivery);
    }
    const notified = deliveries.some((d) => d.ok) && deliveries.every((d) => d.ok);
    if (!notified) notes.push(`not every channel took the announcement: tell the team by hand (the text is in ${announcementFile})`);
    return { notified, deliveries, announcementFile, message: announcement.text, notes };
  },
});
