/** ci_generate_pipeline: hardened GitHub Actions / GitLab CI / Argo CD files for the detected project. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { PipelineFinding } from './pipeline/finding.js';
import { GeneratedFile, generatePipelineFiles, Provider } from './pipeline/generate-files.js';

export const generatePipelineTool = defineTool({
  name: 'ci_generate_pipeline',
  title: 'Generate the CI/CD pipeline',
  description:
    'Generate the CI/CD files for the detected project from sre.yaml (service name, thresholds.coverage, environments, ci.workflowPath, ci.pins, ' +
    'ci.setup/verify, deploy.command.deploy): a GitHub Actions workflow (tests with the coverage gate → security scan → deploy to staging → smoke test of ' +
    'the health endpoint → deploy to production with `environment: production`), a .gitlab-ci.yml with the same stages, and an Argo CD Application. ' +
    'Workflows are hardened: permissions contents: read, actions pinned to verified commit SHAs, persist-credentials: false, a concurrency group, ' +
    'timeout-minutes on every job, no untrusted input in scripts. Each file is validated before it is offered. Returns a diff per file; files are written ' +
    'only with apply: true, and a file edited since sre-agent wrote it is not overwritten unless force: true. valid is true when nothing high was found.',
  input: z.object({
    providers: z.array(Provider).optional().describe('Which files to generate (default: ci.providers from sre.yaml)'),
    apply: z.boolean().default(false).describe('Write the files (otherwise only return the diffs)'),
    force: z.boolean().default(false).describe('Overwrite files edited since sre-agent generated them'),
    branch: z.string().default('main').describe('Branch that deploys (and that Argo CD tracks)'),
    deploy: z.boolean().default(true).describe('Include the deploy-staging → smoke-tests → deploy-production jobs'),
    argocd: z
      .object({
        repoURL: z.string().optional().describe('Git URL Argo CD watches (default: the origin remote, credentials removed)'),
        path: z.string().default('k8s').describe('Directory of the Kubernetes manifests in that repository'),
        namespace: z.string().optional().describe('Namespace to deploy into (default: the service name)'),
        project: z.string().default('default'),
        file: z.string().optional().describe('Where to write the Application (default: argocd/<service>-application.yaml)'),
      })
      .default({ path: 'k8s', project: 'default' }),
  }),
  output: z.object({
    files: z.array(GeneratedFile),
    findings: z.array(PipelineFinding),
    detection: z.object({
      language: z.string(),
      ecosystem: z.string(),
      packageManager: z.string().nullable(),
      testFramework: z.string().nullable(),
      coverageTool: z.string().nullable(),
    }),
    valid: z.boolean().describe('Every generated file validates and no finding is high'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const result = await generatePipelineFiles(ctx, {
      providers: input.providers ?? ctx.config.ci.providers,
      apply: input.apply,
      force: input.force,
      branch: input.branch,
      deploy: input.deploy,
      argocd: input.argocd,
    });
    const { language, ecosystem, packageManager, testFramework, coverageTool } = result.detection;
    return { files: result.files, findings: result.findings, detection: { language, ecosystem, packageManager, testFramework, coverageTool }, valid: result.valid };
  },
});
