/**
 * A scenario's working copy in a temporary directory: the service repository as steps 1-6 leave it (git history
 * with the previous release tagged, CHANGELOG/README/DEPLOY docs, a CI workflow, QA artifacts), the QA handoff and
 * sre.yaml with the scenario's overrides on the eval base config (sim driver and metrics, loopback endpoints).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { ToolFailure } from '../src/errors.js';
import { packagePath } from '../src/paths.js';
import { runCommand } from '../tools/shared/run-command.js';
import { deepMerge } from './deep-merge.js';
import type { Scenario } from './scenario-schema.js';
import type { SimEndpoints } from './sim/sim-service.js';

/** Files every working copy gets unless the scenario replaces them (paths under evals/scenarios/). */
export const DEFAULT_FILES: Record<string, { from: string } | { text: string }> = {
  'qa/junit.xml': { from: 'artifacts/demo/junit-5-passed.xml' },
  'qa/lcov.info': { from: 'artifacts/demo/lcov-89.info' },
  'qa/npm-audit.json': { from: 'artifacts/demo/npm-audit-clean.json' },
  // What the CI test command "produces" when it runs (copied to reports/ by the command itself).
  'ci/junit.xml': { from: 'artifacts/demo/junit-5-passed.xml' },
  'ci/lcov.info': { from: 'artifacts/demo/lcov-89.info' },
  '.github/workflows/ci.yml': { from: 'artifacts/workflows/ci.yml' },
  'package.json': { text: `${JSON.stringify({ name: 'catalog-service', version: '1.2.0', private: true, type: 'module', scripts: { test: 'node --test' } }, null, 2)}\n` },
  'data/app.db': { text: 'catalog-v1.2.0\nitems: 42\n' },
  'CHANGELOG.md': { text: '# Changelog\n\nAll notable changes to this project are documented here.\n\n## [1.2.0] - 2025-10-01\n\n### Added\n\n- Catalog listing.\n' },
  'README.md': { text: '# Catalog service\n\nServes the product catalog.\n' },
  'docs/DEPLOY.md': { text: '# Deploy\n\nHow this service is deployed.\n' },
};

/** The QA handoff every scenario starts from: approved, claims that match the default artifacts. */
export const BASE_HANDOFF = {
  release: { version: '1.3.0', branch: 'main', previousVersion: '1.2.0' },
  qa: { verdict: 'approved', reasons: ['acceptance tests passed'] },
  claims: { tests: { passed: 5, failed: 0, skipped: 0, total: 5 }, coverage: { lines: 89.06 }, security: { critical: 0, high: 0, medium: 0, low: 0 } },
  migrations: [],
  featureFlags: [],
  artifacts: { junit: ['qa/junit.xml'], coverage: 'qa/lcov.info', coverageFormat: 'lcov', security: 'qa/npm-audit.json', securityFormat: 'npm-audit' },
};

/** Copies ci/ into reports/, as a test run would write its JUnit and coverage (fresh files, so not stale). */
const TEST_SCRIPT = "const fs=require('fs');fs.mkdirSync('reports',{recursive:true});for(const f of fs.readdirSync('ci'))fs.copyFileSync('ci/'+f,'reports/'+f)";

/** The eval base sre.yaml: the sim driver and metrics source, loopback endpoints, approvals given, short timeouts. */
export function baseConfig(serviceName: string, endpoints: SimEndpoints): Record<string, unknown> {
  return {
    service: { name: serviceName, repository: '.' },
    environments: { staging: { baseUrl: endpoints.staging, healthPath: '/health' }, production: { baseUrl: endpoints.production, healthPath: '/health' } },
    commands: {
      test: { run: ['node', '-e', TEST_SCRIPT], junit: ['reports/junit.xml'], coverage: 'reports/lcov.info', coverageFormat: 'lcov', timeoutMs: 20_000 },
      security: { report: 'qa/npm-audit.json', format: 'npm-audit' },
    },
    ci: { workflowPath: '.github/workflows/ci.yml' },
    deploy: { driver: 'sim', strategy: 'auto' },
    flags: { file: 'flags/{{environment}}.flagd.json' },
    backup: {
      directory: 'backups',
      extension: 'db',
      command: { run: ['node', '-e', "require('fs').copyFileSync('data/app.db', process.argv[1])", '{{file}}'] },
    },
    metrics: { source: 'sim' },
    docs: { apply: true },
    notify: { channels: [{ type: 'webhook', name: 'team', url: endpoints.webhook }] },
    approval: { production: 'approve', rollback: 'approve' },
    limits: { commandTimeoutMs: 20_000, httpTimeoutMs: 2_000, toolCallTimeoutMs: 20_000 },
  };
}

export interface Workspace {
  dir: string;
  configFile: string;
  handoffFile: string;
  commit: string;
  remove(): void;
}

async function git(dir: string, args: string[]): Promise<string> {
  // Fixed identities and dates: the same scenario gets the same commit hashes on every run (cached model answers cite them).
  const date = '2025-11-09T12:00:00Z';
  const env = { GIT_AUTHOR_NAME: 'Eval Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Eval Dev', GIT_COMMITTER_EMAIL: 'dev@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const result = await runCommand(['git', ...args], { cwd: dir, timeoutMs: 15_000, env });
  if (result.failure) throw new ToolFailure(`git ${args.join(' ')} failed in ${dir}: ${result.stderr.trim() || result.failure}`, { command: 'git' });
  return result.stdout.trim();
}

/** `from` relative to the scenario directory, else to the package's own evals/scenarios (the shared artifacts). */
function artifactPath(from: string, scenariosDir: string): string {
  const local = resolve(scenariosDir, from);
  if (existsSync(local)) return local;
  const shared = packagePath('evals', 'scenarios', from);
  if (existsSync(shared)) return shared;
  throw new ToolFailure(`scenario file source ${from} not found in ${scenariosDir} or ${dirname(shared)}`, { file: local });
}

function placeFile(dir: string, path: string, source: { from: string } | { text: string }, scenariosDir: string): void {
  const target = resolve(dir, path);
  if (!target.startsWith(`${dir}/`)) throw new ToolFailure(`scenario file path ${path} points outside the working copy`, { field: `files.${path}` });
  mkdirSync(dirname(target), { recursive: true });
  if ('text' in source) writeFileSync(target, source.text);
  else cpSync(artifactPath(source.from, scenariosDir), target);
}

/** Build the working copy for `scenario` (release commit on top of the tagged previous release). */
export async function createWorkspace(scenario: Scenario, endpoints: SimEndpoints, scenariosDir: string): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), `sre-eval-${scenario.name}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const merged = { ...DEFAULT_FILES, ...scenario.files };
    const files = Object.fromEntries(Object.entries(merged).filter((e): e is [string, { from: string } | { text: string }] => e[1] !== null));
    const releaseFiles = Object.keys(files).filter((p) => p.startsWith('qa/') || p.startsWith('ci/'));
    for (const [path, source] of Object.entries(files)) if (!releaseFiles.includes(path)) placeFile(dir, path, source, scenariosDir);
    writeFileSync(join(dir, '.gitignore'), 'reports/\nbackups/\n.sre-agent/\nout/\n');
    await git(dir, ['init', '-q', '-b', 'main']);
    await git(dir, ['add', '-A']);
    await git(dir, ['commit', '-q', '-m', 'feat: catalog listing']);
    await git(dir, ['tag', 'v1.2.0']);
    for (const path of releaseFiles) placeFile(dir, path, files[path]!, scenariosDir);
    await git(dir, ['add', '-A']);
    await git(dir, ['commit', '-q', '-m', `feat(api): release ${String((scenario.handoff.release as { version?: unknown } | undefined)?.version ?? '1.3.0')}`]);
    const commit = await git(dir, ['rev-parse', 'HEAD']);

    const handoff = deepMerge(BASE_HANDOFF, scenario.handoff);
    const release = (handoff.release ?? {}) as Record<string, unknown>;
    if (release.commit === undefined) handoff.release = { ...release, commit };
    const handoffFile = join(dir, 'qa-handoff.yaml');
    writeFileSync(handoffFile, stringify(handoff));
    const config = deepMerge(baseConfig(scenario.name.slice(0, 60), endpoints), scenario.config);
    const configFile = join(dir, 'sre.yaml');
    writeFileSync(configFile, stringify(config));
    return { dir, configFile, handoffFile, commit, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
