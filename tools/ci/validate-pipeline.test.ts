import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { makeToolContext } from '../../test/helpers/tool-context.js';
import { validatePipelineTool } from './validate-pipeline.js';

const fixtures = join(PACKAGE_ROOT, 'test', 'fixtures');
const ctx = makeToolContext({ repoDir: fixtures });
afterAll(() => ctx.runtime.close());
const validate = (path: string) => validatePipelineTool.handler({ path }, ctx);
const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('ci_validate_pipeline on GitHub workflows', () => {
  it('planify: pull_request_target + checkout of the PR head is high; the branch-name ref is a TOCTOU finding', async () => {
    const out = await validate('workflows/planify-check-translations-pull-request-target.yml');
    expect(out.kind).toBe('github');
    expect(out.summary).toMatchObject({ triggers: ['pull_request_target'], jobs: ['gettext-check'], permissions: true });
    expect(out.summary.uses).toHaveLength(3);
    const untrusted = out.findings.find((f) => f.rule === 'untrusted-checkout');
    expect(untrusted).toMatchObject({ severity: 'high', line: 25 });
    expect(untrusted?.message).toContain('pull-requests');
    expect(out.findings.find((f) => f.rule === 'mutable-head-ref')).toMatchObject({ severity: 'medium', line: 25 });
    // All three uses are tag-pinned (GitHub-owned: low).
    expect(out.findings.filter((f) => f.rule === 'unpinned-action').map((f) => f.line)).toEqual([17, 22, 70]);
    expect(rules(out.findings)).not.toContain('permissions-missing');
    expect(out.valid).toBe(false);
    expect(out.counts.high).toBe(1);
  });

  it('sanic: no permissions, a third-party action on a tag; 13 matrix objects are no schema problem', async () => {
    const out = await validate('workflows/sanic-tests-matrix-objects.yml');
    expect(out.schemaErrors).toBe(0);
    expect(out.summary).toMatchObject({ triggers: ['push', 'pull_request'], jobs: ['run_tests'], uses: ['sanic-org/simple-tox-action@v1'], permissions: false });
    expect(out.findings.find((f) => f.rule === 'permissions-missing')).toMatchObject({ severity: 'medium' });
    const pin = out.findings.find((f) => f.rule === 'unpinned-action');
    expect(pin).toMatchObject({ severity: 'medium', line: 43 });
    expect(pin?.message).toContain('third-party');
    expect(out.valid).toBe(true);
  });

  it('dafny reusable workflow: what action-validator reports (missing runs-on, `requires` typo), plus the retired upload-artifact@v2 and the misspelt input', async () => {
    const out = await validate('workflows/dafny-reusable-workflow-call-bugs.yml');
    const schema = out.findings.filter((f) => f.rule === 'schema');
    expect(out.schemaErrors).toBe(3);
    expect(schema.map((f) => [f.line, f.message])).toEqual([
      [14, "Workflow schema: Property conditions are not met: Additional property 'requires' is not allowed at on.workflow_call.secrets.token"],
      [14, 'Workflow schema: `required` is required at on.workflow_call.secrets.token'],
      [18, 'Workflow schema: `runs-on` is required at jobs.reusable_verification'],
    ]);
    expect(out.findings.find((f) => f.rule === 'deprecated-action')).toMatchObject({ severity: 'high', line: 58 });
    const input = out.findings.find((f) => f.rule === 'undefined-input');
    expect(input).toMatchObject({ severity: 'medium', line: 45 });
    expect(input?.fix).toContain('inputs.dafny_version');
    expect(out.valid).toBe(false);
  });

  it('dafny tests: array literals inside a matrix expression and a concurrency group are accepted by the schema', async () => {
    const out = await validate('workflows/dafny-tests-matrix-array-literal-expr.yml');
    expect(out.schemaErrors).toBe(0);
    expect(out.summary.triggers).toEqual(['schedule', 'workflow_dispatch', 'pull_request']);
    expect(rules(out.findings)).not.toContain('concurrency-missing');
    expect(rules(out.findings)).toContain('deprecated-action');
  });

  it('actionlint #235: an expression as a boolean input default is not an error', async () => {
    const out = await validate('workflows/issue-actionlint-235.yml');
    expect(out.schemaErrors).toBe(0);
    expect(out.yamlErrors).toBe(0);
    expect(out.counts.high).toBe(0);
    expect(rules(out.findings)).not.toContain('undefined-input');
    expect(out.valid).toBe(true);
  });

  it('flags untrusted context in run: as template injection, and accepts the same value passed through env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-wf-'));
    const local = makeToolContext({ repoDir: dir });
    writeFileSync(
      join(dir, 'wf.yml'),
      [
        'on: issues',
        'permissions: {}',
        'concurrency: triage',
        'jobs:',
        '  triage:',
        '    runs-on: ubuntu-latest',
        '    timeout-minutes: 5',
        '    steps:',
        '      - run: echo "${{ github.event.issue.title }}"',
        '      - env:',
        '          TITLE: ${{ github.event.issue.title }}',
        '        run: echo "$TITLE"',
        '',
      ].join('\n'),
    );
    const out = await validatePipelineTool.handler({ path: 'wf.yml' }, local);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ rule: 'template-injection', severity: 'high', line: 9 });
    await local.runtime.close();
  });

  it('reports YAML syntax errors with their line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-wf-'));
    const local = makeToolContext({ repoDir: dir });
    writeFileSync(join(dir, 'broken.yml'), 'on: push\njobs:\n  a:\n    runs-on: [ubuntu-latest\n    steps: []\n');
    const out = await validatePipelineTool.handler({ path: 'broken.yml' }, local);
    expect(out.yamlErrors).toBeGreaterThan(0);
    expect(out.findings[0]).toMatchObject({ rule: 'yaml-syntax', severity: 'high' });
    expect(out.findings[0]?.line).toBeGreaterThanOrEqual(4);
    expect(out.valid).toBe(false);
    await local.runtime.close();
  });

  it('fails with the path when the file does not exist, and defaults to ci.workflowPath', async () => {
    await expect(validate('workflows/nope.yml')).rejects.toThrow(/workflows\/nope\.yml does not exist/);
    await expect(validatePipelineTool.handler({}, ctx)).rejects.toThrow(/\.github\/workflows\/ci\.yml does not exist/);
  });
});

describe('ci_validate_pipeline on GitLab CI files', () => {
  it('libxml2: the duplicate job key is reported with both lines; 31 jobs and 9 hidden templates', async () => {
    const out = await validate('gitlab/libxml2-gitlab-ci-duplicate-key-extends.yml');
    expect(out.kind).toBe('gitlab');
    const dup = out.findings.find((f) => f.rule === 'duplicate-key');
    expect(dup).toMatchObject({ severity: 'high', line: 310 });
    expect(dup?.message).toContain('cmake:linux:gcc:shared');
    expect(dup?.message).toContain('lines 145 and 310');
    expect(out.summary.jobs).toHaveLength(31);
    expect(out.summary.templates).toHaveLength(9);
    expect(out.findings).toHaveLength(1);
    expect(out.valid).toBe(false);
  });

  it('libvirt: anchors on block scalars and chained merge keys resolve to 26 visible jobs and 5 hidden keys', async () => {
    const out = await validate('gitlab/libvirt-2020-anchors-merge-keys.yml');
    expect(out.kind).toBe('gitlab');
    expect(out.yamlErrors).toBe(0);
    expect(out.summary.jobs).toHaveLength(26);
    expect(out.summary.templates).toHaveLength(5);
    expect(out.summary.stages).toEqual(['prebuild', 'native_build', 'cross_build']);
    expect(out.findings).toEqual([]);
    expect(out.valid).toBe(true);
  });

  it('reports unknown stages, needs and extends, and jobs with nothing to run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-gl-'));
    const local = makeToolContext({ repoDir: dir });
    writeFileSync(
      join(dir, '.gitlab-ci.yml'),
      ['stages: [build]', 'a:', '  stage: deploy', '  script: [make]', 'b:', '  extends: .missing', '  needs: [c]', 'd:', '  image: alpine', ''].join('\n'),
    );
    const out = await validatePipelineTool.handler({ path: '.gitlab-ci.yml' }, local);
    // b and d have no stage: GitLab's default is `test`, which this file's `stages:` does not list.
    expect(out.findings.map((f) => [f.rule, f.line])).toEqual([
      ['unknown-stage', 3],
      ['unknown-stage', 5],
      ['unknown-extends', 6],
      ['unknown-needs', 7],
      ['job-without-script', 8],
      ['unknown-stage', 8],
    ]);
    await local.runtime.close();
  });
});

describe('ci_validate_pipeline on Argo CD Applications', () => {
  it('multi-source Application with a $values ref is valid', async () => {
    const out = await validate('argocd/dyegoe-cert-manager-multisource.yaml');
    expect(out.kind).toBe('argocd');
    expect(out.summary.argocd).toEqual({ name: 'cert-manager', namespace: 'argocd', namespaceExplicit: true, sources: 3, automated: true, destinationNamespace: 'cert-manager' });
    expect(out.findings).toEqual([]);
  });

  it('no metadata.namespace falls back to the controller namespace; a hyphenated $ref resolves', async () => {
    const out = await validate('argocd/nidr0x-cert-manager-hyphen-ref-no-namespace.yaml');
    expect(out.summary.argocd).toMatchObject({ namespace: 'argocd', namespaceExplicit: false, sources: 3, automated: true });
    expect(rules(out.findings)).toEqual(['argocd-namespace-default']);
    expect(out.valid).toBe(true);
  });
});
