/** Run a command from an argument array with execa: timeout, abort, capped and redacted output. Never a shell. */
import { execa } from 'execa';
import { DEFAULTS } from '../../src/constants.js';
import { redactText } from '../../src/ledger/redact.js';

export interface CommandResult {
  argv: string[];
  exitCode: number | null;
  timedOut: boolean;
  /** The executable was not found or could not start. */
  notFound: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** One-line failure reason, or null when exit code 0. */
  failure: string | null;
}

export interface RunCommandOptions {
  cwd: string;
  timeoutMs: number;
  env?: Record<string, string>;
  signal?: AbortSignal;
  input?: string;
  maxOutputChars?: number;
}

/** Keep the tail of long output (errors are usually at the end). */
export function capOutput(text: string, max: number = DEFAULTS.maxCapturedOutputChars): string {
  if (text.length <= max) return text;
  return `[… ${text.length - max} characters cut …]\n${text.slice(text.length - max)}`;
}

/** Run argv[0] with argv[1..]; resolves with the outcome, never throws for a failing command. */
export async function runCommand(argv: string[], options: RunCommandOptions): Promise<CommandResult> {
  const started = Date.now();
  const [file, ...args] = argv;
  if (!file) throw new Error('runCommand: empty argument array');
  const max = options.maxOutputChars ?? DEFAULTS.maxCapturedOutputChars;
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    timeout: options.timeoutMs,
    cancelSignal: options.signal,
    forceKillAfterDelay: 2_000,
    reject: false,
    stdin: options.input === undefined ? 'ignore' : undefined,
    input: options.input,
    all: false,
    stripFinalNewline: true,
  });
  // Only a spawn failure means "not found"; a command that itself prints ENOENT ran and failed.
  const notFound = (result as { code?: string }).code === 'ENOENT' && result.exitCode === undefined;
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : null;
  let failure: string | null = null;
  if (result.timedOut) failure = `${file} did not finish within ${options.timeoutMs} ms and was killed`;
  else if (notFound) failure = `${file} was not found (is it installed and on PATH?)`;
  else if (result.isCanceled) failure = `${file} was cancelled`;
  else if (exitCode !== 0) failure = `${file} exited with ${exitCode ?? result.signal ?? 'an unknown status'}`;
  return {
    argv,
    exitCode,
    timedOut: Boolean(result.timedOut),
    notFound,
    stdout: redactText(capOutput(String(result.stdout ?? ''), max)),
    stderr: redactText(capOutput(String(result.stderr ?? ''), max)),
    durationMs: Date.now() - started,
    failure,
  };
}

/** Replace {{name}} placeholders in each argument (values are inserted as whole arguments' text, never re-split). */
export function templateArgv(argv: string[], values: Record<string, string | number>): string[] {
  return argv.map((arg) =>
    arg.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (match, key: string) => (key in values ? String(values[key]) : match)),
  );
}
