/** The engine's logger: JSON lines on stderr (stdout belongs to reports and to the MCP protocol). */
import { pino, type Logger } from 'pino';
import { redactText } from './ledger/redact.js';

export type { Logger };

/** Create the process logger; pretty on a TTY, JSON otherwise, always on stderr. */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const level = options.level ?? process.env.SRE_LOG_LEVEL ?? 'info';
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  const hooks = {
    // Secrets never reach the log: every string argument goes through the same redactor as the ledger.
    logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
      method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)));
    },
  };
  if (pretty) {
    return pino({ level, hooks, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level, hooks }, pino.destination(2));
}

/** A logger that drops everything (tests, library use without logging). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
