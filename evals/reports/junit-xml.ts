/**
 * JUnit XML for CI: one testcase per scenario × provider (classname = provider). A failed hard gate or a crash in
 * any repeat is a <failure>; a wrong decision is reported in system-out (graded, not a gate).
 */
import type { EvalResult } from '../harness.js';
import { fmtScore } from './format.js';

const esc = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Render the result as a JUnit XML document. */
export function renderJunitXml(result: EvalResult): string {
  const cases = result.cases.map((c) => {
    const time = (c.runs.reduce((a, r) => a + r.durationMs, 0) / 1000).toFixed(3);
    const failures = c.runs.flatMap((r) => [
      ...(r.error ? [`run ${r.attempt}: crashed: ${r.error}`] : []),
      ...r.gates.filter((g) => !g.passed).map((g) => `run ${r.attempt}: ${g.name}: ${g.detail}`),
    ]);
    const out = [
      `decisions: ${c.runs.map((r) => r.decision ?? 'crash').join(', ')}; pass@1 ${c.passAt1.toFixed(2)}; pass^${result.repeat} ${c.passAllK}`,
      ...Object.entries(c.scores).map(([n, v]) => `${n}: ${fmtScore(v)}`),
    ].join('\n');
    const failure = failures.length ? `\n      <failure message="${esc(failures[0]!)}" type="hard-gate">${esc(failures.join('\n'))}</failure>` : '';
    return `    <testcase name="${esc(c.scenario)}" classname="${esc(`evals.${c.provider}`)}" time="${time}">${failure}\n      <system-out>${esc(out)}</system-out>\n    </testcase>`;
  });
  const problems = result.problems.map(
    (p) => `    <testcase name="${esc(p.file)}" classname="evals.scenario-files" time="0">\n      <error message="${esc(`${p.field ?? '(file)'}: ${p.message}`)}" type="invalid-scenario"/>\n    </testcase>`,
  );
  const failures = result.cases.filter((c) => !c.gatesPassed).length;
  const tests = result.cases.length + result.problems.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sre-agent evals" tests="${tests}" failures="${failures}" errors="${result.problems.length}" time="${(result.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="evals" tests="${tests}" failures="${failures}" errors="${result.problems.length}" timestamp="${result.startedAt}">`,
    ...cases,
    ...problems,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
