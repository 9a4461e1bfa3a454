/** The library entry: `import { runStep } from 'sre-agent'` returns the typed report and step-8 handoff. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';

describe("import { runStep } from 'sre-agent'", () => {
  it('runs step 7 from the built package and returns a report and an SRE handoff valid against their schemas', async () => {
    const lib = await import('sre-agent');
    const fixtures = packagePath('test', 'fixtures', 'handoffs');
    const result = await lib.runStep({ handoff: join(fixtures, 'qa-handoff.yaml'), config: join(fixtures, 'sre.yaml'), out: mkdtempSync(join(tmpdir(), 'lib-')) });
    expect(lib.Report.safeParse(result.report).success).toBe(true);
    expect(lib.SreHandoff.safeParse(result.sreHandoff).success).toBe(true);
    expect(result.exitCode).toBe(2);
    expect(result.report.pipeline.tests).toMatchObject({ passed: 2, failed: 2, skipped: 1, total: 5 });
  });
});
