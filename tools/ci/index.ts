/** The ci domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { detectProjectTool } from './detect-project.js';
import { generatePipelineTool } from './generate-pipeline.js';
import { qaHandoffVerifyTool } from './qa-handoff-verify.js';
import { runTestsTool } from './run-tests.js';
import { securityScanTool } from './security-scan.js';
import { validatePipelineTool } from './validate-pipeline.js';

export const ciTools: AnyToolModule[] = [
  qaHandoffVerifyTool,
  runTestsTool,
  securityScanTool,
  detectProjectTool,
  generatePipelineTool,
  validatePipelineTool,
];
