import { describe, expect, it } from 'vitest';
import { parseYaml, pointerToPath } from './yaml-document.js';

describe('YAML 1.2 pipeline parsing', () => {
  it('keeps `on` a string key (YAML 1.1 would make it true)', () => {
    expect(parseYaml('on: push\n').value).toEqual({ on: 'push' });
  });

  it('reports duplicate keys at any depth with both lines, keeping the last value', () => {
    const parsed = parseYaml('jobs:\n  a:\n    x: 1\n    x: 2\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.duplicates).toEqual([{ key: 'x', parent: 'jobs.a', firstLine: 3, line: 4 }]);
    expect(parsed.value).toEqual({ jobs: { a: { x: 2 } } });
  });

  it('resolves merge keys and maps value paths and JSON pointers back to lines', () => {
    const parsed = parseYaml('.t: &t\n  stage: test\njob:\n  <<: *t\n  script:\n    - make\n    - make check\n');
    expect(parsed.value).toMatchObject({ job: { stage: 'test', script: ['make', 'make check'] } });
    expect(parsed.lineOf(['job', 'script', 1])).toBe(7);
    expect(parsed.lineOf(pointerToPath('/job/script/0'))).toBe(6);
    // A missing key falls back to its nearest existing ancestor.
    expect(parsed.lineOf(['job', 'runs-on'])).toBe(3);
  });

  it('returns syntax errors with lines instead of throwing', () => {
    const parsed = parseYaml('a: [1, 2\nb: 3\n');
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors[0]!.line).toBeGreaterThanOrEqual(1);
    expect(parsed.value).toBeNull();
  });

  it('unescapes JSON pointer parts', () => {
    expect(pointerToPath('/jobs/a~1b/c~0d')).toEqual(['jobs', 'a/b', 'c~d']);
  });
});
