/** The master SRE prompt (the seed), rendered with the run's handoff and config. */
import type { SreConfig } from '../../schemas/config.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import { renderTemplate } from '../templates/handlebars.js';

/** Render prompts/sre-master.md.hbs; the handoff goes in as quoted JSON data, never as instructions. */
export function renderMasterPrompt(config: SreConfig, handoff: QaHandoff): string {
  return renderTemplate('sre-master.md.hbs', { config, handoff });
}
