/** The step-8 handoff, built from the enforced report and the ledger. */
import type { SreConfig } from '../../schemas/config.js';
import type { Report } from '../../schemas/report.js';
import { SreHandoff } from '../../schemas/sre-handoff.js';
import type { LedgerView } from '../../tools/tool.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});

/** Build and validate sre-handoff.json: dates for each activation step start from the report's date. */
export function buildSreHandoff(report: Report, ledger: LedgerView, config: SreConfig, reportPath: string | null): SreHandoff {
  const start = new Date(report.release.date);
  const flag = ledger.lastOk('deploy_plan')?.output;
  const flagName = typeof obj(flag).flag === 'string' ? (obj(flag).flag as string) : null;
  const delivered = report.status === 'delivered';
  const notify = ledger.lastOk('notify_team')?.output;
  return SreHandoff.parse({
    schemaVersion: 1,
    status: report.status,
    blockingReasons: report.blockingReasons,
    release: { version: report.release.version, commit: report.release.commit, branch: report.release.branch, tag: report.release.tag },
    strategy: report.deploy.strategy.type,
    activationPlan: delivered
      ? report.activationPlan.map((step, i) => ({
          percent: step.percent,
          notBefore: new Date(start.getTime() + i * 24 * 3_600_000).toISOString(),
          watchHours: report.activationWatchHours,
          gate: `error rate ≤ ${config.thresholds.errorRate * 100}% and p95 ≤ ${config.thresholds.latencyP95Seconds}s for ${report.activationWatchHours}h (sre-agent promote)`,
          flag: flagName,
        }))
      : [],
    dashboards: report.observability.dashboards.map((d) => ({ title: d.title, location: d.location })),
    alerts: report.observability.alerts.filter((a) => a.active).map((a) => a.name),
    rollback: report.rollback.plan.map((p) => ({ scenario: p.scenario, action: p.action, estimate: p.estimate })),
    communication: {
      toCommunicate: delivered
        ? [`v${report.release.version} em produção com ${flagName ? `a flag ${flagName} em 0%` : 'a nova versão ativa'}`, 'Plano de ativação gradual e como desativar', 'UX: comunicação aos usuários']
        : ['Deploy bloqueado: ver motivos', ...report.blockingReasons.slice(0, 5)],
      announcement: typeof obj(notify).message === 'string' ? (obj(notify).message as string) : null,
      teamNotified: obj(notify).notified === true,
    },
    nextSteps: report.nextSteps,
    reportPath,
  });
}
