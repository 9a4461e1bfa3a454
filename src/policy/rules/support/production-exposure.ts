/**
 * Which proposed actions expose production users to the new release: the production gate rules apply to these only.
 * Rolling back (flag to 0, weight to 0, switch back) is never an exposure, so it can never be blocked.
 */
import type { PolicyState, ProposedAction } from '../../rule.js';

/** Tools that set a flag percentage directly. */
const FLAG_SET_TOOLS = new Set(['flags_set']);
/** Tools that raise a production flag by themselves (metric-gated activation). */
const ACTIVATION_TOOLS = new Set(['activation_promote']);

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A canary traffic-weight change: a numeric `weight`, or a `percent` on a tool named for canaries or weights. */
export function weightChange(action: ProposedAction): number | null {
  const weight = num(action.input.weight);
  if (weight !== null) return weight;
  if (/canary|weight/.test(action.tool) && !FLAG_SET_TOOLS.has(action.tool)) return num(action.input.percent);
  return null;
}

/** A flag percentage change, when the action is one. */
export function flagChange(action: ProposedAction): { flag: string; percent: number } | null {
  if (!FLAG_SET_TOOLS.has(action.tool)) return null;
  const percent = num(action.input.percent);
  const flag = action.input.flag;
  return percent !== null && typeof flag === 'string' ? { flag, percent } : null;
}

/** The release version an action would expose: its own `version` input, else the handoff's. */
export function versionOf(action: ProposedAction, state: PolicyState): string | null {
  if (typeof action.input.version === 'string') return action.input.version.replace(/^v/, '');
  return state.handoff?.release.version ?? null;
}

/** A short description ("production deploy_execute") when the action exposes production, else null. */
export function describeProductionExposure(action: ProposedAction): string | null {
  const environment = action.input.environment;
  if (action.tool === 'deploy_execute' && environment === 'production') return 'production deploy_execute';
  if (ACTIVATION_TOOLS.has(action.tool) && (environment === undefined || environment === 'production')) {
    return `production ${action.tool}`;
  }
  if (environment !== 'production') return null;
  const flag = flagChange(action);
  if (flag && flag.percent > 0) return `production ${action.tool} ${flag.flag}=${flag.percent}%`;
  const weight = weightChange(action);
  if (weight !== null && weight > 0) return `production ${action.tool} weight ${weight}%`;
  return null;
}
