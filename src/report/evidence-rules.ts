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
  /** Only entries whose input names this environment count. */
  environment?: 'staging' | 'production';
  /** Extra condition on the entry's output (and input). */
  where?: (output: Output, input: Output) => boolean;
}

const ok = (o: Output, key: string) => o[key] === true;

export const EVIDENCE_RULES: Record<ChecklistKey, EvidenceRequirement[]> = {
  pipeline_ci: [
    { tools: ['ci_run_tests'], describe: 'testes executados com o gate de cobertura aprovado', where: (o) => ok(o, 'gatePassed') },
    { tools: ['ci_security_scan'], describe: 'verificação de segurança com o gate aprovado', where: (o) => ok(o, 'gatePassed') },
    {
      tools: ['ci_validate_pipeline', 'ci_generate_pipeline'],
      describe: 'pipeline CI/CD no repositório, validado (ou gerado e aplicado) sem achados graves',
      // A generated workflow only counts once it is written into the repository.
      where: (o) => ok(o, 'valid') && (!Array.isArray(o.files) || (o.files as Array<{ applied?: boolean }>).some((f) => f.applied === true)),
    },
  ],
  deploy_strategy: [
    { tools: ['deploy_plan'], describe: 'estratégia de deploy definida' },
    { tools: ['deploy_execute'], environment: 'staging', describe: 'deploy saudável em staging', where: (o) => ok(o, 'healthy') },
    { tools: ['smoke_test'], environment: 'staging', describe: 'smoke tests aprovados em staging', where: (o) => ok(o, 'passed') },
  ],
  rollback_plan: [
    { tools: ['rollback_plan'], describe: 'plano de rollback' },
    { tools: ['rollback_verify'], describe: 'rollback realmente executado e verificado', where: (o) => ok(o, 'verified') },
  ],
  observability: [
    { tools: ['logging_config'], describe: 'logs estruturados configurados' },
    { tools: ['tracing_config'], describe: 'traces configurados' },
    { tools: ['dashboard_generate', 'slo_status'], describe: 'dashboard de métricas ou SLIs medidos' },
  ],
  health_checks: [{ tools: ['health_check'], describe: 'health check respondendo healthy', where: (o) => o.status === 'healthy' }],
  alerts: [{ tools: ['alerts_generate'], describe: 'regras de alerta geradas e validadas (promtool)', where: (o) => ok(o, 'valid') }],
  backup: [{ tools: ['backup_create'], describe: 'backup não vazio com checksum', where: (o) => typeof o.sha256 === 'string' && Number(o.sizeBytes) > 0 }],
  smoke_tests: [
    { tools: ['smoke_test'], environment: 'staging', describe: 'smoke tests aprovados em staging', where: (o) => ok(o, 'passed') },
    { tools: ['smoke_test'], environment: 'production', describe: 'smoke tests aprovados em produção', where: (o) => ok(o, 'passed') },
  ],
  documentation: [
    { tools: ['changelog_update'], describe: 'CHANGELOG.md atualizado', where: (o) => ok(o, 'applied') },
    { tools: ['readme_flags_update'], describe: 'seção de feature flags do README atualizada', where: (o) => ok(o, 'applied') },
    { tools: ['deploy_doc_update'], describe: 'docs/DEPLOY.md atualizado', where: (o) => ok(o, 'applied') },
  ],
  team_communicated: [{ tools: ['notify_team'], describe: 'time notificado em um canal', where: (o) => ok(o, 'notified') }],
  monitoring_active: [{ tools: ['monitoring_verify'], describe: 'monitoramento verificado ativo', where: (o) => ok(o, 'live') }],
};

/**
 * Gates that must hold for any delivered report, whatever the checklist says:
 * QA approved and its claims match the artifacts, production deployed healthy.
 */
export const DELIVERY_GATES: EvidenceRequirement[] = [
  {
    tools: ['qa_handoff_verify'],
    describe: 'QA aprovado e alegações do handoff iguais aos artefatos',
    where: (o) => o.verdict === 'approved' && ok(o, 'consistent'),
  },
  { tools: ['deploy_execute'], environment: 'production', describe: 'deploy saudável em produção', where: (o) => ok(o, 'healthy') },
];
