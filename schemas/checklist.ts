/** The seed's "CHECKLIST ANTES DE ENTREGAR": 11 items, each done with evidence or not done with a reason. */
import { z } from 'zod';
import { EvidenceIds } from './common.js';

/** Item keys, in the seed's order, with the seed's own wording. */
export const CHECKLIST_ITEMS = {
  pipeline_ci: 'Pipeline CI/CD configurado',
  deploy_strategy: 'Deploy strategy definida e testada',
  rollback_plan: 'Rollback plan documentado e testado',
  observability: 'Observabilidade configurada (logs, métricas, traces)',
  health_checks: 'Health checks implementados',
  alerts: 'Alertas configurados',
  backup: 'Backup criado',
  smoke_tests: 'Smoke tests executados',
  documentation: 'Documentação atualizada (CHANGELOG, README, DEPLOY)',
  team_communicated: 'Time comunicado',
  monitoring_active: 'Monitoramento ativo',
} as const;

export type ChecklistKey = keyof typeof CHECKLIST_ITEMS;
export const CHECKLIST_KEYS = Object.keys(CHECKLIST_ITEMS) as ChecklistKey[];

export const ChecklistItem = z.discriminatedUnion('done', [
  z.object({ done: z.literal(true), evidence: EvidenceIds.min(1, 'a done item must cite at least one ledger entry') }),
  z.object({ done: z.literal(false), reason: z.string().min(1, 'a not-done item must say why') }),
]);
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Checklist = z
  .object(Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, ChecklistItem.describe(CHECKLIST_ITEMS[k])])) as {
    [K in ChecklistKey]: typeof ChecklistItem;
  })
  .strict();
export type Checklist = z.infer<typeof Checklist>;
