/**
 * The `playbook` provider: a deterministic driver (no LLM) that walks the seed's procedure through the MCP tools,
 * stops before any step whose prerequisites failed, and submits the report drafted from the ledger.
 * Where a step's tool does not exist, the matching checklist item is honestly left not done.
 */
import { DEFAULTS } from '../../constants.js';
import { draftReport } from '../../report/draft-report.js';
import type { AgentSession, Provider, ToolCallOutcome } from '../session.js';

type Out = Record<string, unknown>;
const out = (o: ToolCallOutcome | null): Out => o?.output ?? {};
const passed = (o: ToolCallOutcome | null, key: string) => Boolean(o?.ok && out(o)[key] === true);

/** The failing checks of a smoke_test result, for the blocking reason. */
function failedChecks(o: ToolCallOutcome | null): string {
  if (!o?.ok) return o?.text.split('\n')[0] ?? 'not run';
  const checks = Array.isArray(out(o).checks) ? (out(o).checks as Array<{ name?: string; passed?: boolean; detail?: string }>) : [];
  return checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`).join('; ') || 'no check passed';
}

/** The tool keeps this much of its call time for scraping and deciding (tools/metrics/canary-analysis.ts). */
const CANARY_CALL_MARGIN_MS = 15_000;

/**
 * Canary intervals that fit in one tool call: the default 5 × 60 s when limits.toolCallTimeoutMs allows it,
 * otherwise shorter intervals (at least 1 s), then fewer of them, so the analysis runs instead of being refused.
 */
export function canaryTiming(toolCallTimeoutMs: number): { intervalSeconds: number; intervals: number } {
  const budgetSeconds = Math.max(1, Math.floor((toolCallTimeoutMs - CANARY_CALL_MARGIN_MS) / 1000));
  const intervals = Math.min(DEFAULTS.canaryIntervals, budgetSeconds);
  const intervalSeconds = Math.max(1, Math.min(DEFAULTS.canaryIntervalSeconds, Math.floor(budgetSeconds / intervals)));
  return { intervalSeconds, intervals };
}

export class PlaybookProvider implements Provider {
  readonly name = 'playbook';

  async drive(s: AgentSession): Promise<void> {
    const listed = await s.client.listTools();
    const available = new Set(listed.tools.map((t) => t.name));
    const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolCallOutcome | null> => {
      if (!available.has(name)) {
        s.progress({ kind: 'note', text: `${name}: tool not available in this build; its checklist item stays not done` });
        return null;
      }
      if (s.signal.aborted) return null;
      return s.callTool(name, args);
    };
    const submit = () => {
      s.submitReport(draftReport({ ledger: s.ledger, handoff: s.handoff, config: s.config, extraReasons: s.stopReasons }));
    };

    // 1. What QA handed over, checked against its artifacts.
    const qa = await call('qa_handoff_verify');
    const qaOk = Boolean(qa?.ok && out(qa).verdict === 'approved' && out(qa).consistent === true);

    // 2. CI gates: tests with coverage, security, the pipeline definition.
    await call('ci_detect_project');
    const tests = s.config.commands.test ? await call('ci_run_tests') : null;
    const security = s.config.commands.security ? await call('ci_security_scan') : null;
    const pipeline = await call('ci_validate_pipeline');
    const gatesOk = qaOk && passed(tests, 'gatePassed') && passed(security, 'gatePassed');
    if (!gatesOk) {
      s.stop(!qaOk ? 'QA handoff not approved or inconsistent with its artifacts: no deploy' : 'CI gates (tests, coverage, security) did not pass: no deploy');
      return submit();
    }
    if (!passed(pipeline, 'valid')) {
      // Writing CI config is a reviewed change: offer a hardened workflow as a diff, never apply it unasked.
      const generated = await call('ci_generate_pipeline', { apply: false });
      s.stop(
        `no valid CI/CD pipeline in the repository (${pipeline?.ok ? 'validation found high-severity problems' : (pipeline?.text.split('\n')[0] ?? 'validation not run')})` +
          `${generated?.ok ? `; a hardened workflow was generated as a diff (${generated.evidenceId}): review and apply it, then rerun` : ''}: no deploy`,
      );
      return submit();
    }

    // 3. Strategy, backup, staging.
    const plan = await call('deploy_plan');
    if (!plan?.ok) return submit();
    const needsBackup = out(plan).requiresBackup === true || s.handoff.migrations.length > 0;
    if (needsBackup || s.config.backup.command) {
      const backup = await call('backup_create');
      if (needsBackup && !backup?.ok) {
        s.stop('migrations need a backup and it could not be created: no deploy');
        return submit();
      }
    }
    const staging = await call('deploy_execute', { environment: 'staging' });
    const stagingSmoke = passed(staging, 'healthy') ? await call('smoke_test', { environment: 'staging' }) : null;
    await call('health_check', { environment: 'staging' });
    if (!passed(stagingSmoke, 'passed')) {
      const why = !passed(staging, 'healthy') ? `staging deploy failed (${staging?.ok ? String(out(staging).healthDetail ?? 'unhealthy') : (staging?.text ?? 'not run')})` : `staging smoke tests failed (${failedChecks(stagingSmoke)})`;
      s.stop(`${why}: production untouched`);
      return submit();
    }

    // 4. Rollback: planned, then really exercised in staging.
    await call('rollback_plan');
    const verify = await call('rollback_verify', { environment: 'staging' });
    if (!passed(verify, 'verified')) {
      s.stop('rollback could not be verified in staging: production untouched');
      return submit();
    }

    // 5. Production (the new flag at 0 %, or the first canary weight), smoke tests, and an automatic way back.
    const strategy = out(plan).strategy;
    const production = await call('deploy_execute', { environment: 'production' });
    const refusal = production?.evidenceId ? s.ledger.get(production.evidenceId)?.refused : undefined;
    if (refusal) {
      // Nothing changed in production: stop here, with staging verified, rather than "rolling back" a deploy that never ran.
      s.stop(
        refusal.rule === 'human-approval'
          ? `production deploy awaits human approval; staging is deployed and its rollback verified (${refusal.reason})`
          : `production deploy refused by policy rule ${refusal.rule}: ${refusal.reason}`,
      );
      return submit();
    }
    if (!passed(production, 'healthy')) return this.rollBack(s, call, strategy, 'production deploy failed or unhealthy', submit);
    const prodSmoke = await call('smoke_test', { environment: 'production' });
    await call('health_check', { environment: 'production' });
    if (!passed(prodSmoke, 'passed')) return this.rollBack(s, call, strategy, `production smoke tests failed (${failedChecks(prodSmoke)})`, submit);
    if (strategy === 'canary' && available.has('canary_analysis')) {
      const previous = s.handoff.release.previousVersion;
      const canary = await call('canary_analysis', { environment: 'production', baselineVersion: previous, canaryVersion: s.handoff.release.version, ...canaryTiming(s.config.limits.toolCallTimeoutMs) });
      const decision = out(canary).decision;
      if (decision === 'rollback') return this.rollBack(s, call, strategy, 'canary analysis found a regression', submit);
      if (decision !== 'promote') s.stop(`canary analysis said ${String(decision ?? 'nothing')}: a human must decide before promotion`);
    }

    // 6. Observability: logs, traces, metrics, dashboards, alerts, and proof that monitoring is live.
    // Generated configuration goes into the repository only where sre.yaml consents (docs.apply); otherwise it is offered as files and diffs.
    const apply = s.config.docs.apply;
    await call('logging_config', { apply });
    await call('tracing_config', { apply });
    await call('dashboard_generate', { apply });
    await call('alerts_generate', { environment: 'production', apply });
    await call('slo_status', { environment: 'production' });
    await call('monitoring_verify', { environment: 'production' });

    // 7. Documentation and communication, from what the ledger holds by now.
    await call('changelog_update');
    await call('readme_flags_update');
    await call('deploy_doc_update');
    await call('notify_team');
    return submit();
  }

  private async rollBack(
    s: AgentSession,
    call: (name: string, args?: Record<string, unknown>) => Promise<ToolCallOutcome | null>,
    strategy: unknown,
    why: string,
    submit: () => void,
  ): Promise<void> {
    const scenario = strategy === 'feature_flag' ? 'feature_flag' : strategy === 'canary' ? 'canary_weight_zero' : 'blue_green';
    const result = await call('rollback_execute', { environment: 'production', scenario });
    s.stop(`${why}: rolled back (${scenario}) ${result?.ok ? 'successfully' : 'FAILED — act now'}`);
    submit();
  }
}
