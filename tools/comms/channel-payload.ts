/** Request bodies for each channel type: a generic JSON webhook, and a Slack-compatible incoming webhook ({text, blocks}). */
import type { Announcement } from './announcement.js';

export type ChannelType = 'webhook' | 'slack';

// Slack's documented limits: header text 150 characters, section text 3000.
const SLACK_HEADER_MAX = 150;
const SLACK_SECTION_MAX = 3000;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The generic webhook body: the announcement's structured fields plus its text. */
export function webhookBody(announcement: Announcement, extra: { runId: string; audience: string[] }): Record<string, unknown> {
  const { service, version, commit, status, strategy, title, text, activation, rollback, evidence } = announcement;
  return { service, version, commit, status, strategy, title, text, activation, rollback, evidence, audience: extra.audience, runId: extra.runId };
}

/** The Slack incoming-webhook body: `text` is the notification fallback, `blocks` the rendered message. */
export function slackBody(announcement: Announcement): { text: string; blocks: unknown[] } {
  const body = announcement.text.startsWith(announcement.title) ? announcement.text.slice(announcement.title.length).trim() : announcement.text;
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: clip(announcement.title, SLACK_HEADER_MAX) } }];
  if (body) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(body, SLACK_SECTION_MAX) } });
  return { text: announcement.text, blocks };
}

/** Serialised body for a channel type. */
export function payloadFor(type: ChannelType, announcement: Announcement, extra: { runId: string; audience: string[] }): string {
  return JSON.stringify(type === 'slack' ? slackBody(announcement) : webhookBody(announcement, extra));
}
