import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/paths.js';
import { makeToolContext } from '../../../test/helpers/tool-context.js';
import { detectProjectTool } from '../detect-project.js';
import { detectProject } from './detect-project.js';

const projects = join(PACKAGE_ROOT, 'test', 'fixtures', 'projects');
const detect = (name: string, threshold = 85) => detectProject(join(projects, name), threshold);

describe('ci_detect_project', () => {
  it('reads pnpm from packageManager, jest with its own coverage threshold, Node from .nvmrc', () => {
    const d = detect('node-pnpm-jest');
    expect(d).toMatchObject({ language: 'typescript', ecosystem: 'node', packageManager: 'pnpm', testFramework: 'jest', coverageTool: 'jest (istanbul)', runtimeVersion: '22' });
    expect(d.commands.install).toEqual(['pnpm', 'install', '--frozen-lockfile']);
    expect(d.commands.test).toEqual(['pnpm', 'test']);
    expect(d.commands.build).toEqual(['pnpm', 'run', 'build']);
    expect(d.commands.lint).toEqual(['pnpm', 'run', 'lint']);
    expect(d.commands.coverage).toEqual(['pnpm', 'exec', 'jest', '--coverage', '--coverageThreshold={"global":{"lines":85}}']);
    expect(d.commands.security).toEqual(['pnpm', 'audit', '--audit-level', 'high']);
    expect(d.reasons.join('\n')).toContain('"packageManager": "pnpm@9.12.0"');
    expect(d.reasons.join('\n')).toContain('.nvmrc');
  });

  it('finds yarn from yarn.lock and says why vitest without a coverage provider has no gate', () => {
    const d = detect('node-yarn-vitest-no-coverage');
    expect(d).toMatchObject({ language: 'javascript', packageManager: 'yarn', testFramework: 'vitest', coverageTool: null, coverageReport: null });
    expect(d.commands.install).toEqual(['yarn', 'install', '--frozen-lockfile']);
    expect(d.commands.coverage).toEqual([]);
    expect(d.reasons.some((r) => r.includes('@vitest/coverage-v8'))).toBe(true);
  });

  it('passes the threshold from the config into the coverage command of this repository (npm + vitest + coverage-v8)', () => {
    const d = detectProject(PACKAGE_ROOT, 90);
    expect(d).toMatchObject({ packageManager: 'npm', testFramework: 'vitest', coverageTool: '@vitest/coverage-v8', coverageReport: 'reports/coverage' });
    expect(d.commands.install).toEqual(['npm', 'ci']);
    // scripts.test already ends with `vitest run --coverage`: only the threshold is appended after `--`.
    expect(d.commands.coverage).toEqual(['npm', 'test', '--', '--coverage.thresholds.lines=90']);
  });

  it('detects poetry with pytest-cov and its fail-under flag', () => {
    const d = detect('python-poetry-pytest-cov', 80);
    expect(d).toMatchObject({ language: 'python', packageManager: 'poetry', testFramework: 'pytest', coverageTool: 'pytest-cov', runtimeVersion: '3.11.9' });
    expect(d.commands.install).toEqual(['poetry', 'install', '--no-interaction']);
    expect(d.commands.coverage).toEqual(['poetry', 'run', 'python', '-m', 'pytest', '--cov', '--cov-report=term', '--cov-report=xml', '--cov-fail-under=80']);
    expect(d.commands.coverageCheck).toEqual([]);
  });

  it('detects uv with pytest under coverage.py and a separate report --fail-under gate', () => {
    const d = detect('python-uv-pytest-coverage');
    expect(d).toMatchObject({ packageManager: 'uv', testFramework: 'pytest', coverageTool: 'coverage.py', runtimeVersion: '3.12' });
    expect(d.commands.install).toEqual(['uv', 'sync', '--frozen']);
    expect(d.commands.coverage).toEqual(['uv', 'run', 'python', '-m', 'coverage', 'run', '-m', 'pytest']);
    expect(d.commands.coverageCheck).toEqual(['uv', 'run', 'python', '-m', 'coverage', 'report', '--fail-under=85']);
  });

  it("uses Django's manage.py test under coverage.py for a pip project", () => {
    const d = detect('django-pip');
    expect(d).toMatchObject({ packageManager: 'pip', testFramework: 'django', coverageTool: 'coverage.py' });
    expect(d.commands.install).toEqual(['python', '-m', 'pip', 'install', '-r', 'requirements.txt']);
    expect(d.commands.test).toEqual(['python', 'manage.py', 'test']);
    expect(d.commands.coverage).toEqual(['python', '-m', 'coverage', 'run', 'manage.py', 'test']);
    expect(d.commands.security[0]).toBe('bandit');
  });

  it('detects a Go module with testify and a shell coverage gate on the cover profile', () => {
    const d = detect('go-module', 75);
    expect(d).toMatchObject({ language: 'go', testFramework: 'go test (testify)', runtimeVersion: '1.23', coverageReport: 'coverage.out' });
    expect(d.commands.coverage).toEqual(['go', 'test', '-coverprofile=coverage.out', './...']);
    expect(d.commands.coverageCheck[0]).toBe('sh');
    expect(d.commands.coverageCheck[2]).toContain('min=75');
    expect(d.commands.security).toEqual(['govulncheck', './...']);
  });

  it('detects Maven with JUnit 5 and JaCoCo, preferring the mvnw wrapper', () => {
    const d = detect('java-maven-jacoco');
    expect(d).toMatchObject({ language: 'java', packageManager: 'maven', testFramework: 'junit5', coverageTool: 'jacoco', runtimeVersion: '17' });
    expect(d.commands.test).toEqual(['./mvnw', '-B', 'test']);
    expect(d.commands.coverageCheck[2]).toContain('target/site/jacoco/jacoco.csv');
  });

  it("detects Gradle (Kotlin DSL) and says the build file's own coverage minimum applies", () => {
    const d = detect('java-gradle-kts');
    expect(d).toMatchObject({ language: 'kotlin', packageManager: 'gradle', testFramework: 'junit5', coverageTool: 'jacoco', runtimeVersion: '21' });
    expect(d.commands.coverageCheck).toEqual(['./gradlew', 'jacocoTestCoverageVerification']);
    expect(d.commands.security).toEqual([]);
    expect(d.reasons.join('\n')).toMatch(/its own minimum applies/);
  });

  it('answers unknown, with the files it saw, for a docs-only directory', () => {
    const d = detect('unknown-docs');
    expect(d).toMatchObject({ language: 'unknown', ecosystem: 'unknown', packageManager: null, testFramework: null });
    expect(d.commands.test).toEqual([]);
    expect(d.reasons.join('\n')).toContain('README.md, docs');
  });

  it('fails clearly on a malformed package.json, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-detect-'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "x", }');
    expect(() => detectProject(dir, 85)).toThrow(/package\.json is not valid JSON/);
  });

  it('prefers the ecosystem that has tests when several are present', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-detect-'));
    cpSync(join(projects, 'django-pip'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'assets', scripts: { build: 'esbuild app.js' } }));
    const d = detectProject(dir, 85);
    expect(d.ecosystem).toBe('python');
    expect(d.reasons.at(-1)).toMatch(/also found node/);
  });

  describe('as a tool', () => {
    const ctx = makeToolContext({ repoDir: projects });
    afterAll(() => ctx.runtime.close());

    it('resolves path relative to the repository', async () => {
      const out = await detectProjectTool.handler({ path: 'go-module' }, ctx);
      expect(out.ecosystem).toBe('go');
      expect(detectProjectTool.output.parse(out)).toEqual(out);
    });

    it('refuses a path outside the repository and a missing directory', async () => {
      await expect(detectProjectTool.handler({ path: '../../..' }, ctx)).rejects.toThrow(/outside the repository/);
      await expect(detectProjectTool.handler({ path: 'no-such-dir' }, ctx)).rejects.toThrow(/does not exist/);
    });
  });
});
