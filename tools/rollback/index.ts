/** The rollback domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { rollbackExecuteTool } from './rollback-execute.js';
import { rollbackPlanTool } from './rollback-plan.js';
import { rollbackVerifyTool } from './rollback-verify.js';

export const rollbackTools: AnyToolModule[] = [rollbackPlanTool, rollbackVerifyTool, rollbackExecuteTool];
