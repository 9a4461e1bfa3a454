/** The metrics domain's tools, in the order a reader meets them. */
import type { AnyToolModule } from '../tool.js';
import { activationPromoteTool } from './activation-promote.js';
import { canaryAnalysisTool } from './canary-analysis.js';
import { healthCheckTool } from './health-check.js';
import { monitoringVerifyTool } from './monitoring-verify.js';
import { sliMeasureTool } from './sli-measure.js';
import { sloStatusTool } from './slo-status.js';

export const metricsTools: AnyToolModule[] = [
  healthCheckTool,
  sliMeasureTool,
  sloStatusTool,
  canaryAnalysisTool,
  monitoringVerifyTool,
  activationPromoteTool,
];
