/** Where each environment's flag file lives: `flags.file` from sre.yaml, `{{environment}}` replaced, relative to the config. */
import { resolve } from 'node:path';
import type { EnvironmentName } from '../driver.js';
import type { ToolContext } from '../../tool.js';

/** Absolute path of the flagd file that `environment` reads. Without a placeholder both environments share one file. */
export function flagFileFor(ctx: Pick<ToolContext, 'config' | 'configDir'>, environment: EnvironmentName): string {
  const template = ctx.config.flags.file;
  return resolve(ctx.configDir, template.replace(/\{\{\s*environment\s*\}\}/g, environment));
}
