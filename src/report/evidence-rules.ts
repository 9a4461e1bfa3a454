/**
 * The evidence table: which successful tool results can prove each checklist item.
 * The enforcer and the report drafter both read it; tools know nothing about the checklist.
 * Each requirement must be met by at least one cited ledger entry (all requirements of an item must be met).
 */
import type { ChecklistKey } from '../../schemas/checklist.js';

type Output = Record<string, unknown>;

export interface EvidenceRequirement {
  /** Tools whose successful entries can meet this requirement. */
  tools: string[];
  /** What the requirement means, for error messages. */
  describe: string;
  /** Extra condition on the entry's output (and input). */
  where?: (output: Output, input: Output) => boolean;
}

const ok = (o: Output, key: string) => o[key] === true;
const env = (name: string) => (_o: Output, i: Output) => i.environment === name;

export const EVIDENCE_RULES: Record<ChecklistKey, EvidenceRequirement[]> = {
  pipeline_ci: [
    { tools: ['ci_run_tests'], describe: 'tests run with the coverage gate passed', where: (o) => ok(o, 'gatePassed') },
    { tools: ['ci_security_scan'], describe: 'security scan with its gate passed', where: (o) => ok(o, 'gatePassed') },
    {
      tools: ['ci_validate_pipeline', 'ci_generate_pipeline'],
      describe: 'a CI/CD pipeline in the repository, validated (or generated and applied) without high findings',
      // A generated workflow only counts once it is written into the repository.
      where: (o) => ok(o, 'valid') && (!Array.isArray(o.files) || (o.files as Array<{ applied?: boolean }>).some((f) => f.applied === true)),
    },
  ],
  deploy_strategy: [
    { tools: ['deploy_plan'], describe: 'a deploy strategy chosen' },
    { tools: ['deploy_execute'], describe: 'a healthy staging deploy', where: (o, i) => env('staging')(o, i) && ok(o, 'healthy') },
    { tools: ['smoke_test'], describe: 'smoke tests passed in staging', where: (o, i) => env('staging')(o, i) && ok(o, 'passed') },
  ],
  rollback_plan: [
    { tools: ['rollback_plan'], describe: 'a rollback plan' },
    { tools: ['rollback_verify'], describe: 'a rollback really exercised and verified', where: (o) => ok(o, 'verified') },
  ],
  observability: [
    { tools: ['logging_config'], describe: 'structured logging configured' },
    { tools: ['tracing_config'], describe: 'tracing configured' },
    { tools: ['dashboard_generate', 'slo_status'], describe: 'metrics dashboards or SLIs measured' },
  ],
  health_checks: [{ tools: ['health_check'], describe: 'a health check answering healthy', where: (o) => o.status === 'healthy' }],
  alerts: [{ tools: ['alerts_generate'], describe: 'alert rules generated and checked', where: (o) => ok(o, 'valid') }],
  backup: [{ tools: ['backup_create'], describe: 'a non-empty backup with its checksum', where: (o) => typeof o.sha256 === 'string' && Number(o.sizeBytes) > 0 }],
  smoke_tests: [
    { tools: ['smoke_test'], describe: 'smoke tests passed in staging', where: (o, i) => env('staging')(o, i) && ok(o, 'passed') },
    { tools: ['smoke_test'], describe: 'smoke tests passed in production', where: (o, i) => env('production')(o, i) && ok(o, 'passed') },
  ],
  documentation: [
    { tools: ['changelog_update'], describe: 'CHANGELOG.md updated', where: (o) => ok(o, 'applied') },
    { tools: ['readme_flags_update'], describe: 'README feature-flag section updated', where: (o) => ok(o, 'applied') },
    { tools: ['deploy_doc_update'], describe: 'docs/DEPLOY.md updated', where: (o) => ok(o, 'applied') },
  ],
  team_communicated: [{ tools: ['notify_team'], describe: 'the team notified on a channel', where: (o) => ok(o, 'notified') }],
  monitoring_active: [{ tools: ['monitoring_verify'], describe: 'monitoring verified live', where: (o) => ok(o, 'live') }],
};

/**
 * Gates that must hold for any delivered report, whatever the checklist says:
 * QA approved and its claims match the artifacts, production deployed healthy.
 */
export const DELIVERY_GATES: EvidenceRequirement[] = [
  {
    tools: ['qa_handoff_verify'],
    describe: 'QA approved and its claims match the artifacts',
    where: (o) => o.verdict === 'approved' && ok(o, 'consistent'),
  },
  { tools: ['deploy_execute'], describe: 'a healthy production deploy', where: (o, i) => env('production')(o, i) && ok(o, 'healthy') },
];
