/** The Markdown summary: per-provider totals, then one row per scenario with what went wrong. */
import type { EvalResult } from '../harness.js';
import { fmtPercent, fmtScore, scoreNames } from './format.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Render the result as Markdown. */
export function renderMarkdownSummary(result: EvalResult, baselineNotes: string[] = []): string {
  const names = scoreNames(result.cases.map((c) => c.scores));
  const k = result.repeat;
  const lines = [`# Eval summary`, '', `${result.cases.length} case(s), ${k} repeat(s), ${(result.durationMs / 1000).toFixed(1)} s, started ${result.startedAt}.`, ''];
  lines.push(`| provider | scenarios | gate failures | crashes | pass@1 | pass^${k} | ${names.join(' | ')} |`);
  lines.push(`|---|---|---|---|---|---|${names.map(() => '---').join('|')}|`);
  for (const p of result.providers) {
    lines.push(`| ${p.provider} | ${p.scenarios} | ${p.gateFailures} | ${p.crashes} | ${fmtPercent(p.passAt1)} | ${fmtPercent(p.passAllK)} | ${names.map((n) => fmtScore(p.scores[n])).join(' | ')} |`);
  }
  lines.push('', '## Scenarios', '');
  lines.push(`| scenario | provider | gates | decision | pass@1 | ${names.join(' | ')} | notes |`);
  lines.push(`|---|---|---|---|---|${names.map(() => '---').join('|')}|---|`);
  for (const c of result.cases) {
    const notes = c.runs.flatMap((r) => [
      ...(r.error ? [`crash: ${r.error}`] : []),
      ...r.gates.filter((g) => !g.passed).map((g) => `${g.name}: ${g.detail}`),
      ...r.graded.filter((g) => g.score !== null && g.score < 1).map((g) => `${g.name}: ${g.detail}`),
    ]);
    const decisions = [...new Set(c.runs.map((r) => r.decision ?? 'crash'))].join('/');
    lines.push(`| ${c.scenario} | ${c.provider} | ${c.gatesPassed ? 'ok' : '**FAIL**'} | ${decisions} | ${fmtPercent(c.passAt1)} | ${names.map((n) => fmtScore(c.scores[n])).join(' | ')} | ${cell([...new Set(notes)].slice(0, 4).join('; '))} |`);
  }
  if (result.problems.length) {
    lines.push('', '## Invalid scenario files', '');
    for (const p of result.problems) lines.push(`- \`${p.file}\`${p.field ? ` field \`${p.field}\`` : ''}: ${p.message}`);
  }
  if (baselineNotes.length) lines.push('', '## Baseline', '', ...baselineNotes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
