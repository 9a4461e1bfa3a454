/** Step-by-step progress on a terminal (stderr), so stdout stays for --json output. */
import type { ProgressEvent } from '../agent/session.js';

/** A progress printer for TTYs; returns undefined when stderr is not a terminal. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ((event: ProgressEvent) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const started = Date.now();
  return (event) => {
    if (event.kind === 'tool' && event.ok === undefined) return; // print results, not the call and its result twice
    const mark = event.ok === undefined ? '·' : event.ok ? '\u001b[32m✓\u001b[0m' : '\u001b[31m✗\u001b[0m';
    const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
    stream.write(`${seconds}s ${mark} ${event.text.slice(0, 160)}\n`);
  };
}
