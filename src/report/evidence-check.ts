/** Check cited ledger ids against the evidence rules (checklist items and delivery gates). */
import type { LedgerEntry } from '../../schemas/ledger-entry.js';
import type { LedgerView } from '../../tools/tool.js';
import type { EvidenceRequirement } from './evidence-rules.js';

type Obj = Record<string, unknown>;

/** True when this entry is a successful tool call meeting the requirement. */
export function meets(entry: LedgerEntry, requirement: EvidenceRequirement): boolean {
  if (entry.kind !== 'tool_call' || !entry.ok || !requirement.tools.includes(entry.tool)) return false;
  if (requirement.environment && (entry.input as Obj | null)?.environment !== requirement.environment) return false;
  if (!requirement.where) return true;
  const output = (entry.output ?? {}) as Obj;
  const input = (entry.input ?? {}) as Obj;
  try {
    return requirement.where(output, input);
  } catch {
    return false;
  }
}

/** Problems with a set of cited ids for a list of requirements (empty when all are met). */
export function checkCitations(ids: readonly string[], requirements: readonly EvidenceRequirement[], ledger: LedgerView): string[] {
  const problems: string[] = [];
  const entries: LedgerEntry[] = [];
  for (const id of ids) {
    const entry = ledger.all().find((e) => e.id === id);
    if (!entry) problems.push(`cites ${id}, which is not in the ledger`);
    else if (!entry.ok) problems.push(`cites ${id} (${entry.tool}), which failed${entry.refused ? ` (refused by ${entry.refused.rule})` : ''}`);
    else entries.push(entry);
  }
  for (const requirement of requirements) {
    if (!entries.some((e) => meets(e, requirement))) {
      const available = ledger.all().filter((e) => meets(e, requirement)).map((e) => e.id);
      problems.push(
        `needs evidence of "${requirement.describe}" (from ${requirement.tools.join(' or ')}${requirement.environment ? ` in ${requirement.environment}` : ''})${available.length ? `; the ledger has ${available.join(', ')} but they are not cited` : '; the ledger has none'}`,
      );
    }
  }
  return problems;
}

/** The latest ledger entries that meet each requirement, or null when one is unmet. */
export function findEvidence(requirements: readonly EvidenceRequirement[], ledger: LedgerView): string[] | null {
  const ids: string[] = [];
  for (const requirement of requirements) {
    const matching = ledger.all().filter((e) => meets(e, requirement));
    const last = matching[matching.length - 1];
    if (!last) return null;
    if (!ids.includes(last.id)) ids.push(last.id);
  }
  return ids;
}

/** Entries that tried to meet a requirement (right tool, right environment), successful or not. */
export function attempts(requirement: EvidenceRequirement, ledger: LedgerView): LedgerEntry[] {
  return ledger.all().filter(
    (e) => e.kind === 'tool_call' && requirement.tools.includes(e.tool) && (!requirement.environment || (e.input as Obj | null)?.environment === requirement.environment),
  );
}

/** Requirements not met by any ledger entry, described. */
export function unmetRequirements(requirements: readonly EvidenceRequirement[], ledger: LedgerView): EvidenceRequirement[] {
  return requirements.filter((r) => !ledger.all().some((e) => meets(e, r)));
}
