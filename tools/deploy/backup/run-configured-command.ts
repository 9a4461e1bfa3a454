/** Run a `CommandSpec` from sre.yaml (backup, restore check) with {{placeholders}}, its cwd and its timeout. */
import { resolve } from 'node:path';
import type { CommandSpec } from '../../../schemas/config/commands.js';
import { TimeoutError } from '../../../src/errors.js';
import { runCommand, templateArgv, type CommandResult } from '../../shared/run-command.js';
import type { ToolContext } from '../../tool.js';

/** Run `spec` with `values` substituted; the cwd is relative to the config file; throws TimeoutError past its timeout. */
export async function runConfiguredCommand(
  spec: CommandSpec,
  values: Record<string, string>,
  ctx: ToolContext,
  field: string,
): Promise<CommandResult> {
  const argv = templateArgv(spec.run, values);
  const timeoutMs = spec.timeoutMs ?? ctx.config.limits.commandTimeoutMs;
  const result = await runCommand(argv, {
    cwd: resolve(ctx.configDir, spec.cwd ?? '.'),
    timeoutMs,
    env: spec.env,
    signal: ctx.signal,
  });
  if (result.timedOut) {
    throw new TimeoutError(`${field} (${argv.join(' ')}) did not finish within ${timeoutMs} ms and was killed`, {
      field,
      command: argv.join(' '),
    });
  }
  return result;
}

/** The last useful line of a failed command's output, for error messages. */
export function lastLines(result: CommandResult, count = 3): string {
  const text = (result.stderr || result.stdout).trim();
  return text ? text.split('\n').slice(-count).join(' | ') : '(no output)';
}
