/** logging_config and tracing_config: the generated files run (Node), parse (Python), and read back with the seed's values. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loggingConfigTool } from '../../tools/observability/logging-config.js';
import { inspectPythonLogging } from '../../tools/observability/python-logging-inspect.js';
import { tracingConfigTool } from '../../tools/observability/tracing-config.js';
import { runCommand } from '../../tools/shared/run-command.js';
import { makeToolContext, MINIMAL_CONFIG } from '../helpers/tool-context.js';

const fixtures = resolve(dirname(new URL(import.meta.url).pathname), '../fixtures/misc');
const hasPython = !(await runCommand(['python3', '--version'], { cwd: process.cwd(), timeoutMs: 10_000 })).notFound;
const contexts: ReturnType<typeof makeToolContext>[] = [];
afterAll(() => Promise.all(contexts.map((c) => c.runtime.close())));

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sre-obs-stack-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function context(repoDir: string) {
  const ctx = makeToolContext({ config: MINIMAL_CONFIG, repoDir });
  contexts.push(ctx);
  return ctx;
}

const python = (code: string, cwd: string, env: Record<string, string> = {}) =>
  runCommand(['python3', '-c', code], { cwd, timeoutMs: 30_000, env: { PATH: process.env.PATH ?? '', ...env } });

describe('logging_config', () => {
  it('detects a Node repository and writes a pino logger that emits JSON lines with secrets redacted', async () => {
    const repoDir = repo({ 'package.json': JSON.stringify({ name: 'demo', version: '1.3.0' }) });
    const out = await loggingConfigTool.handler(loggingConfigTool.input.parse({}), context(repoDir));
    expect(loggingConfigTool.output.safeParse(out).success).toBe(true);
    expect(out).toMatchObject({ stack: 'node', format: 'json', rotation: null });
    expect(out.retention).toMatch(/^30 days/);
    // Run it for real: pino resolved from this package's node_modules.
    const runDir = mkdtempSync(join(tmpdir(), 'sre-obs-pino-'));
    cpSync(out.file, join(runDir, 'logger.mjs'));
    symlinkSync(resolve('node_modules'), join(runDir, 'node_modules'));
    const script = "import('./logger.mjs').then(({ logger }) => logger.info({ password: 'hunter2', user: { token: 't0k', name: 'ana' }, req: { headers: { authorization: 'Bearer x' } } }, 'order placed'))";
    const run = await runCommand([process.execPath, '-e', script], { cwd: runDir, timeoutMs: 20_000 });
    expect(run.failure).toBeNull();
    const line = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ level: 'info', message: 'order placed', service: 'demo', version: '1.3.0', password: '[REDACTED]', user: { token: '[REDACTED]', name: 'ana' } });
    expect(line.req.headers.authorization).toBe('[REDACTED]');
    expect(typeof line.time).toBe('string');
  });

  it.skipIf(!hasPython)("writes the seed's Django LOGGING (10 MB x 5, JSON formatter) and reports existing settings without JSON", async () => {
    const repoDir = repo({ 'manage.py': '', 'package.json': '{}', 'shop/settings.py': readFileSync(join(fixtures, 'django-DEFAULT_LOGGING.excerpt.py'), 'utf8') });
    const out = await loggingConfigTool.handler(loggingConfigTool.input.parse({}), context(repoDir));
    expect(loggingConfigTool.output.safeParse(out).success).toBe(true);
    expect(out.stack).toBe('django');
    expect(out.rotation).toEqual({ maxBytes: 10485760, backupCount: 5 });
    expect(out.existing).toEqual([{ file: 'shop/settings.py', variable: 'DEFAULT_LOGGING', line: 6, jsonFormatter: false, handlers: ['console', 'django.server', 'mail_admins'] }]);
    expect(out.detail).toMatch(/shop\/settings\.py:6 defines DEFAULT_LOGGING without a JSON formatter/);
    const parsed = await python(`import ast; ast.parse(open(${JSON.stringify(out.file)}).read())`, repoDir);
    expect(parsed.failure).toBeNull();
    const [config] = (await inspectPythonLogging(out.file, { cwd: repoDir }))!;
    expect(config).toMatchObject({ variable: 'LOGGING', jsonFormatter: true, root: true, formatters: ['json'] });
    expect(config!.handlers).toContainEqual({ name: 'file', class: 'logging.handlers.RotatingFileHandler', maxBytes: 10485760, backupCount: 5 });
  });

  it.skipIf(!hasPython)('is a valid dictConfig: Python configures it and writes a log file', async () => {
    const repoDir = repo({ 'requirements.txt': 'django\n' });
    const out = await loggingConfigTool.handler(loggingConfigTool.input.parse({}), context(repoDir));
    expect(out.stack).toBe('python');
    const logDir = join(repoDir, 'var-log');
    // python-json-logger is not installed here: stand in a plain Formatter under its import path; dictConfig checks the rest.
    const code = [
      'import logging, sys, types',
      "m = types.ModuleType('pythonjsonlogger'); j = types.ModuleType('pythonjsonlogger.jsonlogger'); j.JsonFormatter = logging.Formatter; m.jsonlogger = j",
      "sys.modules['pythonjsonlogger'] = m; sys.modules['pythonjsonlogger.jsonlogger'] = j",
      `sys.path.insert(0, ${JSON.stringify(dirname(out.file))})`,
      'import logging_config; logging_config.setup_logging()',
      "logging.getLogger('x').info('hello')",
      "h = [h for h in logging.getLogger().handlers if h.__class__.__name__ == 'RotatingFileHandler'][0]",
      'print(h.maxBytes, h.backupCount)',
    ].join('\n');
    const run = await python(code, repoDir, { LOG_DIR: logDir });
    expect(run.failure).toBeNull();
    expect(run.stdout.trim().split('\n').at(-1)).toBe('10485760 5');
    expect(readFileSync(join(logDir, 'app.log'), 'utf8')).toContain('hello');
  });

  it('asks for the stack when the repository shows none', async () => {
    await expect(loggingConfigTool.handler(loggingConfigTool.input.parse({}), context(repo({ 'README.md': '#' })))).rejects.toThrow(/cannot tell the stack .* pass stack explicitly/);
  });
});

describe.skipIf(!hasPython)('inspectPythonLogging on real settings', () => {
  it("reads Django's DEFAULT_LOGGING: 2 filters, 1 formatter, 3 handlers, 3 loggers, no root", async () => {
    const [config] = (await inspectPythonLogging(join(fixtures, 'django-DEFAULT_LOGGING.excerpt.py'), { cwd: fixtures }))!;
    expect(config).toMatchObject({ variable: 'DEFAULT_LOGGING', filters: ['require_debug_false', 'require_debug_true'], formatters: ['django.server'], loggers: ['django', 'django.server', 'django.db.migrations'], root: false });
    expect(config!.handlers.map((h) => h.name)).toEqual(['console', 'django.server', 'mail_admins']);
  });

  it("reads paperless-ngx's LOGGING, whose rotation sizes come from os.getenv (not literals)", async () => {
    const [config] = (await inspectPythonLogging(join(fixtures, 'paperless-ngx-LOGGING.excerpt.py'), { cwd: fixtures }))!;
    expect(config!.formatters).toEqual(['verbose', 'simple']);
    expect(config!.handlers).toHaveLength(4);
    expect(config!.handlers.filter((h) => h.class === 'concurrent_log_handler.ConcurrentRotatingFileHandler').every((h) => h.maxBytes === 'expression' && h.backupCount === 'expression')).toBe(true);
    expect(config!.root).toBe(true);
    expect(config!.loggers).toHaveLength(8);
  });

  it('names the line of a Python syntax error', async () => {
    const dir = repo({ 'settings.py': 'LOGGING = {\n  "version": 1,\n' });
    await expect(inspectPythonLogging(join(dir, 'settings.py'), { cwd: dir })).rejects.toThrow(/settings\.py line 1: .*not valid Python/);
  });
});

describe('tracing_config', () => {
  it('writes a Node OpenTelemetry module that node --check accepts, with service name and version', async () => {
    const repoDir = repo({ 'package.json': JSON.stringify({ name: 'demo', version: '2.0.1' }) });
    const out = await tracingConfigTool.handler(tracingConfigTool.input.parse({}), context(repoDir));
    expect(tracingConfigTool.output.safeParse(out).success).toBe(true);
    expect(out).toMatchObject({ stack: 'node', exporter: 'otlp', serviceName: 'demo', serviceVersion: '2.0.1', endpointEnv: 'OTEL_EXPORTER_OTLP_ENDPOINT' });
    expect(out.file.endsWith('tracing.mjs')).toBe(true);
    const check = await runCommand([process.execPath, '--check', out.file], { cwd: repoDir, timeoutMs: 20_000 });
    expect(check.failure).toBeNull();
    const text = readFileSync(out.file, 'utf8');
    expect(text).toContain('new NodeSDK(');
    expect(text).toContain('new OTLPTraceExporter()');
    expect(text).toContain('[ATTR_SERVICE_VERSION]: process.env.SERVICE_VERSION ?? "2.0.1"');
  });

  it.skipIf(!hasPython)('writes Python and Django set-ups that parse as Python', async () => {
    for (const stack of ['python', 'django'] as const) {
      const repoDir = repo({});
      const out = await tracingConfigTool.handler(tracingConfigTool.input.parse({ stack }), context(repoDir));
      expect(out.stack).toBe(stack);
      const parsed = await python(`import ast; ast.parse(open(${JSON.stringify(out.file)}).read())`, repoDir);
      expect(parsed.failure, parsed.stderr).toBeNull();
      const text = readFileSync(out.file, 'utf8');
      expect(text).toContain('provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))');
      expect(text.includes('DjangoInstrumentor')).toBe(stack === 'django');
    }
  });

  it('writes into the repository only with apply: true', async () => {
    const repoDir = repo({ 'package.json': '{}' });
    await tracingConfigTool.handler(tracingConfigTool.input.parse({}), context(repoDir));
    expect(existsSync(join(repoDir, 'observability/tracing.mjs'))).toBe(false);
    const out = await tracingConfigTool.handler(tracingConfigTool.input.parse({ apply: true }), context(repoDir));
    expect(out.repoFiles[0]).toMatchObject({ path: 'observability/tracing.mjs', applied: true });
    expect(existsSync(join(repoDir, 'observability/tracing.mjs'))).toBe(true);
  });
});
