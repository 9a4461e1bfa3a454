/** Lay a pipeline plan out as provider files (GitHub Actions, GitLab CI, Argo CD) through the prompts/ci templates. */
import type { PipelinePlan } from './pipeline-plan.js';
import { renderTemplate } from './templates.js';

/** Health check used by smoke tests and post-deploy checks: fails on non-2xx, retries while the service starts. */
const CURL = 'curl --fail --silent --show-error --max-time 10 --retry 5 --retry-delay 3 --retry-all-errors "$HEALTH_URL"';

function deployJobs(plan: PipelinePlan) {
  const staging = plan.environments.find((env) => env.name === 'staging')!;
  const production = plan.environments.find((env) => env.name === 'production')!;
  const gate = plan.securitySteps.length ? 'test, security' : 'test';
  return [
    { id: 'deploy-staging', title: 'Deploy to staging', stage: 'deploy-staging', needs: gate, timeout: 30, environment: staging, deploys: true, checkName: 'Health check after deploy' },
    { id: 'smoke-tests', title: 'Smoke tests (staging)', stage: 'smoke', needs: 'deploy-staging', timeout: 10, environment: staging, deploys: false, checkName: 'Smoke test: the health endpoint answers 2xx' },
    { id: 'deploy-production', title: 'Deploy to production', stage: 'deploy-production', needs: 'smoke-tests', timeout: 30, environment: production, deploys: true, checkName: 'Health check after deploy' },
  ];
}

/** The GitHub Actions workflow text. */
export function renderGithubWorkflow(plan: PipelinePlan): string {
  const mainRef = `refs/heads/${plan.branch}`;
  return renderTemplate('github-actions.yml.hbs', {
    plan,
    name: `CI/CD ${plan.service}`,
    concurrencyGroup: '${{ github.workflow }}-${{ github.ref }}',
    // Superseded runs on branches are cancelled; runs on the main branch finish (a deploy is never cut in half).
    cancelInProgress: `\${{ github.ref != '${mainRef}' }}`,
    deployCondition: `github.event_name == 'push' && github.ref == '${mainRef}'`,
    sha: '${{ github.sha }}',
    curl: CURL,
    deployJobs: deployJobs(plan),
  });
}

/** The .gitlab-ci.yml text. */
export function renderGitlabCi(plan: PipelinePlan): string {
  return renderTemplate('gitlab-ci.yml.hbs', { plan, curl: CURL, deployJobs: deployJobs(plan) });
}

export interface ArgocdView {
  service: string;
  argocdNamespace: string;
  project: string;
  repoURL: string;
  targetRevision: string;
  path: string;
  namespace: string;
}

/** The Argo CD Application text. */
export function renderArgocdApplication(view: ArgocdView): string {
  return renderTemplate('argocd-application.yaml.hbs', view);
}
