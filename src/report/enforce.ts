/**
 * The enforcer: the only judge of a report's verdict. It validates the report with the zod schema and against
 * the ledger; a report that fails either check becomes `blocked` with every reason. Never delivered by mistake.
 */
import { CHECKLIST_ITEMS, CHECKLIST_KEYS } from '../../schemas/checklist.js';
import type { SreConfig } from '../../schemas/config.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import { Report } from '../../schemas/report.js';
import type { LedgerView } from '../../tools/tool.js';
import { checkCitations } from './evidence-check.js';
import { DELIVERY_GATES, EVIDENCE_RULES } from './evidence-rules.js';
import { checkFigures } from './figure-check.js';

export interface EnforceContext {
  ledger: LedgerView;
  handoff: QaHandoff | null;
  config: SreConfig;
}

export interface EnforceResult {
  /** True when the report passed every check unchanged. */
  accepted: boolean;
  /** Every problem found, each naming the field and what the ledger says. */
  violations: string[];
  /** The report to publish: the candidate, corrected and blocked when it failed; null when it was not even schema-valid. */
  report: Report | null;
}

const DONE_FLAGS = ['done', 'updated', 'active', 'tested', 'passed', 'configured'] as const;

/** Any section claiming something happened (done/updated/passed…) must cite existing successful entries. */
function checkClaims(value: unknown, path: string, ledger: LedgerView, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkClaims(item, `${path}[${i}]`, ledger, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  if (path.startsWith('checklist')) return; // checked against the evidence rules instead
  const evidence = Array.isArray(obj.evidence) ? (obj.evidence as string[]) : null;
  if (evidence) {
    for (const id of evidence) if (!ledger.all().some((e) => e.id === id)) out.push(`${path} cites ${id}, which is not in the ledger`);
    const claimsDone = DONE_FLAGS.some((flag) => obj[flag] === true);
    if (claimsDone) {
      const okCited = evidence.filter((id) => ledger.all().some((e) => e.id === id && e.ok));
      if (okCited.length === 0) out.push(`${path} claims it was done but cites no successful ledger entry`);
    }
  }
  for (const [key, child] of Object.entries(obj)) if (key !== 'evidence') checkClaims(child, path ? `${path}.${key}` : key, ledger, out);
}

/** Validate a candidate report (any JSON) against the schema and the evidence. */
export function enforceReport(candidate: unknown, ctx: EnforceContext): EnforceResult {
  const parsed = Report.safeParse(candidate);
  if (!parsed.success) {
    const violations = parsed.error.issues.map((i) => `report.${i.path.join('.') || '(root)'}: ${i.message}`);
    return { accepted: false, violations, report: null };
  }
  const report = structuredClone(parsed.data);
  const violations: string[] = [];

  for (const key of CHECKLIST_KEYS) {
    const item = report.checklist[key];
    if (!item.done) continue;
    const problems = checkCitations(item.evidence, EVIDENCE_RULES[key], ctx.ledger);
    if (problems.length > 0) {
      violations.push(...problems.map((p) => `checklist.${key} ("${CHECKLIST_ITEMS[key]}") is marked done but ${p}`));
      report.checklist[key] = { done: false, reason: `not proven by the ledger: ${problems.join('; ')}` };
    }
  }
  violations.push(...checkFigures(report, ctx.ledger, ctx.handoff, ctx.config));
  checkClaims({ ...report, checklist: undefined }, '', ctx.ledger, violations);

  if (report.status === 'delivered') {
    const notDone = CHECKLIST_KEYS.filter((k) => !report.checklist[k].done);
    for (const k of notDone) violations.push(`status is delivered but checklist.${k} ("${CHECKLIST_ITEMS[k]}") is not done`);
    for (const gate of DELIVERY_GATES) {
      const problems = checkCitations(
        ctx.ledger.all().filter((e) => e.ok && gate.tools.includes(e.tool)).map((e) => e.id),
        [gate],
        ctx.ledger,
      );
      if (problems.length > 0) violations.push(`status is delivered but the ledger lacks ${gate.describe}`);
    }
    if (report.blockingReasons.length > 0) violations.push('status is delivered but blockingReasons is not empty');
  } else if (report.blockingReasons.length === 0) {
    violations.push('status is blocked but no blocking reason is given');
  }

  if (violations.length === 0) return { accepted: true, violations, report };
  const reasons = [...report.blockingReasons.filter((r) => !violations.includes(r))];
  for (const k of CHECKLIST_KEYS) {
    const item = report.checklist[k];
    if (!item.done) {
      const line = `${CHECKLIST_ITEMS[k]}: ${item.reason}`;
      if (!reasons.includes(line)) reasons.push(line);
    }
  }
  for (const v of violations) if (!reasons.includes(v)) reasons.push(`report rejected by the enforcer: ${v}`);
  return { accepted: false, violations, report: { ...report, status: 'blocked', blockingReasons: reasons } };
}
