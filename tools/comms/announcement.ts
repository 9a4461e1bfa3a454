/**
 * The release announcement, built only from the handoff, the config and the ledger (Portuguese, like the report):
 * what was deployed, how it will be activated, and how to roll it back. Steps that did not run say so.
 */
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import type { SreConfig } from '../../schemas/config.js';
import { factIds, type ReleaseFacts } from '../shared/ledger-facts.js';

export type ReleaseStatus = 'deployed' | 'production_unhealthy' | 'staging_only' | 'not_deployed';

export interface Announcement {
  service: string;
  version: string | null;
  commit: string | null;
  status: ReleaseStatus;
  strategy: string | null;
  /** One-line title (Slack header, Markdown heading). */
  title: string;
  /** The message body, plain text with `code` spans (reads the same in Slack and Markdown). */
  text: string;
  activation: { steps: number[]; watchHours: number; currentPercent: number | null } | null;
  rollback: { scenario: string; estimate: string | null; measuredMs: number | null; verified: boolean } | null;
  evidence: string[];
  /** True when the caller wrote the body. */
  custom: boolean;
}

const STRATEGY_NAMES: Record<string, string> = { feature_flag: 'Feature Flag', blue_green: 'Blue/Green', canary: 'Canary' };
const HEADLINES: Record<ReleaseStatus, string> = {
  deployed: 'deploy em produção concluído',
  production_unhealthy: 'deploy em produção NÃO saudável',
  staging_only: 'deploy em staging concluído; produção não executada',
  not_deployed: 'deploy não executado',
};

/** Where the release stands according to the ledger's deploy_execute entries. */
export function releaseStatus(facts: ReleaseFacts): ReleaseStatus {
  const production = facts.deploy.production;
  if (production?.output) return production.output.healthy ? 'deployed' : 'production_unhealthy';
  // A refused production deploy never started; a failed one may have left production half-changed.
  if (production && !production.ok && !production.refused) return 'production_unhealthy';
  if (facts.deploy.staging?.output?.healthy) return 'staging_only';
  return 'not_deployed';
}

function rollbackSummary(facts: ReleaseFacts): Announcement['rollback'] {
  const plan = facts.rollbackPlan?.output;
  if (!plan) return null;
  const chosen = plan.scenarios.find((s) => s.scenario === plan.recommended) ?? plan.scenarios.find((s) => s.applicable);
  if (!chosen) return null;
  const tested = facts.rollbackVerify?.output?.scenarios.find((s) => s.scenario === chosen.scenario);
  return {
    scenario: chosen.scenario,
    estimate: chosen.estimate ?? null,
    measuredMs: tested?.rollbackMs ?? chosen.measuredMs ?? null,
    verified: facts.rollbackVerify?.output?.verified === true,
  };
}

/** Build the announcement; `message` (from the caller) replaces the generated body but not the structured fields. */
export function buildAnnouncement(options: {
  handoff: QaHandoff | null;
  config: SreConfig;
  facts: ReleaseFacts;
  message?: string;
  audience?: string[];
}): Announcement {
  const { handoff, config, facts } = options;
  const service = config.service.name;
  const version = handoff?.release.version ?? facts.deploy.production?.output?.version ?? facts.deploy.staging?.output?.version ?? null;
  const commit = handoff?.release.commit ?? null;
  const status = releaseStatus(facts);
  const strategy = facts.plan?.output?.strategy ?? facts.deploy.production?.output?.strategy ?? null;
  const title = `${service}${version ? ` v${version}` : ''} — ${HEADLINES[status]}`;
  const flag = facts.deploy.production?.output?.flag ?? null;
  const activation =
    strategy === 'feature_flag' || strategy === 'canary'
      ? {
          steps: strategy === 'canary' ? config.deploy.canaryWeights : config.activation.steps,
          watchHours: config.activation.watchHours,
          currentPercent: flag?.percent ?? null,
        }
      : null;
  const rollback = rollbackSummary(facts);
  const evidence = factIds(facts);

  const lines = [title];
  if (commit && handoff) lines.push(`Commit \`${commit}\` · branch \`${handoff.release.branch}\``);
  lines.push('');
  lines.push(`Estratégia: ${strategy ? STRATEGY_NAMES[strategy] ?? strategy : 'não executado (nenhum deploy_plan)'}${flag ? ` — flag \`${flag.name}\` em ${flag.percent}% em produção` : ''}`);
  if (activation) {
    lines.push(`Plano de ativação: ${activation.steps.map((p) => `${p}%`).join(' → ')}, monitorando ${activation.watchHours}h em cada passo`);
  }
  const smoke = (fact: ReleaseFacts['smoke']['staging']) => (fact?.output ? (fact.output.passed ? '✓' : '✗') : 'não executado');
  lines.push(`Smoke tests: staging ${smoke(facts.smoke.staging)}, produção ${smoke(facts.smoke.production)}`);
  if (rollback) {
    const measured = rollback.measuredMs !== null ? `, testado em ${rollback.measuredMs} ms` : ', não testado';
    lines.push(`Rollback: ${rollback.scenario} (${rollback.estimate ?? 'sem estimativa'}${measured}${rollback.verified ? ', verificado' : ''})`);
  } else lines.push('Rollback: plano não executado');
  const backup = facts.backup?.output;
  lines.push(backup ? `Backup: \`${backup.file}\` (sha256 ${backup.sha256.slice(0, 12)}…)` : 'Backup: não executado');
  if (options.audience && options.audience.length > 0) lines.push(`Para: ${options.audience.join(', ')}`);
  if (evidence.length > 0) lines.push(`Evidências: ${evidence.join(', ')}`);

  const custom = Boolean(options.message?.trim());
  const text = custom ? options.message!.trim() : lines.join('\n');
  return { service, version, commit, status, strategy, title, text, activation, rollback, evidence, custom };
}

/** The announcement as a Markdown file for a human to send when no channel took it. */
export function announcementMarkdown(announcement: Announcement): string {
  if (announcement.custom) return `# ${announcement.title}\n\n${announcement.text}\n`;
  // Generated lines are separate facts: one list item each, so Markdown does not run them together.
  const body = announcement.text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => `- ${line}`);
  return `# ${announcement.title}\n\n${body.join('\n')}\n`;
}
