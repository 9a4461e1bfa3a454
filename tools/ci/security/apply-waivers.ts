/** Security gate: no critical or high finding unless sre.yaml waives it by id (ci.securityWaivers) with a reason. */
import type { SecurityFinding } from './security-result.js';

export interface Waiver {
  id: string;
  reason: string;
}

export interface WaiverOutcome {
  /** Findings a waiver covers, with the waiver's reason. */
  waived: { id: string; reason: string; severity: SecurityFinding['severity']; package?: string }[];
  /** Waivers that matched nothing (stale: the advisory is gone, or the id is mistyped). */
  unusedWaivers: string[];
  /** Critical/high findings not waived: these fail the gate. */
  blocking: SecurityFinding[];
}

/** Match waivers to findings by id or alias (case-insensitive). */
export function applyWaivers(findings: readonly SecurityFinding[], waivers: readonly Waiver[]): WaiverOutcome {
  const byId = new Map(waivers.map((w) => [w.id.toLowerCase(), w]));
  const used = new Set<string>();
  const waived: WaiverOutcome['waived'] = [];
  const blocking: SecurityFinding[] = [];
  for (const finding of findings) {
    const waiver = [finding.id, ...(finding.aliases ?? [])].map((id) => byId.get(id.toLowerCase())).find(Boolean);
    if (waiver) {
      used.add(waiver.id.toLowerCase());
      waived.push({ id: finding.id, reason: waiver.reason, severity: finding.severity, ...(finding.package ? { package: finding.package } : {}) });
    } else if (finding.severity === 'critical' || finding.severity === 'high') blocking.push(finding);
  }
  return { waived, unusedWaivers: waivers.filter((w) => !used.has(w.id.toLowerCase())).map((w) => w.id), blocking };
}
