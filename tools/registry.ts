/** Every tool the MCP server serves. Domains list their own tools in their index.ts. */
import { ciTools } from './ci/index.js';
import { commsTools } from './comms/index.js';
import { deployTools } from './deploy/index.js';
import { docsTools } from './docs/index.js';
import { metricsTools } from './metrics/index.js';
import { observabilityTools } from './observability/index.js';
import { pipelineTools } from './pipeline/index.js';
import { rollbackTools } from './rollback/index.js';
import type { AnyToolModule } from './tool.js';

/** All tool modules, by domain. Names are unique (checked by a test). */
export function allTools(): AnyToolModule[] {
  return [...ciTools, ...deployTools, ...rollbackTools, ...metricsTools, ...observabilityTools, ...docsTools, ...commsTools, ...pipelineTools];
}
