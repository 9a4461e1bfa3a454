/** Runs the real `promtool check rules` and `promtool test rules`; a missing promtool is a ToolFailure naming the package. */
import { dirname } from 'node:path';
import { ToolFailure } from '../../src/errors.js';
import { runCommand, type CommandResult } from '../shared/run-command.js';

export interface PromtoolOutcome {
  ok: boolean;
  output: string;
}

/** promtool runs in well under a second here; anything near this means it hung. */
const PROMTOOL_TIMEOUT_MS = 60_000;

const INSTALL_HINT = 'install Prometheus\'s promtool: `apt-get install prometheus` (Debian/Ubuntu; scripts/ci/ensure-prometheus.sh does it) or the prometheus release tarball';

async function promtool(args: string[], cwd: string, signal?: AbortSignal): Promise<CommandResult> {
  const result = await runCommand(['promtool', ...args], { cwd, timeoutMs: PROMTOOL_TIMEOUT_MS, signal });
  if (result.notFound) throw new ToolFailure(`promtool was not found on PATH; ${INSTALL_HINT}`, { command: 'promtool' });
  if (result.timedOut) throw new ToolFailure(`promtool ${args.join(' ')} did not finish within ${PROMTOOL_TIMEOUT_MS} ms`, { command: 'promtool' });
  return result;
}

const outcome = (result: CommandResult): PromtoolOutcome => ({
  ok: result.exitCode === 0,
  output: [result.stdout, result.stderr].filter(Boolean).join('\n').trim(),
});

/** `promtool check rules FILE`: syntax, PromQL and template parsing. */
export async function checkRules(file: string, signal?: AbortSignal): Promise<PromtoolOutcome> {
  return outcome(await promtool(['check', 'rules', file], dirname(file), signal));
}

/** `promtool test rules FILE`: evaluate the unit tests (rule_files are relative to the test file). */
export async function testRules(testFile: string, signal?: AbortSignal): Promise<PromtoolOutcome> {
  return outcome(await promtool(['test', 'rules', testFile], dirname(testFile), signal));
}
