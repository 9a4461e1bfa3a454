/** `logging_config`: structured JSON logging for the service's stack (pino for Node, the seed's LOGGING dict for Django/Python). */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';
import { defineTool } from '../tool.js';
import { detectStack, serviceVersion } from './detect-stack.js';
import { copyToRepo, writeRunOutput } from './output-files.js';
import { inspectPythonLogging, type PythonLoggingConfig } from './python-logging-inspect.js';
import { pinoLoggerModule, REDACT_PATHS } from './snippets/pino-logger.js';
import { djangoLoggingModule, LOG_BACKUP_COUNT, LOG_MAX_BYTES, pythonLoggingModule } from './snippets/python-logging.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', 'env', '__pycache__', 'dist', 'build', '.tox']);

/** Django settings modules near the repository root (settings.py or settings/*.py, at most 3 levels down). */
function findSettingsFiles(dir: string, depth = 0): string[] {
  if (depth > 3) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) {
      if (entry.name === 'settings') found.push(...readdirSync(path).filter((f) => f.endsWith('.py')).map((f) => join(path, f)));
      else found.push(...findSettingsFiles(path, depth + 1));
    } else if (entry.isFile() && entry.name === 'settings.py') found.push(path);
  }
  return found;
}

export const loggingConfigTool = defineTool({
  name: 'logging_config',
  title: 'Configure structured JSON logging',
  description:
    'Generates structured JSON logging for the service: for Node a pino logger module (logger.mjs) with secret fields redacted; ' +
    "for Django the seed's LOGGING dict (python-json-logger JsonFormatter, console plus a RotatingFileHandler of 10 MB x 5 files); " +
    'for plain Python the same dict with a setup_logging() function. The stack defaults to what the repository shows ' +
    '(manage.py: django, package.json: node, pyproject.toml/requirements.txt: python). For Django/Python it also reads the ' +
    "repository's existing settings LOGGING (without running it) and reports whether it already logs JSON. Writes under the run " +
    'output folder; apply: true also writes the file into the repository (metrics.dashboardsDir). Returns the file, format, destination and retention.',
  input: z.object({
    stack: z.enum(['node', 'django', 'python']).optional().describe('Defaults to the stack detected in the repository'),
    apply: z.boolean().default(false).describe('Also write the file into the repository'),
  }),
  output: z.object({
    stack: z.enum(['node', 'django', 'python']),
    file: z.string(),
    format: z.literal('json'),
    destination: z.string(),
    retention: z.string(),
    detail: z.string(),
    redact: z.array(z.string()),
    rotation: z.object({ maxBytes: z.number(), backupCount: z.number() }).nullable(),
    existing: z.array(z.object({ file: z.string(), variable: z.string(), line: z.number(), jsonFormatter: z.boolean(), handlers: z.array(z.string()) })),
    repoFiles: z.array(z.object({ path: z.string(), changed: z.boolean(), applied: z.boolean(), note: z.string().nullable() })),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const stack = input.stack ?? detectStack(ctx.repoDir);
    const service = ctx.config.service.name;
    const retention = `${DEFAULTS.logRetentionDays} days in the log store (seed); set it there, e.g. a CloudWatch log group retention or an ELK index lifecycle policy`;
    if (stack === 'node') {
      const name = 'logger.mjs';
      const text = pinoLoggerModule({ service, version: serviceVersion(ctx) });
      return {
        stack,
        file: writeRunOutput(ctx, name, text),
        format: 'json' as const,
        destination: 'stdout, one JSON object per line, shipped by the platform log collector (e.g. CloudWatch / ELK)',
        retention,
        detail: `pino logger with ISO timestamps, level names and service/version/environment on every line; ${REDACT_PATHS.length} redacted paths. Requires the pino package.`,
        redact: REDACT_PATHS,
        rotation: null,
        existing: [],
        repoFiles: [copyToRepo(ctx, name, text, input.apply)],
      };
    }
    const name = stack === 'django' ? 'logging_settings.py' : 'logging_config.py';
    const text = stack === 'django' ? djangoLoggingModule(service) : pythonLoggingModule(service);
    const existing: { file: string; variable: string; line: number; jsonFormatter: boolean; handlers: string[] }[] = [];
    let pythonMissing = false;
    for (const file of stack === 'django' ? findSettingsFiles(ctx.repoDir) : []) {
      const configs: PythonLoggingConfig[] | null = await inspectPythonLogging(file, { cwd: ctx.repoDir, signal: ctx.signal });
      if (configs === null) {
        pythonMissing = true;
        break;
      }
      for (const c of configs) existing.push({ file: relative(ctx.repoDir, file), variable: c.variable, line: c.line, jsonFormatter: c.jsonFormatter, handlers: c.handlers.map((h) => h.name) });
    }
    const notes = existing.filter((e) => !e.jsonFormatter).map((e) => `${e.file}:${e.line} defines ${e.variable} without a JSON formatter; replace it with the generated one`);
    if (pythonMissing) notes.push('python3 is not installed, so the existing settings were not read');
    return {
      stack,
      file: writeRunOutput(ctx, name, text),
      format: 'json' as const,
      destination: 'stdout (console handler) and logs/app.log rotated at 10 MB, 5 files kept (LOG_DIR overrides the folder)',
      retention: `${retention}; on the host at most ${LOG_BACKUP_COUNT + 1} files of 10 MB`,
      detail: [
        `python-json-logger JsonFormatter with asctime, name, levelname and message; ${stack === 'django' ? 'import LOGGING from it in settings.py' : 'call setup_logging() at start-up'}. Requires: pip install python-json-logger.`,
        ...notes,
      ].join(' '),
      redact: [],
      rotation: { maxBytes: LOG_MAX_BYTES, backupCount: LOG_BACKUP_COUNT },
      existing,
      repoFiles: [copyToRepo(ctx, name, text, input.apply)],
    };
  },
});
