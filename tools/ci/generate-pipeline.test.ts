import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SreConfigInput } from '../../schemas/config.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { MINIMAL_CONFIG, makeToolContext } from '../../test/helpers/tool-context.js';
import { generatePipelineTool } from './generate-pipeline.js';
import { parseYaml } from './pipeline/yaml-document.js';
import { validatePipelineTool } from './validate-pipeline.js';

const projects = join(PACKAGE_ROOT, 'test', 'fixtures', 'projects');
const contexts: { runtime: { close(): Promise<void> } }[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((ctx) => ctx.runtime.close()));
});

function project(name: string, config: SreConfigInput = MINIMAL_CONFIG) {
  const dir = mkdtempSync(join(tmpdir(), `sre-gen-${name}-`));
  cpSync(join(projects, name), dir, { recursive: true });
  const ctx = makeToolContext({ repoDir: dir, config });
  contexts.push(ctx);
  return { dir, ctx };
}

const defaults = { apply: false, force: false, branch: 'main', deploy: true, argocd: { path: 'k8s', project: 'default' } };
const runLines = (text: string) => [...text.matchAll(/^\s+(?:run|- ): (.+)$/gm)].map((m) => m[1]!);
const usesLines = (text: string) => [...text.matchAll(/^\s+uses: (.+)$/gm)].map((m) => m[1]!);

describe('ci_generate_pipeline', () => {
  it('generates a hardened GitHub workflow with test → security → deploy-staging → smoke-tests → deploy-production', async () => {
    const { dir, ctx } = project('node-pnpm-jest');
    const out = await generatePipelineTool.handler({ ...defaults, providers: ['github'], apply: true }, ctx);
    expect(out.files).toHaveLength(1);
    expect(out.files[0]).toMatchObject({ path: '.github/workflows/ci.yml', provider: 'github', created: true, applied: true, valid: true });
    const text = readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8');
    const workflow = parseYaml(text).value as Record<string, any>;
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'security', 'deploy-staging', 'smoke-tests', 'deploy-production']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.on).not.toHaveProperty('pull_request_target');
    expect(workflow.concurrency.group).toBe('${{ github.workflow }}-${{ github.ref }}');
    for (const job of Object.values<Record<string, unknown>>(workflow.jobs)) expect(job['timeout-minutes']).toBeGreaterThan(0);
    expect(workflow.jobs['deploy-production'].environment.name).toBe('production');
    expect(workflow.jobs['deploy-production'].needs).toEqual(['smoke-tests']);
    expect(workflow.jobs['smoke-tests'].steps.at(-1).env.HEALTH_URL).toBe('http://127.0.0.1:18081/health');
    // Every action is pinned to a 40-hex commit with its tag beside it, and checkout drops its credentials.
    for (const uses of usesLines(text)) expect(uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    for (const step of workflow.jobs.test.steps.filter((s: any) => String(s.uses).startsWith('actions/checkout@'))) {
      expect(step.with['persist-credentials']).toBe(false);
    }
    for (const run of runLines(text)) expect(run).not.toMatch(/\$\{\{/);
    expect(runLines(text)).toEqual(
      expect.arrayContaining(['corepack enable', 'pnpm install --frozen-lockfile', 'pnpm run lint', 'pnpm run build', `pnpm exec jest --coverage '--coverageThreshold={"global":{"lines":85}}'`, 'pnpm audit --audit-level high']),
    );
    // No deploy command configured: the deploy step fails loudly, and the finding says so.
    expect(out.findings.map((f) => f.rule)).toEqual(['deploy-command-missing']);
    expect(out.valid).toBe(true);
    const check = await validatePipelineTool.handler({ path: '.github/workflows/ci.yml' }, ctx);
    expect(check.findings).toEqual([]);
  });

  it('renders the configured deploy command with the version passed through env, never spliced into the script', async () => {
    const { ctx } = project('go-module', { ...MINIMAL_CONFIG, deploy: { driver: 'command', command: { deploy: ['helm', 'upgrade', '--install', '{{service}}', 'chart/', '--set', 'image.tag={{version}}'] } } });
    const out = await generatePipelineTool.handler({ ...defaults, providers: ['github', 'gitlab'] }, ctx);
    const github = out.files.find((f) => f.provider === 'github')!;
    expect(github.applied).toBe(false);
    expect(github.note).toMatch(/pass apply: true/);
    expect(github.diff).toContain('+        run: helm upgrade --install "${SERVICE}" chart/ --set image.tag="${VERSION}"');
    expect(github.diff).toContain('+          VERSION: ${{ github.sha }}');
    expect(github.diff).toContain('go-version-file: go.mod');
    const gitlab = out.files.find((f) => f.provider === 'gitlab')!;
    expect(gitlab.valid).toBe(true);
    expect(gitlab.diff).toContain('image: golang:1.23');
    expect(gitlab.diff).toContain('VERSION: $CI_COMMIT_SHA');
    expect(out.findings).toEqual([]);
    expect(out.valid).toBe(true);
  });

  it('generates GitLab CI with the same stages, and it validates', async () => {
    const { dir, ctx } = project('python-poetry-pytest-cov');
    const out = await generatePipelineTool.handler({ ...defaults, providers: ['gitlab'], apply: true }, ctx);
    expect(out.files[0]).toMatchObject({ path: '.gitlab-ci.yml', applied: true, valid: true });
    const check = await validatePipelineTool.handler({ path: '.gitlab-ci.yml' }, ctx);
    expect(check.kind).toBe('gitlab');
    expect(check.summary.stages).toEqual(['test', 'security', 'deploy-staging', 'smoke', 'deploy-production']);
    expect(check.summary.jobs).toEqual(['test', 'security', 'deploy-staging', 'smoke-tests', 'deploy-production']);
    expect(check.findings).toEqual([]);
    const config = parseYaml(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).value as Record<string, any>;
    expect(config.default.image).toBe('python:3.11.9');
    expect(config.test.script).toEqual([
      'pipx install poetry',
      'poetry install --no-interaction',
      'poetry run python -m pytest --cov --cov-report=term --cov-report=xml --cov-fail-under=85',
    ]);
    expect(config['deploy-production'].environment.name).toBe('production');
  });

  it('writes an Argo CD Application for the origin remote, with credentials removed', async () => {
    const { dir, ctx } = project('java-maven-jacoco');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['remote', 'add', 'origin', 'https://deploy-bot:s3cr3t-token@git.example.com/payments/app.git'], { cwd: dir });
    const out = await generatePipelineTool.handler({ ...defaults, providers: ['argocd'], apply: true }, ctx);
    expect(out.files[0]).toMatchObject({ path: 'argocd/demo-application.yaml', applied: true, valid: true });
    const text = readFileSync(join(dir, 'argocd/demo-application.yaml'), 'utf8');
    expect(text).not.toContain('s3cr3t');
    const app = parseYaml(text).value as Record<string, any>;
    expect(app.spec.source).toEqual({ repoURL: 'https://git.example.com/payments/app.git', targetRevision: 'main', path: 'k8s' });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(out.findings.map((f) => f.rule)).toEqual(['argocd-path-missing']);
  });

  it('does not invent an Argo CD repository: without origin or repoURL it reports and skips the file', async () => {
    const { ctx } = project('java-gradle-kts');
    const out = await generatePipelineTool.handler({ ...defaults, providers: ['argocd'] }, ctx);
    expect(out.files).toEqual([]);
    expect(out.findings.map((f) => [f.rule, f.severity])).toEqual([['argocd-repo-unknown', 'medium']]);
  });

  it('takes pins from sre.yaml ci.pins over the verified table', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const { ctx } = project('node-pnpm-jest', { ...MINIMAL_CONFIG, ci: { pins: { 'actions/checkout': { tag: 'v9.9.9', sha } } } });
    const out = await generatePipelineTool.handler({ ...defaults, providers: ['github'], deploy: false }, ctx);
    expect(out.files[0]!.diff).toContain(`uses: actions/checkout@${sha} # v9.9.9`);
  });

  it('says when there is no coverage gate instead of pretending', async () => {
    const { ctx } = project('node-yarn-vitest-no-coverage');
    const out = await generatePipelineTool.handler({ ...defaults, providers: ['github'], deploy: false }, ctx);
    expect(out.findings.map((f) => f.rule)).toEqual(['coverage-gate-missing']);
    expect(out.files[0]!.diff).toContain('run: yarn test');
  });

  it('never overwrites a generated file the user edited, unless forced', async () => {
    const { dir, ctx } = project('django-pip');
    const args = { ...defaults, providers: ['github' as const], apply: true };
    await generatePipelineTool.handler(args, ctx);
    const again = await generatePipelineTool.handler(args, ctx);
    expect(again.files[0]).toMatchObject({ changed: false, applied: false, note: 'already up to date' });
    const file = join(dir, '.github/workflows/ci.yml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# my own note\n`);
    const refused = await generatePipelineTool.handler(args, ctx);
    expect(refused.files[0]).toMatchObject({ changed: true, applied: false });
    expect(refused.files[0]!.note).toMatch(/edited since/);
    expect(readFileSync(file, 'utf8')).toContain('# my own note');
    const forced = await generatePipelineTool.handler({ ...args, force: true }, ctx);
    expect(forced.files[0]!.applied).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('# my own note');
  });

  it('fails clearly for a project it cannot recognise', async () => {
    const { dir, ctx } = project('unknown-docs');
    await expect(generatePipelineTool.handler({ ...defaults, providers: ['github'], apply: true }, ctx)).rejects.toThrow(/project type .* is unknown/);
    expect(existsSync(join(dir, '.github'))).toBe(false);
  });
});
