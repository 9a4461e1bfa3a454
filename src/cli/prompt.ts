/** `sre-agent prompt --handoff F`: print the master prompt filled in with the handoff and sre.yaml. */
import { renderMasterPrompt } from '../agent/master-prompt.js';
import { loadConfig } from '../config/load-config.js';
import { loadHandoff } from '../config/load-handoff.js';

/** Print the rendered master SRE prompt. */
export function promptCommand(options: { handoff: string; config?: string }): void {
  const { config } = loadConfig({ file: options.config });
  const handoff = loadHandoff(options.handoff);
  process.stdout.write(renderMasterPrompt(config, handoff.data));
}
