/** The deploy domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { backupCreateTool } from './backup-create.js';
import { deployExecuteTool } from './execute.js';
import { flagsGetTool } from './flags-get.js';
import { flagsSetTool } from './flags-set.js';
import { deployPlanTool } from './plan.js';
import { smokeTestTool } from './smoke-test.js';
import { deployStatusTool } from './status.js';

export const deployTools: AnyToolModule[] = [deployPlanTool, deployExecuteTool, smokeTestTool, deployStatusTool, flagsGetTool, flagsSetTool, backupCreateTool];
