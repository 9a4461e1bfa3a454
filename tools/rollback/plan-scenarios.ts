/**
 * The rollback plan's scenarios, worded like the seed's "ROLLBACK PLAN" (Portuguese: they go into the report as is).
 * Pure functions of the run's context: planning never touches the driver or the services.
 */
import { relative } from 'node:path';
import { flagFileFor } from '../deploy/flags/flag-file-path.js';
import type { ToolContext } from '../tool.js';
import { migrationReverses } from './migration-reverse.js';
import { plannedStrategy, releaseFlags } from './release-flags.js';
import type { RollbackScenario } from './scenario-names.js';

export interface PlannedScenario {
  scenario: RollbackScenario;
  applicable: boolean;
  /** Why it applies or not. */
  why: string;
  action: string;
  estimate: string;
  impact: string;
  validation: string;
}

type Ctx = Pick<ToolContext, 'config' | 'configDir' | 'handoff' | 'ledger'>;

/** Whether the configured driver can send traffic back to the previous version. */
function driverCanSwitchBack(ctx: Ctx): boolean {
  const { driver, command } = ctx.config.deploy;
  if (driver === 'command') return Boolean(command?.rollback ?? command?.switch);
  return true;
}

function previousVersionText(ctx: Ctx): string {
  return ctx.handoff?.data.release.previousVersion ?? 'a versão anterior';
}

/** Cenário 1 — flag off. */
export function featureFlagScenario(ctx: Ctx): PlannedScenario {
  const flags = releaseFlags(ctx);
  const file = relative(ctx.configDir, flagFileFor(ctx, 'production')) || ctx.config.flags.file;
  return {
    scenario: 'feature_flag',
    applicable: flags.length > 0,
    why: flags.length > 0 ? `the release ships behind ${flags.join(', ')}` : 'the handoff declares no feature flag and no deploy_plan chose one',
    action:
      flags.length > 0
        ? `Desligar ${flags.map((f) => `a flag ${f}`).join(' e ')} (0%) em ${file} — rollback_execute {scenario: "feature_flag"}`
        : 'Sem feature flag nesta release',
    estimate: 'instantâneo',
    impact: 'Zero (0 downtime)',
    validation: 'Testar que o endpoint retorna ao comportamento anterior (flag avaliada como off para todos os usuários)',
  };
}

/** Cenário 2 — reverse the migrations, restore the backup if needed. */
export function migrationScenario(ctx: Ctx, backupFile: string | null): PlannedScenario {
  const reverses = migrationReverses(ctx.handoff?.data ?? null);
  const steps = reverses.map((m) => (m.argv ? m.reverse : `${m.name}: ${m.reverse} (manual)`));
  const backup = backupFile ? `Restaurar de ${backupFile} se necessário` : 'Nenhum backup registrado nesta execução (backup_create)';
  return {
    scenario: 'migration',
    applicable: reverses.length > 0,
    why: reverses.length > 0 ? `the release has ${reverses.length} migration(s)` : 'the release has no migrations',
    action: reverses.length > 0 ? `${steps.join('; ')}. ${backup}` : 'Sem migrações nesta release',
    estimate: '1-2 minutos',
    impact: 'Dados criados pela nova migração serão perdidos',
    validation: 'Health check com database ok e esquema na migração anterior',
  };
}

/** Cenário 3 — git revert and redeploy. */
export function gitRevertScenario(ctx: Ctx): PlannedScenario {
  const release = ctx.handoff?.data.release;
  return {
    scenario: 'git_revert',
    applicable: Boolean(release),
    why: release ? `release commit ${release.commit} on ${release.branch}` : 'no handoff: the release commit is unknown',
    action: release
      ? `git revert --no-edit ${release.commit} && git push origin ${release.branch} (CI/CD redeploy automático)`
      : 'git revert <commit-hash> && git push (commit desconhecido)',
    estimate: '5-10 minutos',
    impact: 'Breve indisponibilidade se não usar blue/green',
    validation: `Health check responde com a versão ${previousVersionText(ctx)} após o redeploy`,
  };
}

/** Cenário 4 — switch traffic back (green → blue). */
export function blueGreenScenario(ctx: Ctx): PlannedScenario {
  const can = driverCanSwitchBack(ctx);
  return {
    scenario: 'blue_green',
    applicable: can,
    why: can
      ? `the ${ctx.config.deploy.driver} driver keeps the previous version running and can switch back`
      : 'the command driver has no deploy.command.rollback or deploy.command.switch configured',
    action: `Switch: green → blue (tráfego de volta para ${previousVersionText(ctx)}) — rollback_execute {scenario: "blue_green"}`,
    estimate: 'instantâneo',
    impact: 'Zero',
    validation: `Health check responde com a versão ${previousVersionText(ctx)}`,
  };
}

/** Canary: weight 0 for the new version (only when the release goes out as a canary). */
export function canaryScenario(ctx: Ctx): PlannedScenario | null {
  if (plannedStrategy(ctx) !== 'canary') return null;
  const can = ctx.config.deploy.driver !== 'command' || Boolean(ctx.config.deploy.command?.setWeight);
  const version = ctx.handoff?.data.release.version ?? 'a nova versão';
  return {
    scenario: 'canary_weight_zero',
    applicable: can,
    why: can ? 'the release goes out as a canary' : 'the command driver has no deploy.command.setWeight configured',
    action: `Peso do canary ${version} → 0% — rollback_execute {scenario: "canary_weight_zero"}`,
    estimate: 'instantâneo',
    impact: 'Zero (usuários do canary voltam à versão anterior)',
    validation: `Health check responde com a versão ${previousVersionText(ctx)}`,
  };
}
