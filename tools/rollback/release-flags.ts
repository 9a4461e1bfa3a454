/** The feature flags this release ships behind: the handoff's flags, plus the flag the latest deploy_plan chose. */
import type { ToolContext } from '../tool.js';

/** Flag keys, handoff order first, without duplicates. */
export function releaseFlags(ctx: Pick<ToolContext, 'handoff' | 'ledger'>): string[] {
  const keys = (ctx.handoff?.data.featureFlags ?? []).map((f) => f.key);
  const plan = ctx.ledger.lastOk<{ flag?: unknown }>('deploy_plan');
  const planned = (plan?.output as { flag?: unknown } | undefined)?.flag;
  if (typeof planned === 'string' && planned.length > 0) keys.push(planned);
  return [...new Set(keys)];
}

/** The strategy of the latest deploy_plan, or the configured one, or null. */
export function plannedStrategy(ctx: Pick<ToolContext, 'ledger' | 'config'>): string | null {
  const plan = ctx.ledger.lastOk('deploy_plan');
  const strategy = (plan?.output as { strategy?: unknown } | undefined)?.strategy;
  if (typeof strategy === 'string') return strategy;
  return ctx.config.deploy.strategy === 'auto' ? null : ctx.config.deploy.strategy;
}
