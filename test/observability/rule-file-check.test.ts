/** The rules-file validator on real community rules, the prometheus#4634 template bug, and malformed input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSelectors, metricNames } from '../../tools/observability/promql-selectors.js';
import { checkRulesFile } from '../../tools/observability/rule-file-check.js';
import { checkAlertTemplate } from '../../tools/observability/template-check.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/alerts/${name}`, import.meta.url), 'utf8');

describe('checkRulesFile', () => {
  it('reads the awesome-prometheus-alerts blackbox rules: 9 rules, 4 critical and 5 warning, no errors', () => {
    const report = checkRulesFile(fixture('awesome-blackbox-exporter.rules.yml'), 'blackbox.yml');
    expect(report.groups).toBe(1);
    expect(report.rules).toHaveLength(9);
    expect(report.rules.filter((r) => r.severity === 'critical')).toHaveLength(4);
    expect(report.rules.filter((r) => r.severity === 'warning')).toHaveLength(5);
    expect(report.rules[0]).toEqual({ group: 'BlackboxExporter', kind: 'alert', name: 'BlackboxProbeFailed', severity: 'critical', expr: 'probe_success == 0', for: '0m' });
    expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
    // `{{ $labels }}` prints Go's map[...] dump: worth a note, not an error.
    expect(report.findings.filter((f) => f.level === 'info')).toHaveLength(9);
    expect(report.findings[0]!.message).toMatch(/prints the whole label map/);
  });

  it('flags {{ .group }} from prometheus#4634, which promtool accepts', () => {
    const report = checkRulesFile(fixture('issue-prometheus-4634.rules.yml'), 'puppet.yml');
    expect(report.rules.map((r) => r.name)).toEqual(['k8s_puppet_inconsistent_environment']);
    const errors = report.findings.filter((f) => f.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.rule).toBe('k8s_puppet_inconsistent_environment');
    expect(errors[0]!.message).toMatch(/annotations\.summary: \{\{ \.group \}\} reads \.group.*use \{\{ \$labels\.group \}\}/);
  });

  it('rejects malformed YAML with the line number', () => {
    expect(() => checkRulesFile('groups:\n  - name: a\n    rules:\n      - alert: X\n       expr: up == 0\n', 'bad.yml')).toThrow(/bad\.yml line 5: not valid YAML/);
  });

  it('rejects a file that is not a rules file', () => {
    expect(() => checkRulesFile('scrape_configs: []\n', 'prometheus.yml')).toThrow(/expected a Prometheus rules file with a top-level "groups:" list, found keys scrape_configs/);
  });

  it('reports rules without expr or name, and PromQL the grammar rejects', () => {
    const report = checkRulesFile('groups:\n  - name: g\n    rules:\n      - alert: A\n      - expr: up\n      - alert: B\n        expr: sum(rate(x[5m]) by\n', 'x.yml');
    expect(report.findings.map((f) => f.message)).toEqual([
      'groups[0].rules[0] (A) has no "expr:"',
      'groups[0].rules[1] has neither "alert:" nor "record:"',
      expect.stringMatching(/groups\[0\]\.rules\[2\] \(B\) expr: PromQL syntax error at character \d+/),
      'groups[0].rules[2] (B) has no severity label to route on',
    ]);
  });
});

describe('checkAlertTemplate', () => {
  it('accepts what alert templates really have', () => {
    for (const ok of [
      '{{ $labels.instance }} is {{ $value | humanizePercentage }}',
      '{{ .Labels.job }} = {{ .Value }} ({{ $externalLabels.cluster }}, {{ $externalURL }})',
      '{{ range query "up == 0" }}{{ .Labels.instance }} {{ .Value }}{{ end }}',
      '{{ with $x := $labels.job }}{{ $x }}{{ end }}',
      '{{/* a comment with .field */}}ok',
      '{{ printf "%.2f" $value }} {{ "a .dot in a string" }}',
    ]) {
      expect(checkAlertTemplate(ok), ok).toEqual([]);
    }
  });

  it('flags fields the data does not have and undefined variables', () => {
    expect(checkAlertTemplate('{{ .group }}')[0]!.message).toMatch(/reads \.group/);
    expect(checkAlertTemplate('{{ .Value }} on {{ .instance }}')[0]!.message).toMatch(/reads \.instance/);
    expect(checkAlertTemplate('{{ $label.job }}')[0]!.message).toMatch(/undefined variable \$label/);
    expect(checkAlertTemplate('{{ range .Alerts }}{{ end }}')[0]!.message).toMatch(/reads \.Alerts/);
  });
});

describe('readSelectors', () => {
  it("reads metric names with Prometheus' grammar, not keywords or functions", () => {
    const names = checkRulesFile(fixture('awesome-blackbox-exporter.rules.yml'), 'b.yml').rules.flatMap((r) => metricNames(r.expr));
    expect([...new Set(names)].sort()).toEqual([
      'blackbox_exporter_config_last_reload_successful',
      'probe_duration_seconds',
      'probe_http_duration_seconds',
      'probe_http_status_code',
      'probe_icmp_duration_seconds',
      'probe_ssl_earliest_cert_expiry',
      'probe_success',
    ]);
  });

  it('reads __name__ matchers, label names and equality values', () => {
    expect(readSelectors('sum by (group) (rate({__name__="x_total", job="a", code=~"5.."}[5m]))').selectors).toEqual([
      { metric: 'x_total', labels: ['job', 'code'], equals: { job: 'a' } },
    ]);
  });
});
