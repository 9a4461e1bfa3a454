/**
 * The release's runbook section of docs/DEPLOY.md, written only from the ledger: every line cites the entry it comes from,
 * and whatever did not run (or failed) says "não executado" instead of being assumed.
 */
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import type { SreConfig } from '../../schemas/config.js';
import { factIds, type Fact, type ReleaseFacts } from '../shared/ledger-facts.js';

export interface Runbook {
  markdown: string;
  sections: string[];
  citedEvidence: string[];
}

const STRATEGY_NAMES: Record<string, string> = { feature_flag: 'Feature Flag', blue_green: 'Blue/Green', canary: 'Canary' };
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const cite = (fact: Fact<unknown>) => ` (${fact.id})`;

/** "não executado" with the reason: never called, failed, or returned something unreadable. */
export function notDone(fact: Fact<unknown> | null, tool: string): string {
  if (!fact) return `não executado (${tool} não foi chamado nesta execução)`;
  if (fact.refused) return `não executado: ${tool} recusado pela política (${fact.id}): ${fact.error}`;
  if (!fact.ok) return `não executado: ${tool} falhou (${fact.id}): ${fact.error}`;
  return `não executado: resultado de ${tool} ilegível (${fact.id}): ${fact.error}`;
}

/** A duration in the seed's words: milliseconds for sub-second rollbacks, seconds otherwise. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return 'não medido';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function strategySection(facts: ReleaseFacts): string[] {
  const plan = facts.plan;
  if (!plan?.output) return [`- ${notDone(plan, 'deploy_plan')}`];
  const { strategy, why, steps, flag } = plan.output;
  const out = [`- **Tipo**: ${STRATEGY_NAMES[strategy] ?? strategy}${cite(plan)}`];
  if (why) out.push(`- **Motivo**: ${why}`);
  if (flag) out.push(`- **Flag**: \`${flag}\``);
  if (steps.length > 0) out.push('- **Passos**:', ...steps.map((step, i) => `  ${i + 1}. ${step}`));
  return out;
}

function environmentLine(label: string, fact: ReleaseFacts['deploy']['staging']): string {
  if (!fact?.output) return `- **${label}**: ${notDone(fact, 'deploy_execute')}`;
  const { healthy, version, flag } = fact.output;
  const state = healthy ? 'Deploy concluído, saudável' : 'Deploy feito, mas NÃO saudável';
  const flagText = flag ? `, flag \`${flag.name}\` em ${flag.percent}%` : '';
  return `- **${label}**: ${mark(healthy)} ${state}${version ? ` (v${version})` : ''}${flagText}${cite(fact)}`;
}

function smokeLine(label: string, fact: ReleaseFacts['smoke']['staging']): string {
  if (!fact?.output) return `- **${label}**: ${notDone(fact, 'smoke_test')}`;
  const checks = fact.output.checks.map((check) => `${check.name} ${mark(check.passed)}`).join(', ');
  return `- **${label}**: ${mark(fact.output.passed)} ${fact.output.passed ? 'passou' : 'falhou'}${checks ? ` (${checks})` : ''}${cite(fact)}`;
}

function activationSection(facts: ReleaseFacts, config: SreConfig): string[] {
  const strategy = facts.plan?.output?.strategy ?? facts.deploy.production?.output?.strategy;
  if (!strategy) return ['- não executado (nenhuma estratégia de deploy registrada)'];
  if (strategy === 'blue_green') return ['- Não se aplica: Blue/Green troca todo o tráfego de uma vez (rollback: voltar para blue).'];
  const steps = strategy === 'canary' ? config.deploy.canaryWeights : config.activation.steps;
  const what = strategy === 'canary' ? 'peso do canary' : 'flag';
  const out = steps.map((percent, i) => `${i + 1}. **Passo ${i + 1}**: ${what} em ${percent}%`);
  out.push('', `**Em cada passo**: Monitorar ${config.activation.watchHours}h antes de avançar`, '');
  const current = facts.deploy.production?.output?.flag;
  if (current && facts.deploy.production) out.push(`**Status atual**: ${current.percent}% (\`${current.name}\`)${cite(facts.deploy.production)}`);
  else out.push(`**Status atual**: ${notDone(facts.deploy.production, 'deploy_execute (production)')}`);
  return out;
}

function rollbackSection(facts: ReleaseFacts): string[] {
  const plan = facts.rollbackPlan;
  const verify = facts.rollbackVerify;
  const measured = new Map((verify?.output?.scenarios ?? []).map((s) => [s.scenario, s]));
  const out: string[] = [];
  if (!plan?.output) out.push(`- Plano: ${notDone(plan, 'rollback_plan')}`);
  else {
    out.push(`Plano${cite(plan)}:`, '', '| Cenário | Aplicável | Ação | Estimativa | Tempo medido |', '| --- | --- | --- | --- | --- |');
    for (const s of plan.output.scenarios) {
      const tested = measured.get(s.scenario);
      const time = tested ? formatMs(tested.rollbackMs) : s.measuredMs != null ? formatMs(s.measuredMs) : 'não testado';
      out.push(`| ${s.scenario} | ${s.applicable ? 'sim' : 'não'} | ${(s.action ?? '—').replace(/\|/g, '\\|')} | ${s.estimate ?? '—'} | ${time} |`);
    }
    out.push('');
  }
  if (!verify?.output) out.push(`- **Teste de rollback**: ${notDone(verify, 'rollback_verify')}`);
  else {
    out.push(`- **Teste de rollback**: ${mark(verify.output.verified)} ${verify.output.verified ? 'verificado' : 'NÃO verificado'}${cite(verify)}`);
    for (const s of verify.output.scenarios) {
      out.push(
        `  - ${s.scenario}: rollback em ${formatMs(s.rollbackMs)}, versão anterior respondeu ${mark(s.previousVersionAnswered === true)}, roll-forward ${mark(s.rolledForward === true)}`,
      );
    }
  }
  return out;
}

function backupSection(facts: ReleaseFacts): string[] {
  const backup = facts.backup;
  if (!backup?.output) return [`- ${notDone(backup, 'backup_create')}`];
  const { file, sizeBytes, sha256, previousTag } = backup.output;
  const out = [`- **Arquivo**: \`${file}\` (${sizeBytes} bytes)${cite(backup)}`, `- **sha256**: \`${sha256}\``];
  out.push(`- **Código**: ${previousTag ? `tag git \`${previousTag}\`` : 'nenhuma tag anterior'}`);
  return out;
}

function observabilitySection(facts: ReleaseFacts): string[] {
  const { dashboard, alerts, monitoring } = facts;
  const out: string[] = [];
  if (!dashboard?.output) out.push(`- **Dashboard**: ${notDone(dashboard, 'dashboard_generate')}`);
  else {
    const titles = dashboard.output.panels.map((p) => (typeof p === 'string' ? p : p.title));
    out.push(`- **Dashboard**: \`${dashboard.output.file}\`${dashboard.output.title ? ` — ${dashboard.output.title}` : ''} (${titles.length} painéis: ${titles.join(', ') || '—'})${cite(dashboard)}`);
  }
  if (!alerts?.output) out.push(`- **Alertas**: ${notDone(alerts, 'alerts_generate')}`);
  else {
    out.push(`- **Alertas**: \`${alerts.output.file}\`, ${alerts.output.valid ? 'validados' : 'NÃO validados'}${cite(alerts)}`);
    for (const rule of alerts.output.rules) out.push(`  - ${rule.name}${rule.severity ? ` (${rule.severity})` : ''}`);
  }
  if (!monitoring?.output) out.push(`- **Monitoramento**: ${notDone(monitoring, 'monitoring_verify')}`);
  else out.push(`- **Monitoramento**: ${mark(monitoring.output.live)} ${monitoring.output.live ? 'ativo' : 'NÃO ativo'}${cite(monitoring)}`);
  return out;
}

function migrationsSection(handoff: QaHandoff): string[] {
  if (handoff.migrations.length === 0) return ['- Nenhuma migração nesta release.'];
  return handoff.migrations.map((m) => `- \`${m.name}\`${m.apply ? ` (aplicar: \`${m.apply}\`)` : ''} — reverter: \`${m.reverse}\``);
}

/** Render the release's section body (without markers) from the handoff, the config and what the ledger proves. */
export function renderRunbook(handoff: QaHandoff, config: SreConfig, facts: ReleaseFacts, date: string): Runbook {
  const { version, commit, branch, previousVersion } = handoff.release;
  const sections: Array<[string, string[]]> = [
    ['Estratégia', strategySection(facts)],
    ['Ambientes', [environmentLine('Staging', facts.deploy.staging), environmentLine('Production', facts.deploy.production)]],
    ['Smoke Tests', [smokeLine('Staging', facts.smoke.staging), smokeLine('Production', facts.smoke.production)]],
    ['Plano de Ativação', activationSection(facts, config)],
    ['Plano de Rollback', rollbackSection(facts)],
    ['Backup', backupSection(facts)],
    ['Observabilidade', observabilitySection(facts)],
    ['Migrações', migrationsSection(handoff)],
  ];
  const citedEvidence = factIds(facts);
  const lines = [`## Release v${version} — ${date}`, '', `- **Commit**: ${commit} · **Branch**: ${branch}${previousVersion ? ` · **Versão anterior**: v${previousVersion}` : ''}`];
  for (const [heading, body] of sections) lines.push('', `### ${heading}`, '', ...body);
  lines.push('', '### Evidências', '', citedEvidence.length > 0 ? `Entradas do ledger citadas: ${citedEvidence.join(', ')}` : 'Nenhuma evidência registrada: nada foi executado ainda.');
  return { markdown: lines.join('\n'), sections: [...sections.map(([heading]) => heading), 'Evidências'], citedEvidence };
}
