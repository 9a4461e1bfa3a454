/** `tracing_config`: OpenTelemetry tracing set-up for the service's stack, exporting OTLP to the endpoint the environment names. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { detectStack, serviceVersion } from './detect-stack.js';
import { copyToRepo, writeRunOutput } from './output-files.js';
import { NODE_PACKAGES, nodeTracingModule, PYTHON_PACKAGES, pythonTracingModule } from './snippets/otel-tracing.js';

export const tracingConfigTool = defineTool({
  name: 'tracing_config',
  title: 'Configure OpenTelemetry tracing',
  description:
    'Generates OpenTelemetry tracing set-up for the service: for Node a tracing.mjs module (NodeSDK, OTLP/HTTP trace exporter, ' +
    'auto-instrumentations) loaded with `node --import ./tracing.mjs`; for Django/Python a tracing.py with setup_tracing() ' +
    '(TracerProvider, BatchSpanProcessor, OTLPSpanExporter; Django views instrumented when the instrumentation is installed). ' +
    'service.name and service.version resource attributes are set (OTEL_SERVICE_NAME / SERVICE_VERSION override them); the ' +
    'exporter endpoint comes from OTEL_EXPORTER_OTLP_ENDPOINT. The stack defaults to what the repository shows. Writes under the run ' +
    'output folder; apply: true also writes the file into the repository (metrics.dashboardsDir).',
  input: z.object({
    stack: z.enum(['node', 'django', 'python']).optional().describe('Defaults to the stack detected in the repository'),
    apply: z.boolean().default(false).describe('Also write the file into the repository'),
  }),
  output: z.object({
    stack: z.enum(['node', 'django', 'python']),
    file: z.string(),
    exporter: z.literal('otlp'),
    endpointEnv: z.string(),
    serviceName: z.string(),
    serviceVersion: z.string().nullable(),
    packages: z.array(z.string()),
    detail: z.string(),
    repoFiles: z.array(z.object({ path: z.string(), changed: z.boolean(), applied: z.boolean(), note: z.string().nullable() })),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const stack = input.stack ?? detectStack(ctx.repoDir);
    const serviceName = ctx.config.service.name;
    const version = serviceVersion(ctx);
    const node = stack === 'node';
    const name = node ? 'tracing.mjs' : 'tracing.py';
    const text = node ? nodeTracingModule({ service: serviceName, version }) : pythonTracingModule({ service: serviceName, version, django: stack === 'django' });
    return {
      stack,
      file: writeRunOutput(ctx, name, text),
      exporter: 'otlp' as const,
      endpointEnv: 'OTEL_EXPORTER_OTLP_ENDPOINT',
      serviceName,
      serviceVersion: version,
      packages: node ? NODE_PACKAGES : stack === 'django' ? [...PYTHON_PACKAGES, 'opentelemetry-instrumentation-django'] : PYTHON_PACKAGES,
      detail: node
        ? 'NodeSDK with the OTLP/HTTP trace exporter and Node auto-instrumentations (fs off); start the service with node --import ./tracing.mjs.'
        : `TracerProvider with a BatchSpanProcessor and the OTLP/HTTP span exporter; ${stack === 'django' ? 'call setup_tracing() in wsgi.py/asgi.py and manage.py; Django views are instrumented when opentelemetry-instrumentation-django is installed.' : 'call setup_tracing() at start-up.'}`,
      repoFiles: [copyToRepo(ctx, name, text, input.apply)],
    };
  },
});
