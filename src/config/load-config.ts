/** Find and load `sre.yaml`: given with --config, or discovered in the working directory. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { SreConfig, type LoadedConfig } from '../../schemas/config.js';
import { parseAndValidate, readTextFile } from './parse-document.js';

export const CONFIG_NAMES = ['sre.yaml', 'sre.yml', 'sre.json'];

const configError = (message: string, context: { file?: string; field?: string; line?: number }) => new ConfigError(message, context);

/** Load the config file named, or the first of sre.yaml/sre.yml/sre.json in `cwd`. */
export function loadConfig(options: { file?: string; cwd?: string } = {}): LoadedConfig {
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = options.file ? resolve(cwd, options.file) : CONFIG_NAMES.map((n) => join(cwd, n)).find((f) => existsSync(f));
  if (!file) {
    throw new ConfigError(`No config: expected ${CONFIG_NAMES.join(', ')} in ${cwd}, or --config FILE`, { file: join(cwd, 'sre.yaml') });
  }
  const text = readTextFile(file, 'Config', configError);
  const config = parseAndValidate(text, SreConfig, { file, what: 'Config' }, configError);
  return { config, file, dir: dirname(file) };
}
