/** Spawn the CLI from source with tsx; paths are absolute so tests can run it from any working directory. */
import { fileURLToPath } from 'node:url';

export const CLI_ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** argv for `node` that runs `sre-agent ARGS` from source. */
export function cliArgv(args: string[]): string[] {
  return ['--import', 'tsx', CLI_ENTRY, ...args];
}
