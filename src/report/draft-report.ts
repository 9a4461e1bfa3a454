/**
 * Draft a report from the ledger alone: every statement in it comes from a tool result, and a checklist item is
 * done only when the evidence rules find proof. Used by the playbook, and as the fallback when a model's report
 * is not even schema-valid.
 */
import { CHECKLIST_ITEMS, CHECKLIST_KEYS, type Checklist } from '../../schemas/checklist.js';
import type { SreConfig } from '../../schemas/config.js';
import type { LedgerEntry } from '../../schemas/ledger-entry.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import type { Report } from '../../schemas/report.js';
import type { LedgerView } from '../../tools/tool.js';
import { attempts, findEvidence, unmetRequirements } from './evidence-check.js';
import { DELIVERY_GATES, EVIDENCE_RULES } from './evidence-rules.js';
import { measuredCoverage, measuredSecurity, measuredTests } from './figure-check.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

export interface DraftContext {
  ledger: LedgerView;
  handoff: QaHandoff;
  config: SreConfig;
  /** Extra blocking reasons known to the caller (run stopped, approval missing, model never submitted…). */
  extraReasons?: string[];
  now?: Date;
}

function latest(ledger: LedgerView, tool: string, where?: (e: LedgerEntry) => boolean): LedgerEntry | undefined {
  const list = ledger.byTool(tool).filter((e) => !where || where(e));
  return list[list.length - 1];
}
const inEnv = (env: string) => (e: LedgerEntry) => obj(e.input).environment === env;

/** Build the checklist from the evidence rules: done with the proving ids, or not done with what is missing. */
export function draftChecklist(ledger: LedgerView): Checklist {
  const out = {} as Record<string, Checklist[keyof Checklist]>;
  for (const key of CHECKLIST_KEYS) {
    const ids = findEvidence(EVIDENCE_RULES[key], ledger);
    if (ids) out[key] = { done: true, evidence: ids };
    else {
      const missing = unmetRequirements(EVIDENCE_RULES[key], ledger).map((r) => {
        const tried = attempts(r, ledger);
        const lastTry = tried[tried.length - 1];
        const why = !lastTry ? 'não executado' : lastTry.ok ? `${lastTry.id} não atende` : `${lastTry.id} falhou: ${lastTry.refused?.reason ?? lastTry.error ?? 'erro'}`;
        return `${r.describe} (${why})`;
      });
      out[key] = { done: false, reason: `falta ${missing.join('; ')}` };
    }
  }
  return out as Checklist;
}

/** A full report drafted from the ledger; status follows the checklist and the delivery gates. */
export function draftReport(ctx: DraftContext): Report {
  const { ledger, handoff, config } = ctx;
  const checklist = draftChecklist(ledger);
  const now = ctx.now ?? new Date();

  const tests = latest(ledger, 'ci_run_tests', (e) => e.ok && measuredTests(e.tool, e.output) !== null) ?? latest(ledger, 'qa_handoff_verify', (e) => e.ok && measuredTests(e.tool, e.output) !== null);
  const cov = latest(ledger, 'ci_run_tests', (e) => e.ok && measuredCoverage(e.tool, e.output) !== null) ?? latest(ledger, 'qa_handoff_verify', (e) => e.ok && measuredCoverage(e.tool, e.output) !== null);
  const sec = latest(ledger, 'ci_security_scan', (e) => e.ok) ?? latest(ledger, 'qa_handoff_verify', (e) => e.ok && measuredSecurity(e.tool, e.output) !== null);
  const plan = latest(ledger, 'deploy_plan', (e) => e.ok);
  const staging = latest(ledger, 'deploy_execute', (e) => inEnv('staging')(e));
  const production = latest(ledger, 'deploy_execute', (e) => inEnv('production')(e));
  const rbPlan = latest(ledger, 'rollback_plan', (e) => e.ok);
  const rbVerify = latest(ledger, 'rollback_verify', (e) => e.ok);
  const backup = latest(ledger, 'backup_create', (e) => e.ok);
  const logging = latest(ledger, 'logging_config', (e) => e.ok);
  const tracing = latest(ledger, 'tracing_config', (e) => e.ok);
  const alerts = latest(ledger, 'alerts_generate', (e) => e.ok);
  const flagName = str(obj(plan?.output).flag) || handoff.featureFlags[0]?.key || null;
  const strategy = (str(obj(plan?.output).strategy) || null) as Report['deploy']['strategy']['type'];

  const testsFig = tests ? measuredTests(tests.tool, tests.output)! : null;
  const covLines = cov ? measuredCoverage(cov.tool, cov.output)! : null;
  const secCounts = sec ? measuredSecurity(sec.tool, sec.output) : null;
  const prodOut = obj(production?.output);
  const steps = config.activation.steps;

  const smokeTests: Report['deploy']['smokeTests'] = [];
  for (const env of ['staging', 'production'] as const) {
    const smoke = latest(ledger, 'smoke_test', inEnv(env));
    if (!smoke) continue;
    if (!smoke.ok) {
      smokeTests.push({ name: `${env}: smoke tests`, passed: false, detail: smoke.error ?? 'failed', evidence: [smoke.id] });
      continue;
    }
    for (const c of arr(obj(smoke.output).checks)) {
      const check = obj(c);
      smokeTests.push({ name: `${env}: ${str(check.name)}`, passed: check.passed === true, detail: str(check.detail), evidence: [smoke.id] });
    }
  }

  const verifyScenarios = arr(obj(rbVerify?.output).scenarios).map(obj);
  const rollbackPlan: Report['rollback']['plan'] = arr(obj(rbPlan?.output).scenarios)
    .map(obj)
    .filter((s) => s.applicable !== false)
    .map((s) => {
      const exercised = verifyScenarios.find((v) => v.scenario === s.scenario);
      const measured = typeof exercised?.rollbackMs === 'number' ? exercised.rollbackMs : typeof s.measuredMs === 'number' ? s.measuredMs : null;
      const tested = Boolean(exercised && exercised.previousVersionAnswered === true && rbVerify);
      return { scenario: str(s.scenario), action: str(s.action), estimate: str(s.estimate, '—'), measuredMs: measured, tested, evidence: [rbPlan!.id, ...(tested ? [rbVerify!.id] : [])] };
    });

  const docs: Report['documentation'] = [
    ['changelog_update', config.docs.changelog],
    ['readme_flags_update', `${config.docs.readme} (feature flags)`],
    ['deploy_doc_update', config.docs.deployDoc],
  ].map(([tool, file]) => {
    const e = latest(ledger, tool!);
    const applied = Boolean(e?.ok && obj(e.output).applied === true);
    return { file: file!, updated: applied, detail: !e ? 'não executado' : !e.ok ? `falhou: ${e.error ?? ''}` : applied ? 'atualizado' : str(obj(e.output).note, 'diff preparado, não aplicado'), evidence: e ? [e.id] : [] };
  });

  const notify = latest(ledger, 'notify_team');
  const notified = Boolean(notify?.ok && obj(notify.output).notified === true);
  const communication: Report['communication'] = [
    {
      audience: 'Time dev notificado',
      done: notified,
      detail: !notify ? 'não executado' : !notify.ok ? `falhou: ${notify.error ?? ''}` : notified ? 'anúncio entregue' : 'anúncio preparado; o time ainda precisa ser avisado',
      evidence: notify ? [notify.id] : [],
    },
    { audience: 'Stakeholders informados', done: false, detail: 'a cargo do passo 8 (ver sre-handoff.json)', evidence: [] },
    { audience: 'Anúncio preparado (UX)', done: Boolean(notify?.ok), detail: notify?.ok ? 'texto do anúncio no handoff do passo 8' : 'não preparado', evidence: notify?.ok ? [notify.id] : [] },
  ];

  const reasons = [...(ctx.extraReasons ?? [])];
  for (const gate of DELIVERY_GATES) if (unmetRequirements([gate], ledger).length > 0) reasons.push(`falta: ${gate.describe}`);
  for (const key of CHECKLIST_KEYS) {
    const item = checklist[key];
    if (!item.done) reasons.push(`${CHECKLIST_ITEMS[key]}: ${item.reason}`);
  }
  const qa = latest(ledger, 'qa_handoff_verify', (e) => e.ok);
  for (const f of arr(obj(qa?.output).findings).map(obj)) if (f.severity === 'blocker') reasons.unshift(`QA handoff: ${str(f.message)}`);
  for (const e of ledger.all()) if (e.refused) reasons.push(`${e.tool} recusado pela política (${e.refused.rule}): ${e.refused.reason}`);
  const status = reasons.length === 0 ? 'delivered' : 'blocked';

  const dashboards = ledger.byTool('dashboard_generate').filter((e) => e.ok).map((e) => ({ title: str(obj(e.output).title, 'Dashboard'), location: str(obj(e.output).file) || str(obj(e.output).location), evidence: [e.id] }));
  const strategyLabel = strategy === 'feature_flag' ? 'Feature Flag' : strategy === 'blue_green' ? 'Blue/Green' : strategy === 'canary' ? 'Canary' : null;
  const prodFlag = obj(prodOut.flag);

  return {
    status,
    blockingReasons: status === 'blocked' ? [...new Set(reasons)] : [],
    summary:
      status === 'delivered'
        ? `Deploy executado com sucesso usando estratégia ${strategyLabel}.\nRollback testado e disponível.`
        : `Deploy da v${handoff.release.version} bloqueado: ${reasons.length} motivo(s) abaixo. Nada foi declarado feito sem evidência.`,
    release: {
      version: handoff.release.version,
      commit: handoff.release.commit,
      branch: handoff.release.branch,
      // No tool creates the release tag, so the report does not claim one.
      tag: null,
      date: now.toISOString(),
      deployedVersion: production?.ok && prodOut.healthy === true ? { version: str(prodOut.version), evidence: [production.id] } : null,
    },
    deploy: {
      strategy: {
        type: strategy,
        why: str(obj(plan?.output).why, plan ? '' : 'deploy_plan não executado'),
        activation: strategy === 'canary' ? `Gradual (${config.deploy.canaryWeights.map((w) => `${w}%`).join(' → ')})` : `Gradual (${steps.map((s) => `${s}%`).join(' → ')})`,
        currentState: production?.ok
          ? prodFlag.name
            ? `${String(prodFlag.percent ?? 0)}% (${str(prodFlag.name)}=${Number(prodFlag.percent ?? 0) > 0 ? 'True' : 'False'})`
            : `v${str(prodOut.version)} ativa em produção`
          : 'produção não alterada',
        evidence: [plan, production].filter((e): e is LedgerEntry => Boolean(e?.ok)).map((e) => e.id),
      },
      environments: {
        staging: envStep(staging, latest(ledger, 'smoke_test', inEnv('staging'))),
        production: envStep(production, latest(ledger, 'smoke_test', inEnv('production')), flagName),
      },
      smokeTests,
    },
    pipeline: {
      tests: testsFig && tests ? { ...testsFig, evidence: [tests.id] } : null,
      coverage: covLines !== null && cov ? { lines: covLines, threshold: config.thresholds.coverage, passed: covLines >= config.thresholds.coverage, evidence: [cov.id] } : null,
      security: secCounts && sec ? { counts: secCounts, total: secCounts.critical + secCounts.high + secCounts.medium + secCounts.low, passed: sec.tool === 'ci_security_scan' ? obj(sec.output).gatePassed === true : secCounts.critical + secCounts.high === 0, evidence: [sec.id] } : null,
      build: stepFrom(latest(ledger, 'ci_run_tests'), (o) => o.gatePassed === true, 'testes e gate de cobertura'),
      deploy: stepFrom(production, (o) => o.healthy === true, 'deploy em produção'),
    },
    observability: {
      dashboards,
      metrics: dashboards.length > 0 || latest(ledger, 'slo_status', (e) => e.ok) ? ['request_rate', 'error_rate', 'latency_p95', 'active_users'] : [],
      alerts: arr(obj(alerts?.output).rules).map((r) => ({ name: str(obj(r).name), active: obj(alerts?.output).valid === true, evidence: alerts ? [alerts.id] : [] })),
      logs: {
        format: logging ? (str(obj(logging.output).format) === 'json' ? 'JSON estruturado' : str(obj(logging.output).format)) : 'não configurado',
        destination: logging ? str(obj(logging.output).destination, '—') : '—',
        retention: logging ? str(obj(logging.output).retention, '—') : '—',
        evidence: logging ? [logging.id] : [],
      },
      traces: { configured: Boolean(tracing), detail: tracing ? `OpenTelemetry (${str(obj(tracing.output).exporter, 'otlp')}) em ${str(obj(tracing.output).file)}` : 'não configurado', evidence: tracing ? [tracing.id] : [] },
    },
    rollback: {
      plan: rollbackPlan,
      backups: {
        database: backup ? str(obj(backup.output).file) : null,
        codeTag: backup ? (str(obj(backup.output).previousTag) || null) : null,
        config: null,
        evidence: backup ? [backup.id] : [],
      },
      estimatedTime: {
        viaFlag: rollbackPlan.find((p) => p.scenario === 'feature_flag')?.estimate ?? '—',
        full: rollbackPlan.find((p) => p.scenario === 'git_revert')?.estimate ?? '—',
      },
    },
    documentation: docs,
    communication,
    postDeployMonitoring: { periodHours: 24, keyMetrics: ['Error rate', 'Latency', 'Throughput', 'User experience'] },
    activationPlan: steps.map((percent, i) => ({
      day: i + 1,
      percent,
      description: i === 0 ? `deploy código, ${flagName ?? 'flag'}=False` : percent >= 100 ? 'todos usuários' : `${percent}% dos usuários`,
    })),
    activationWatchHours: config.activation.watchHours,
    nextSteps:
      status === 'delivered'
        ? ['Monitorar métricas', `Ativar ${flagName ? `a flag ${flagName}` : 'a release'} gradualmente (sre-agent promote)`, 'UX: Preparar comunicação aos usuários']
        : ['Resolver os motivos do bloqueio e executar o passo 7 novamente'],
    checklist,
  };
}

/** An environment is done when its deploy is healthy and its latest smoke test (when run) passed. */
function envStep(deploy: LedgerEntry | undefined, smoke: LedgerEntry | undefined, flag?: string | null): Report['deploy']['environments']['staging'] {
  const deployed = Boolean(deploy?.ok && obj(deploy.output).healthy === true);
  const smokeFailed = Boolean(smoke && !(smoke.ok && obj(smoke.output).passed === true));
  const detail = `${envDetail(deploy, flag)}${deployed && smokeFailed ? '; smoke tests falharam' : ''}`;
  return { done: deployed && !smokeFailed, detail, evidence: [deploy, smoke].filter((e): e is LedgerEntry => Boolean(e)).map((e) => e.id) };
}

function envDetail(entry: LedgerEntry | undefined, flag?: string | null): string {
  if (!entry) return 'Deploy não executado';
  if (!entry.ok) return `Deploy falhou: ${entry.refused ? `recusado pela política (${entry.refused.rule})` : (entry.error ?? 'erro')}`;
  const o = obj(entry.output);
  if (o.healthy !== true) return `v${str(o.version)} implantada mas não saudável`;
  const f = obj(o.flag);
  return `Deploy concluído (v${str(o.version)}${f.name ? `, ${str(f.name) || flag}=${Number(f.percent ?? 0)}%` : ''})`;
}

function stepFrom(entry: LedgerEntry | undefined, good: (o: Obj) => boolean, what: string): Report['pipeline']['build'] {
  if (!entry) return { done: false, detail: `${what}: não executado`, evidence: [] };
  if (!entry.ok) return { done: false, detail: `${what}: falhou (${entry.refused?.reason ?? entry.error ?? 'erro'})`, evidence: [entry.id] };
  const done = good(obj(entry.output));
  return { done, detail: `${what}: ${done ? 'ok' : 'não passou'}`, evidence: [entry.id] };
}
