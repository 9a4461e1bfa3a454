/**
 * One error base with a short taxonomy. Messages say what was expected and what was found;
 * `context` carries the file, field, tool or URL so a caller can act on it.
 */
export type ErrorKind = 'user' | 'config' | 'tool' | 'model' | 'timeout' | 'policy' | 'internal';

export interface ErrorContext {
  file?: string;
  field?: string;
  line?: number;
  tool?: string;
  url?: string;
  command?: string;
  [key: string]: unknown;
}

/** Base class of every error the engine raises on purpose. */
export class SreError extends Error {
  readonly kind: ErrorKind;
  readonly context: ErrorContext;

  constructor(kind: ErrorKind, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
    this.context = context;
  }
}

/** Bad input from the user: a handoff, a CLI flag, a missing file. */
export class UserError extends SreError {
  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super('user', message, context, options);
  }
}

/** `sre.yaml` (or another configuration file) is malformed or schema-invalid. */
export class ConfigError extends SreError {
  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super('config', message, context, options);
  }
}

/** A tool could not do its job (the service did not answer, the command is missing, the file is unreadable). */
export class ToolFailure extends SreError {
  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super('tool', message, context, options);
  }
}

/** The model did something the engine cannot accept (garbage output, no report, unknown tool). */
export class ModelBehaviorError extends SreError {
  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super('model', message, context, options);
  }
}

/** A process, request or tool call ran past its deadline and was stopped. */
export class TimeoutError extends SreError {
  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super('timeout', message, context, options);
  }
}

/** The policy guard refused an action. */
export class PolicyRefusal extends SreError {
  readonly rule: string;
  constructor(rule: string, message: string, context: ErrorContext = {}) {
    super('policy', message, { ...context, rule });
    this.rule = rule;
  }
}

/** True for any engine error, across bundles and realms. */
export function isSreError(value: unknown): value is SreError {
  return value instanceof Error && typeof (value as Partial<SreError>).kind === 'string' && 'context' in value;
}

/** One-line, user-facing text for any thrown value (never a stack trace). */
export function describeError(error: unknown): string {
  if (isSreError(error)) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
