/** The sre-agent library: run step 7 and use its contracts. Explicit exports only. */
export { runStep, type RunStepOptions, type RunStepResult } from './agent/run-step.js';
export type { Provider, AgentSession } from './agent/session.js';
export { enforceReport, type EnforceResult } from './report/enforce.js';
export { renderReportMarkdown } from './report/render-markdown.js';
export { createSreServer } from './mcp/server.js';
export { QaHandoff } from '../schemas/qa-handoff.js';
export { Report } from '../schemas/report.js';
export { SreHandoff } from '../schemas/sre-handoff.js';
export { SreConfig } from '../schemas/config.js';
export { Checklist, CHECKLIST_ITEMS } from '../schemas/checklist.js';
export { SreError, UserError, ConfigError, ToolFailure, ModelBehaviorError, TimeoutError } from './errors.js';
