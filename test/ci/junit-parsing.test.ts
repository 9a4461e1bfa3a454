import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJunit } from '../../tools/ci/junit/parse-junit.js';
import { readJunitFiles } from '../../tools/ci/junit/read-junit-files.js';
import { isSreError } from '../../src/errors.js';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/junit', name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

/** The error a call throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error & { context?: { file?: string; line?: number } } {
  try {
    fn();
  } catch (error) {
    return error as Error & { context?: { file?: string; line?: number } };
  }
  throw new Error('expected an error, none was thrown');
}

describe('JUnit counts from <testcase> elements (figures from fixtures/LOG.md)', () => {
  const cases: [string, { total: number; passed: number; failed: number; errors: number; skipped: number }, number][] = [
    ['go-junit-report-dorny.xml', { total: 5, passed: 2, failed: 2, errors: 0, skipped: 1 }, 3],
    ['pytest-tb-short.xml', { total: 1, passed: 0, failed: 1, errors: 0, skipped: 0 }, 1],
    ['pytest-horovod-skipped-oneline.xml', { total: 14, passed: 10, failed: 0, errors: 0, skipped: 4 }, 1],
    ['jest-junit-dorny.xml', { total: 6, passed: 1, failed: 4, errors: 0, skipped: 1 }, 2],
    ['surefire-email-errors-unicode.xml', { total: 9, passed: 2, failed: 2, errors: 5, skipped: 0 }, 1],
    ['bun-nested-testsuites.xml', { total: 3, passed: 2, failed: 1, errors: 0, skipped: 0 }, 3],
    ['no-attributes.xml', { total: 4, passed: 1, failed: 1, errors: 1, skipped: 1 }, 1],
    ['issue-dorny-test-reporter-215.xml', { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, 1],
    ['issue-EnricoMi-publish-unit-test-result-action-24.xml', { total: 1, passed: 0, failed: 0, errors: 0, skipped: 1 }, 1],
  ];
  it.each(cases)('%s gives its expected counts and suite count', (name, tests, suites) => {
    const result = parseJunit(read(name), name);
    expect(result.tests).toEqual(tests);
    expect(result.suites).toBe(suites);
  });

  it('flags go-junit-report package3, whose tests="1" hides 4 test cases', () => {
    const result = parseJunit(read('go-junit-report-dorny.xml'), 'go.xml');
    expect(result.warnings).toEqual([expect.stringContaining('"github.com/company/package3" declares tests="1" but holds 4')]);
  });

  it('names each jest failure with its suite, including the suite literally called "undefined"', () => {
    const result = parseJunit(read('jest-junit-dorny.xml'), 'jest.xml');
    expect(result.failures.filter((f) => f.suite === 'Test 1')).toHaveLength(3);
    expect(result.failures.filter((f) => f.suite === 'undefined')).toHaveLength(1);
    // No message attribute: the first line of the body is the message.
    expect(result.failures[0]).toMatchObject({ kind: 'failure', message: 'Error: expect(received).toBeTruthy()' });
  });

  it('keeps unicode and decoded entities in Surefire error messages, and tells errors from failures', () => {
    const result = parseJunit(read('surefire-email-errors-unicode.xml'), 'surefire.xml');
    expect(result.failures.map((f) => f.message)).toContain("Invalid email address 😋 'Abc\\@def@example.com'");
    expect(result.failures.filter((f) => f.kind === 'error')).toHaveLength(5);
    expect(result.failures.filter((f) => f.kind === 'failure')).toHaveLength(2);
  });

  it('decodes a double-escaped classname once, as XML says, and uses the failure type when there is no message', () => {
    const [failure] = parseJunit(read('bun-nested-testsuites.xml'), 'bun.xml').failures;
    expect(failure).toMatchObject({ suite: 'negative', name: 'fails', classname: 'negative &gt; add', message: 'AssertionError' });
  });

  it('reads a CDATA failure body from go-junit-report', () => {
    const go = parseJunit(read('go-junit-report-dorny.xml'), 'go.xml');
    expect(go.failures.map((f) => f.message)).toEqual(['Failed', 'Failed']);
  });

  it('does not count Surefire flakyFailure/rerunFailure as failures (only the final <failure>)', () => {
    const xml = `<testsuite name="s">
      <testcase name="flaky-then-passed"><flakyFailure message="first try"/><rerunFailure message="second"/></testcase>
      <testcase name="failed-after-reruns"><failure message="still broken"/><rerunFailure message="again"/></testcase>
      <testcase name="flaky-error"><flakyError message="boom"/></testcase>
    </testsuite>`;
    const result = parseJunit(xml, 'surefire-rerun.xml');
    expect(result.tests).toEqual({ total: 3, passed: 2, failed: 1, errors: 0, skipped: 0 });
    expect(result.failures).toEqual([{ suite: 's', name: 'failed-after-reruns', classname: '', kind: 'failure', message: 'still broken' }]);
  });

  it('counts gtest disabled tests (status="notrun", no <skipped> child) as skipped', () => {
    const xml = '<testsuites><testsuite name="g"><testcase name="DISABLED_x" status="notrun" result="suppressed"/><testcase name="ok" status="run" result="completed"/></testsuite></testsuites>';
    expect(parseJunit(xml, 'gtest.xml').tests).toEqual({ total: 2, passed: 1, failed: 0, errors: 0, skipped: 1 });
  });

  it('caps the failure list but still counts every failure', () => {
    const cases = Array.from({ length: 8 }, (_, i) => `<testcase name="t${i}"><failure message="m${i}"/></testcase>`).join('');
    const result = parseJunit(`<testsuite>${cases}</testsuite>`, 'many.xml', { maxFailures: 3 });
    expect(result.tests.failed).toBe(8);
    expect(result.failures).toHaveLength(3);
    expect(result.failuresOmitted).toBe(5);
  });

  it('sums several files', () => {
    const result = readJunitFiles([fixture('jest-junit-dorny.xml'), fixture('surefire-email-errors-unicode.xml')]);
    expect(result.tests).toEqual({ total: 15, passed: 3, failed: 6, errors: 5, skipped: 1 });
    expect(result.suites).toBe(3);
  });
});

describe('malformed JUnit XML fails with the file and line', () => {
  it('a truncated file names the element left open and where it opened', () => {
    const text = read('surefire-email-errors-unicode.xml');
    const cut = text.slice(0, text.indexOf('<testcase name="shouldNotBeBlank"'));
    const error = thrown(() => parseJunit(cut, 'cut.xml'));
    expect(isSreError(error)).toBe(true);
    expect(error.message).toMatch(/^cut\.xml:\d+:\d+: malformed XML: the file ends while <testsuite> \(opened at line 2\) is still open/);
    expect(error.context).toMatchObject({ file: 'cut.xml' });
  });

  it('a mismatched closing tag is reported on its own line', () => {
    const xml = '<testsuites>\n  <testsuite name="a">\n    <testcase name="x">\n    </testsuite>\n</testsuites>\n';
    const error = thrown(() => parseJunit(xml, 'bad.xml'));
    expect(error.message).toBe('bad.xml:4:5: malformed XML: expected </testcase> (opened at line 3), found </testsuite>');
    expect(error.context?.line).toBe(4);
  });

  it('a bare "&" in a message attribute is reported at its line', () => {
    const xml = '<testsuite>\n<testcase name="a"/>\n<testcase name="b"><failure message="x & y"/></testcase>\n</testsuite>';
    expect(thrown(() => parseJunit(xml, 'amp.xml')).message).toMatch(/^amp\.xml:3:\d+: malformed XML: a bare "&"/);
  });

  it('an unquoted attribute, a second root and text after the root are errors', () => {
    expect(thrown(() => parseJunit('<testsuite tests=3></testsuite>', 'q.xml')).message).toMatch(/q\.xml:1:18: malformed XML: expected a quoted value for attribute tests/);
    expect(thrown(() => parseJunit('<testsuite/>\n<testsuite/>', 'two.xml')).message).toMatch(/two\.xml:2:1: .*a second root element/);
    expect(thrown(() => parseJunit('<testsuite/>\ntrailing', 't.xml')).message).toMatch(/t\.xml:2:1: .*text outside the root element/);
  });

  it('an empty file and a non-JUnit document are refused, naming the file', () => {
    expect(thrown(() => parseJunit('', 'empty.xml')).message).toMatch(/empty\.xml:1:1: malformed XML: no root element/);
    expect(thrown(() => parseJunit(read('../coverage/cobertura-coveragepy-conditions.xml'), 'cov.xml')).message).toBe(
      'cov.xml: expected a JUnit XML document (root <testsuites> or <testsuite>), found root <coverage>',
    );
  });

  it('does not expand entities declared in a DOCTYPE (no XXE, no entity bombs)', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<testsuite><testcase name="&x;"/></testsuite>';
    expect(thrown(() => parseJunit(xml, 'xxe.xml')).message).toMatch(/xxe\.xml:3:\d+: malformed XML: an unknown entity "&x;"/);
  });

  it('a missing file names the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junit-'));
    writeFileSync(join(dir, 'ok.xml'), '<testsuite><testcase name="a"/></testsuite>');
    const error = thrown(() => readJunitFiles([join(dir, 'ok.xml'), join(dir, 'nope.xml')]));
    expect(error.message).toBe(`JUnit XML file ${join(dir, 'nope.xml')}: expected a readable file, but it does not exist`);
  });
});
