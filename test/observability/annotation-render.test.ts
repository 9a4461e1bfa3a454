/** Our annotation renderer must print values exactly as Prometheus does: checked against the real promtool. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatG4, humanizeDuration, humanizePercentage, renderAnnotation } from '../../tools/observability/annotation-render.js';
import { testRules } from '../../tools/observability/promtool.js';
import { promtoolMissing } from './helpers/services.js';

const skip = await promtoolMissing();

describe('renderAnnotation', () => {
  it('formats like Go for the values our rules produce', () => {
    expect(formatG4(20.000000000000004)).toBe('20');
    expect(formatG4(2.425)).toBe('2.425');
    expect(formatG4(12345)).toBe('1.234e+04');
    expect(formatG4(0.00001234)).toBe('1.234e-05');
    expect(formatG4(2.0625)).toBe('2.062'); // an exact tie: Go rounds to even
    expect(formatG4(-0.5)).toBe('-0.5');
    expect(humanizePercentage(0.1)).toBe('10%');
    expect(humanizeDuration(0.975)).toBe('975ms');
    expect(humanizeDuration(90)).toBe('1m 30s');
  });

  it('refuses template constructs it cannot predict', () => {
    expect(() => renderAnnotation('{{ $value | humanize }}', {}, 1)).toThrow(/outside the subset/);
    expect(renderAnnotation('{{ $labels.job }} / {{ $labels.none }}', { job: 'demo' }, 0)).toBe('demo / <no value>');
  });

  it.skipIf(skip)('agrees with promtool on 29 values across ranges', async () => {
    const values = [0, 0.0005, 0.001234, 0.01, 0.0725, 0.1, 0.2, 0.25, 0.5, 0.95, 0.975, 1, 1.5, 2.425, 9.99999, 10, 59.9, 60, 90, 3600, 3725.5, 86400, 123456, 0.333333, 12345, 2.0625, 0.0020625, 9999.5, 99995];
    const rules = {
      groups: [
        {
          name: 'render',
          rules: values.map((v, i) => ({
            alert: `Render${i}`,
            expr: `vector(${v}) >= 0`,
            annotations: { p: '{{ $value | humanizePercentage }}', d: '{{ $value | humanizeDuration }}' },
          })),
        },
      ],
    };
    const tests = {
      rule_files: ['render.rules.yml'],
      tests: [
        {
          interval: '1m',
          input_series: [],
          alert_rule_test: values.map((v, i) => ({
            eval_time: '1m',
            alertname: `Render${i}`,
            exp_alerts: [{ exp_labels: {}, exp_annotations: { p: renderAnnotation('{{ $value | humanizePercentage }}', {}, v), d: renderAnnotation('{{ $value | humanizeDuration }}', {}, v) } }],
          })),
        },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'sre-render-'));
    writeFileSync(join(dir, 'render.rules.yml'), stringify(rules));
    writeFileSync(join(dir, 'render.test.yml'), stringify(tests));
    const result = await testRules(join(dir, 'render.test.yml'));
    expect(result.output).toMatch(/SUCCESS/);
    expect(result.ok).toBe(true);
  });
});
