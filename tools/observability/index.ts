/** The observability domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { alertsGenerateTool } from './alerts-generate.js';
import { dashboardGenerateTool } from './dashboard-generate.js';

export const observabilityTools: AnyToolModule[] = [alertsGenerateTool, dashboardGenerateTool] as AnyToolModule[];
