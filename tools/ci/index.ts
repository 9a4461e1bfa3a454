/** The ci domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { qaHandoffVerifyTool } from './qa-handoff-verify.js';
import { runTestsTool } from './run-tests.js';
import { securityScanTool } from './security-scan.js';

export const ciTools: AnyToolModule[] = [qaHandoffVerifyTool, runTestsTool, securityScanTool];
