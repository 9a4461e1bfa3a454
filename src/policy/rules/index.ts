/** Every policy rule, in evaluation order. One rule per file in this folder; shared helpers live in support/. */
import type { PolicyRule } from '../rule.js';
import { backupBeforeMigrationsRule } from './backup-before-migrations.js';
import { canaryOneStepRule } from './canary-one-step.js';
import { flagOneStepRule } from './flag-one-step.js';
import { qaApprovedRule } from './qa-approved.js';
import { rollbackPlanReadyRule } from './rollback-plan-ready.js';
import { securityGatePassedRule } from './security-gate-passed.js';
import { stagingDeployHealthyRule } from './staging-deploy-healthy.js';
import { stagingSmokePassedRule } from './staging-smoke-passed.js';
import { testsGatePassedRule } from './tests-gate-passed.js';

/** Gates in delivery order (QA → CI → staging → backup → rollback plan), then the step-size rules. */
export const POLICY_RULES: PolicyRule[] = [
  qaApprovedRule,
  testsGatePassedRule,
  securityGatePassedRule,
  stagingDeployHealthyRule,
  stagingSmokePassedRule,
  backupBeforeMigrationsRule,
  rollbackPlanReadyRule,
  flagOneStepRule,
  canaryOneStepRule,
];
