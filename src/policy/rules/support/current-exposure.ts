/** What production exposes right now, as the run's ledger last saw it (flag percent, canary weight). */
import type { LedgerView } from '../../../../tools/tool.js';
import { environmentOf, inputOf, okToolCallsNewestFirst, outputOf, type Json } from './ledger-queries.js';

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A flag's percent in one entry's output, whatever shape the tool reports it in. */
function flagPercentIn(output: Json, input: Json, flag: string): number | null {
  // flags_set / flags_get / activation_promote: { flag?, percent } with the flag named in input or output
  if ((output.flag ?? input.flag) === flag && num(output.percent) !== null) return num(output.percent);
  // deploy_execute: { flag: { name, percent } }
  const nested = output.flag as Json | null | undefined;
  if (nested && typeof nested === 'object' && nested.name === flag && num(nested.percent) !== null) return num(nested.percent);
  // rollback_execute: { flags: [{ name, percent }] }
  if (Array.isArray(output.flags)) {
    const hit = (output.flags as Json[]).find((f) => f && f.name === flag && num(f.percent) !== null);
    if (hit) return num(hit.percent);
  }
  return null;
}

/** The latest known percent of `flag` in `environment`; 0 when the run never touched it (a new flag starts off). */
export function currentFlagPercent(ledger: LedgerView, environment: string, flag: string): number {
  for (const entry of okToolCallsNewestFirst(ledger)) {
    if (environmentOf(entry) !== environment) continue;
    const percent = flagPercentIn(outputOf(entry), inputOf(entry), flag);
    if (percent !== null) return percent;
  }
  return 0;
}

/** The latest known traffic weight of `version` in `environment` (from any DeployState or weight output); 0 when unknown. */
export function currentWeight(ledger: LedgerView, environment: string, version: string | null): number {
  for (const entry of okToolCallsNewestFirst(ledger)) {
    if (environmentOf(entry) !== environment) continue;
    const output = outputOf(entry);
    const state = output.state as Json | undefined;
    if (state && typeof state === 'object' && state.weights && typeof state.weights === 'object') {
      if (version === null) continue;
      return num((state.weights as Json)[version]) ?? 0;
    }
    const weight = num(output.weight);
    const entryVersion = output.version ?? inputOf(entry).version;
    if (weight !== null && (version === null || entryVersion === undefined || entryVersion === version)) return weight;
  }
  return 0;
}
