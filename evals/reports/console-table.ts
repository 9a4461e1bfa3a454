/** The console table: one row per scenario × provider, then one summary row per provider. */
import type { EvalResult } from '../harness.js';
import { fmtPercent, fmtScore, scoreNames } from './format.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Render the result as plain-text tables. */
export function renderConsoleTable(result: EvalResult): string {
  const names = scoreNames(result.cases.map((c) => c.scores));
  const k = result.repeat;
  const header = ['scenario', 'provider', 'gates', 'decision', 'pass@1', `pass^${k}`, ...names, 'ms'];
  const rows = result.cases.map((c) => {
    const decisions = [...new Set(c.runs.map((r) => r.decision ?? 'crash'))].join('/');
    const ms = Math.round(c.runs.reduce((a, r) => a + r.durationMs, 0) / Math.max(1, c.runs.length));
    return [c.scenario, c.provider, c.gatesPassed ? 'ok' : 'FAIL', decisions, fmtPercent(c.passAt1), c.passAllK ? 'yes' : 'no', ...names.map((n) => fmtScore(c.scores[n])), String(ms)];
  });
  const summaryHeader = ['provider', 'scenarios', 'gate failures', 'crashes', 'pass@1', `pass^${k}`, ...names];
  const summary = result.providers.map((p) => [
    p.provider,
    String(p.scenarios),
    String(p.gateFailures),
    String(p.crashes),
    fmtPercent(p.passAt1),
    fmtPercent(p.passAllK),
    ...names.map((n) => fmtScore(p.scores[n])),
  ]);
  const problems = result.problems.map((p) => `invalid scenario ${p.file}${p.field ? ` (field ${p.field})` : ''}: ${p.message}`);
  return [table([header, ...rows]), '', table([summaryHeader, ...summary]), ...(problems.length ? ['', ...problems] : []), '', `${result.cases.length} case(s) in ${(result.durationMs / 1000).toFixed(1)} s`].join('\n');
}
