import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCoverage, readCoverage } from '../../tools/ci/coverage/read-coverage.js';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/coverage', name);

function thrown(fn: () => unknown): Error & { context?: { file?: string; line?: number } } {
  try {
    fn();
  } catch (error) {
    return error as Error & { context?: { file?: string; line?: number } };
  }
  throw new Error('expected an error, none was thrown');
}

describe('coverage figures from each real report (fixtures/LOG.md)', () => {
  it('istanbul lcov: lines 38/38, branches 6/10 = 60%, functions 13/13, 2 files', () => {
    const r = readCoverage(fixture('lcov-istanbul-branches.info'));
    expect(r).toMatchObject({
      format: 'lcov',
      lines: { covered: 38, total: 38, pct: 100 },
      branches: { covered: 6, total: 10, pct: 60 },
      functions: { covered: 13, total: 13, pct: 100 },
      files: 2,
    });
  });

  it('coveralls lcov: u64-max hits stay a hit, the record without LF/LH is computed from DA: 111/113 = 98.23%', () => {
    const r = readCoverage(fixture('lcov-coveralls-u64-hits.info'));
    expect(r.lines).toEqual({ covered: 111, total: 113, pct: 98.23 });
    expect(r.files).toBe(2);
    expect(r.warnings).toEqual([expect.stringContaining('hit count 18446744073709551615 is beyond 2^53')]);
  });

  it('bazel coverage.dat is recognised as LCOV from its content: 1/2 = 50%', () => {
    const r = readCoverage(fixture('issue-coverallsapp-coverage-reporter-127.coverage.dat'));
    expect(r).toMatchObject({ format: 'lcov', lines: { covered: 1, total: 2, pct: 50 }, files: 1 });
  });

  it('coverage.py Cobertura: lines 5/6 = 83.33%, branches 4/9 = 44.44% from counts, not branch-rate 0.4', () => {
    const r = readCoverage(fixture('cobertura-coveragepy-conditions.xml'));
    expect(r.lines).toEqual({ covered: 5, total: 6, pct: 83.33 });
    expect(r.branches).toEqual({ covered: 4, total: 9, pct: 44.44 });
    expect(r.warnings).toEqual([expect.stringContaining('branch-rate="0.4" disagrees with branches 4/9')]);
  });

  it('Java Cobertura: lines listed under <method> and <class> count once, per class, like Cobertura: 17/22 = 77.27%', () => {
    const r = readCoverage(fixture('cobertura-java-method-class-duplicates.xml'));
    expect(r.lines).toEqual({ covered: 17, total: 22, pct: 77.27 });
    expect(r.branches).toEqual({ covered: 1, total: 2, pct: 50 });
    expect(r.files).toBe(3);
    expect(r.warnings).toEqual([]); // agrees with the root lines-covered/lines-valid
  });

  it('Istanbul summary with "pct":"Unknown" and a Windows path key: lines 25/25, 1 file', () => {
    const r = readCoverage(fixture('istanbul-summary-windows-paths-unknown-pct.json'));
    expect(r).toMatchObject({ format: 'istanbul-summary', lines: { covered: 25, total: 25, pct: 100 }, branches: { covered: 24, total: 24, pct: 100 }, files: 1 });
  });

  it('Istanbul summary with 4 files: lines 48/48, branches 12/14 = 85.71%, functions 16/16', () => {
    const r = readCoverage(fixture('istanbul-summary-multi-file.json'));
    expect(r).toMatchObject({ lines: { covered: 48, total: 48, pct: 100 }, branches: { covered: 12, total: 14, pct: 85.71 }, functions: { covered: 16, total: 16 }, files: 4 });
  });

  it('coverage.py JSON with branches: lines are statements 9/14 = 64.29%, not the combined percent_covered 58.33', () => {
    const r = readCoverage(fixture('coveragepy-6.5-branch.json'));
    expect(r).toMatchObject({ format: 'coveragepy-json', lines: { covered: 9, total: 14, pct: 64.29 }, branches: { covered: 5, total: 10, pct: 50 }, reportedPct: 58.33, files: 1 });
  });
});

describe('LCOV details', () => {
  it('merges records of the same file (a line is covered if any record hit it) and counts BRDA "-" as not taken', () => {
    const text = ['TN:unit', 'SF:a.js', 'DA:1,0', 'DA:2,0', 'BRDA:1,0,0,-', 'BRDA:1,0,1,2', 'end_of_record', 'TN:e2e', 'SF:a.js', 'DA:1,3', 'DA:2,0', 'BRDA:1,0,0,1', 'end_of_record', ''].join('\n');
    const r = parseCoverage(text, 'merged.info');
    expect(r.lines).toEqual({ covered: 1, total: 2, pct: 50 });
    expect(r.branches).toEqual({ covered: 2, total: 2, pct: 100 });
    expect(r.files).toBe(1);
  });

  it('uses LF/LH only for a record that has no DA lines', () => {
    const r = parseCoverage('SF:summary-only.c\nLF:10\nLH:7\nend_of_record\nSF:b.c\nDA:1,1\nDA:2,0\nLF:99\nLH:99\nend_of_record\n', 'mixed.info');
    expect(r.lines).toEqual({ covered: 8, total: 12, pct: 66.67 });
  });

  it('reads lcov 2 FNA function records and CRLF line ends', () => {
    const r = parseCoverage('SF:x.c\r\nFNL:0,3,9\r\nFNA:0,0,main\r\nFNL:1,10\r\nFNA:1,4,helper\r\nDA:3,1\r\nend_of_record\r\n', 'v2.info');
    expect(r.functions).toEqual({ covered: 1, total: 2, pct: 50 });
    expect(r.lines.pct).toBe(100);
  });

  it('a malformed DA line fails with its line number', () => {
    const error = thrown(() => parseCoverage('TN:\nSF:a.js\nDA:1,1\nDA:two,1\nend_of_record\n', 'bad.info', 'lcov'));
    expect(error.message).toBe('bad.info:4: malformed LCOV: expected "DA:<line>,<hits>", found "DA:two,1"');
    expect(error.context).toMatchObject({ file: 'bad.info', line: 4 });
  });
});

describe('Cobertura and file-level oddities', () => {
  it('reads a file that starts with a BOM and a capitalised branch="True" (coverlet style)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cov-'));
    const file = join(dir, 'coverage.cobertura.xml');
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<coverage line-rate="0.5" branch-rate="0.25" version="1.9" timestamp="1">\n<packages><package name="App"><classes>' +
      '<class name="App.Calc" filename="Calc.cs"><methods/><lines><line number="3" hits="2" branch="True" condition-coverage="25% (1/4)"/><line number="4" hits="0" branch="False"/></lines></class>' +
      '</classes></package></packages>\n</coverage>\n';
    writeFileSync(file, `\uFEFF${xml}`);
    const r = readCoverage(file);
    expect(r).toMatchObject({ format: 'cobertura', lines: { covered: 1, total: 2, pct: 50 }, branches: { covered: 1, total: 4, pct: 25 }, files: 1 });
  });

  it('a <line> without hits fails, naming the line of the file', () => {
    const xml = '<coverage>\n<packages><package><classes><class name="A" filename="a.py"><lines>\n<line number="1"/>\n</lines></class></classes></package></packages></coverage>';
    const error = thrown(() => parseCoverage(xml, 'nohits.xml'));
    expect(error.message).toBe('nohits.xml:3: unexpected Cobertura content: <line number="1"> in class "A" has no numeric hits attribute');
    expect(error.context?.line).toBe(3);
  });
});

describe('format detection and errors', () => {
  it('an explicit format overrides detection, and a wrong one fails clearly', () => {
    const text = readFileSync(fixture('issue-coverallsapp-coverage-reporter-127.coverage.dat'), 'utf8');
    expect(parseCoverage(text, 'coverage.dat', 'lcov').lines.pct).toBe(50);
    expect(thrown(() => parseCoverage(text, 'coverage.dat', 'cobertura')).message).toMatch(/^coverage\.dat:1:1: malformed XML/);
  });

  it('an unknown format name lists the known formats', () => {
    expect(thrown(() => parseCoverage('x', 'c.txt', 'jacoco')).message).toBe('c.txt: unknown coverage format "jacoco"; known formats: lcov, cobertura, coveragepy-json, istanbul-summary');
  });

  it('content in no known format lists the known formats', () => {
    expect(thrown(() => parseCoverage('{"result": []}', 'c8.json')).message).toMatch(/^c8\.json: cannot tell which coverage format .*known formats: lcov, cobertura, coveragepy-json, istanbul-summary/);
    expect(thrown(() => parseCoverage('<report name="jacoco"/>', 'jacoco.xml')).message).toMatch(/known formats/);
  });

  it('malformed JSON fails with the line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cov-'));
    const file = join(dir, 'coverage-summary.json');
    writeFileSync(file, '{"total": {\n  "lines": {"total": 3, "covered": 2,, "pct": 66.67}\n}}\n');
    const error = thrown(() => readCoverage(file));
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: coverage report is not valid JSON`));
    expect(error.context?.line).toBe(2);
  });

  it('a truncated Cobertura file fails with a line number', () => {
    const text = readFileSync(fixture('cobertura-coveragepy-conditions.xml'), 'utf8');
    expect(thrown(() => parseCoverage(text.slice(0, 700), 'cut.xml')).message).toMatch(/^cut\.xml:\d+:\d+: malformed XML: /);
  });

  it('an Istanbul summary whose lines are not counts is refused, naming the field', () => {
    expect(thrown(() => parseCoverage('{"total": {"lines": {"total": "many", "covered": 1, "pct": 1}}}', 's.json')).message).toMatch(/^s\.json: expected total\.lines to be \{covered, total, pct\}/);
  });
});
