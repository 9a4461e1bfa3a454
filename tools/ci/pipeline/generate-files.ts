/** Generate, validate and (when asked) write the pipeline files for the configured providers. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ToolFailure } from '../../../src/errors.js';
import { changeFile } from '../../shared/file-change.js';
import type { ToolContext } from '../../tool.js';
import { detectProject } from '../detect/detect-project.js';
import type { ProjectDetection } from '../detect/detection.js';
import { PipelineFinding, SeverityCounts, sortFindings, type RuleFinding } from './finding.js';
import { originUrl } from './git-remote.js';
import { planPipeline } from './render/pipeline-plan.js';
import { renderArgocdApplication, renderGithubWorkflow, renderGitlabCi } from './render/render-files.js';
import { resolveInRepo } from './repo-path.js';
import { validatePipelineText, type PipelineKind } from './validate-file.js';

export const Provider = z.enum(['github', 'gitlab', 'argocd']);
export type Provider = z.infer<typeof Provider>;

export const GeneratedFile = z.object({
  path: z.string(),
  provider: Provider,
  changed: z.boolean(),
  created: z.boolean(),
  applied: z.boolean(),
  diff: z.string(),
  note: z.string().nullable(),
  valid: z.boolean().describe('The generated text passed its own validation (no high finding, no YAML/schema error)'),
  counts: SeverityCounts,
});
export type GeneratedFile = z.infer<typeof GeneratedFile>;

export interface GenerateOptions {
  providers: Provider[];
  apply: boolean;
  force: boolean;
  branch: string;
  deploy: boolean;
  argocd: { repoURL?: string; path: string; namespace?: string; project: string; file?: string };
}

export interface GenerateResult {
  detection: ProjectDetection;
  files: GeneratedFile[];
  findings: PipelineFinding[];
  valid: boolean;
}

const GITLAB_FILE = '.gitlab-ci.yml';

/** Everything ci_generate_pipeline does, minus the tool wrapper. */
export async function generatePipelineFiles(ctx: ToolContext, options: GenerateOptions): Promise<GenerateResult> {
  const { config } = ctx;
  const detection = detectProject(ctx.repoDir, config.thresholds.coverage);
  if (detection.ecosystem === 'unknown') {
    throw new ToolFailure(`Cannot generate a pipeline: the project type in ${ctx.repoDir} is unknown (${detection.reasons.join('; ')})`, { file: ctx.repoDir });
  }
  const plan = planPipeline(detection, config, { branch: options.branch, deploy: options.deploy });
  const files: GeneratedFile[] = [];
  const findings: PipelineFinding[] = [];
  // Plan findings (no coverage gate, no deploy command, unpinned action) are about the CI files, not the Argo CD Application.
  if (options.providers.includes('github') || options.providers.includes('gitlab')) {
    const ciFile = options.providers.includes('github') ? config.ci.workflowPath : GITLAB_FILE;
    findings.push(...plan.findings.map((finding) => ({ ...finding, file: ciFile })));
  }

  const emit = (provider: Provider, path: string, text: string, kind: PipelineKind) => {
    const validation = validatePipelineText(path, text, kind);
    findings.push(...validation.findings);
    const change = changeFile({ repoDir: ctx.repoDir, file: resolveInRepo(ctx.repoDir, path, 'path'), next: text, apply: options.apply, force: options.force, mode: 'generated' });
    files.push({ path, provider, changed: change.changed, created: change.created, applied: change.applied, diff: change.diff, note: change.note, valid: validation.valid, counts: validation.counts });
  };

  for (const provider of options.providers) {
    if (provider === 'github') emit('github', config.ci.workflowPath, renderGithubWorkflow(plan), 'github');
    if (provider === 'gitlab') emit('gitlab', GITLAB_FILE, renderGitlabCi(plan), 'gitlab');
    if (provider === 'argocd') {
      const file = options.argocd.file ?? `argocd/${config.service.name}-application.yaml`;
      const repoURL = options.argocd.repoURL ?? (await originUrl(ctx.repoDir, ctx.signal));
      if (!repoURL) {
        findings.push(argocdFinding(file, 'argocd-repo-unknown', 'medium', `No Argo CD Application was generated: the repository has no \`origin\` remote and no argocd.repoURL was given.`, 'Pass argocd.repoURL (the Git URL Argo CD should watch).'));
        continue;
      }
      if (!existsSync(join(ctx.repoDir, options.argocd.path))) {
        findings.push(argocdFinding(file, 'argocd-path-missing', 'low', `Manifests directory \`${options.argocd.path}\` does not exist in the repository yet; Argo CD will report the Application as failing until it does.`, `Add the Kubernetes manifests (or a Helm chart/kustomization) under ${options.argocd.path}, or pass argocd.path.`));
      }
      const text = renderArgocdApplication({
        service: config.service.name,
        argocdNamespace: 'argocd',
        project: options.argocd.project,
        repoURL,
        targetRevision: options.branch,
        path: options.argocd.path,
        namespace: options.argocd.namespace ?? config.service.name,
      });
      emit('argocd', file, text, 'argocd');
    }
  }
  const sorted = sortFindings(findings);
  return { detection, files, findings: sorted, valid: !sorted.some((finding) => finding.severity === 'high') && files.every((file) => file.valid) };
}

function argocdFinding(file: string, rule: string, severity: RuleFinding['severity'], message: string, fix: string): PipelineFinding {
  return { rule, severity, line: null, message, fix, file };
}
