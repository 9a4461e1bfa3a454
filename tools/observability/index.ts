/** The observability domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { alertsGenerateTool } from './alerts-generate.js';
import { dashboardGenerateTool } from './dashboard-generate.js';
import { loggingConfigTool } from './logging-config.js';
import { tracingConfigTool } from './tracing-config.js';

export const observabilityTools: AnyToolModule[] = [loggingConfigTool, tracingConfigTool, dashboardGenerateTool, alertsGenerateTool] as AnyToolModule[];
