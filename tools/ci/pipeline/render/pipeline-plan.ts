/**
 * The provider-neutral plan of a generated pipeline: what each stage runs, which actions (pinned) set it up,
 * where it deploys and checks health. Renderers only lay this out; gaps become findings, never placeholders.
 */
import type { SreConfig } from '../../../../schemas/config.js';
import type { ProjectDetection } from '../../detect/detection.js';
import { resolveAction, type ResolvedAction } from '../action-pins.js';
import type { RuleFinding } from '../finding.js';
import { shellLine, shellLineWithVars } from './shell-line.js';

export interface PlanStep {
  name: string;
  run: string;
  env: Record<string, string> | null;
}

export interface SetupAction {
  action: ResolvedAction;
  with: { key: string; value: string }[];
}

export interface EnvironmentPlan {
  name: 'staging' | 'production';
  url: string;
  healthUrl: string;
  /** Deploy command line, with VERSION/ENVIRONMENT/SERVICE read from the environment. */
  deploy: string;
}

export interface PipelinePlan {
  service: string;
  branch: string;
  threshold: number;
  ecosystem: ProjectDetection['ecosystem'];
  checkout: ResolvedAction;
  uploadArtifact: ResolvedAction;
  setup: SetupAction | null;
  /** Steps of the test job after checkout and setup: setup commands, install, checks, tests with the coverage gate. */
  testSteps: PlanStep[];
  coverageReport: string | null;
  /** GitLab `coverage:` regex for the tool's console summary, when known. */
  coverageRegex: string | null;
  securitySteps: PlanStep[];
  /** Image for GitLab jobs. */
  image: string;
  environments: EnvironmentPlan[];
  deploy: boolean;
  findings: RuleFinding[];
}

export interface PlanOptions {
  branch: string;
  deploy: boolean;
}

const step = (name: string, argv: readonly string[], env: Record<string, string> | null = null): PlanStep => ({ name, run: shellLine(argv), env });
const numeric = (version: string | null) => (version && /^\d+(\.\d+)*$/.test(version) ? version : null);

function setupFor(detection: ProjectDetection, pins: SreConfig['ci']['pins']): SetupAction | null {
  const version = detection.runtimeVersion;
  switch (detection.ecosystem) {
    case 'node': {
      const withs = [{ key: 'node-version', value: version ?? 'lts/*' }];
      // setup-node's npm cache needs nothing else; pnpm/yarn caches need the tool on PATH first, so they are left out.
      if (detection.packageManager === 'npm') withs.push({ key: 'cache', value: 'npm' });
      return { action: resolveAction('actions/setup-node', 'v5', pins), with: withs };
    }
    case 'python':
      return { action: resolveAction('actions/setup-python', 'v6', pins), with: [{ key: 'python-version', value: version ?? '3.12' }] };
    case 'go':
      return { action: resolveAction('actions/setup-go', 'v6', pins), with: [{ key: 'go-version-file', value: 'go.mod' }] };
    case 'java':
      return {
        action: resolveAction('actions/setup-java', 'v5', pins),
        with: [
          { key: 'distribution', value: 'temurin' },
          { key: 'java-version', value: numeric(version) ?? '21' },
          { key: 'cache', value: detection.packageManager === 'gradle' ? 'gradle' : 'maven' },
        ],
      };
    default:
      return null;
  }
}

/** Tool installs the runner images lack (package managers, scanners). */
function toolInstalls(detection: ProjectDetection): { test: PlanStep[]; security: PlanStep[] } {
  const manager = detection.packageManager;
  const test: PlanStep[] = [];
  if (detection.ecosystem === 'node' && (manager === 'pnpm' || manager === 'yarn')) test.push(step(`Enable ${manager} (corepack)`, ['corepack', 'enable']));
  if (manager === 'uv' || manager === 'pipenv') test.push(step(`Install ${manager}`, ['python', '-m', 'pip', 'install', manager]));
  if (manager === 'poetry') test.push(step('Install poetry', ['pipx', 'install', 'poetry']));
  const security = [...test];
  if (detection.ecosystem === 'python') security.push(step('Install bandit', ['python', '-m', 'pip', 'install', 'bandit']));
  if (detection.ecosystem === 'go') security.push(step('Install govulncheck', ['go', 'install', 'golang.org/x/vuln/cmd/govulncheck@latest']));
  return { test, security };
}

function imageFor(detection: ProjectDetection): string {
  const version = numeric(detection.runtimeVersion);
  switch (detection.ecosystem) {
    case 'node':
      return `node:${version ?? 'lts'}`;
    case 'python':
      return `python:${version ?? '3.12'}`;
    case 'go':
      return `golang:${version ?? '1'}`;
    case 'java':
      return detection.packageManager === 'maven' ? `maven:3-eclipse-temurin-${version ?? '21'}` : `eclipse-temurin:${version ?? '21'}`;
    default:
      return 'alpine:3';
  }
}

function coverageRegexFor(detection: ProjectDetection): string | null {
  if (!detection.coverageTool) return null;
  if (detection.ecosystem === 'node') return String.raw`/(?:All files[^|]*\|[^|]*\s+([\d.]+)|Lines\s*:\s*([\d.]+)%)/`;
  if (detection.ecosystem === 'python') return String.raw`/TOTAL.*? (100(?:\.0+)?%|[1-9]?\d(?:\.\d+)?%)$/`;
  if (detection.ecosystem === 'go') return String.raw`/statement coverage: (\d+(?:\.\d+)?)%/`;
  if (detection.coverageTool === 'jacoco' && detection.packageManager === 'maven') return String.raw`/line coverage: (\d+(?:\.\d+)?)%/`;
  return null;
}

/** Build the plan from a detection and the config; `findings` lists what could not be generated as asked. */
export function planPipeline(detection: ProjectDetection, config: SreConfig, options: PlanOptions): PipelinePlan {
  const findings: RuleFinding[] = [];
  const pins = config.ci.pins;
  const commands = detection.commands;
  const installs = toolInstalls(detection);
  const testSteps: PlanStep[] = [
    ...config.ci.setup.map((argv) => step(`Setup: ${argv.join(' ')}`, argv)),
    ...installs.test,
  ];
  if (commands.install.length) testSteps.push(step('Install dependencies', commands.install));
  if (commands.lint.length) testSteps.push(step('Static checks', commands.lint));
  if (commands.build.length) testSteps.push(step('Build', commands.build));
  if (commands.coverage.length) {
    testSteps.push(step(`Tests with coverage (minimum ${config.thresholds.coverage}% lines)`, commands.coverage));
    if (commands.coverageCheck.length) testSteps.push(step(`Coverage gate (${config.thresholds.coverage}%)`, commands.coverageCheck));
  } else if (commands.test.length) {
    testSteps.push(step('Tests', commands.test));
    findings.push({
      rule: 'coverage-gate-missing',
      severity: 'medium',
      line: null,
      message: `No coverage tool was detected (${detection.reasons.filter((r) => /coverage/.test(r)).join('; ') || 'see ci_detect_project'}), so the pipeline runs the tests without the ${config.thresholds.coverage}% coverage gate.`,
      fix: 'Add a coverage tool to the project (e.g. @vitest/coverage-v8, pytest-cov, coverage, jacoco) and generate again.',
    });
  }
  testSteps.push(...config.ci.verify.map((argv) => step(`Verify: ${argv.join(' ')}`, argv)));

  const securitySteps: PlanStep[] = [];
  if (commands.security.length) {
    securitySteps.push(...installs.security, step('Dependency and code scan', commands.security));
  } else {
    findings.push({
      rule: 'security-scan-missing',
      severity: 'medium',
      line: null,
      message: `No security scanner fits this project (${detection.ecosystem}/${detection.packageManager ?? 'unknown'}): the pipeline has no security stage.`,
      fix: 'Add a dependency scanner (npm audit, pip-audit/bandit, govulncheck, OWASP dependency-check) and generate again.',
    });
  }

  const deployArgv = config.deploy.command?.deploy;
  const deployVars = { version: 'VERSION', environment: 'ENVIRONMENT', service: 'SERVICE' };
  const environments: EnvironmentPlan[] = (['staging', 'production'] as const).map((name) => {
    const env = config.environments[name];
    return {
      name,
      url: env.baseUrl,
      healthUrl: new URL(env.healthPath, env.baseUrl).toString(),
      deploy: deployArgv
        ? shellLineWithVars(deployArgv, deployVars)
        : `echo "::error::No deploy command configured: set deploy.command.deploy in sre.yaml and generate again" >&2; exit 1`,
    };
  });
  if (options.deploy && !deployArgv) {
    findings.push({
      rule: 'deploy-command-missing',
      severity: 'medium',
      line: null,
      message: `sre.yaml has no deploy.command.deploy (driver: ${config.deploy.driver}), so the generated deploy jobs stop with an error instead of deploying.`,
      fix: 'Set deploy.driver: command and deploy.command.deploy (e.g. ["helm", "upgrade", "--install", "{{service}}", "chart/", "--set", "image.tag={{version}}"]), or generate with deploy: false.',
    });
  }

  const checkout = resolveAction('actions/checkout', 'v5', pins);
  const uploadArtifact = resolveAction('actions/upload-artifact', 'v4', pins);
  const setup = setupFor(detection, pins);
  for (const action of [checkout, uploadArtifact, setup?.action].filter((a): a is ResolvedAction => a !== undefined)) {
    if (!action.pinned) {
      findings.push({
        rule: 'action-pin-unknown',
        severity: 'medium',
        line: null,
        message: `${action.action} has no verified commit SHA in tools/ci/pipeline/action-pins.ts or sre.yaml ci.pins, so it stays on tag ${action.tag}.`,
        fix: `Add ci.pins["${action.action}"] = { tag, sha } to sre.yaml with the commit you reviewed.`,
      });
    }
  }

  return {
    service: config.service.name,
    branch: options.branch,
    threshold: config.thresholds.coverage,
    ecosystem: detection.ecosystem,
    checkout,
    uploadArtifact,
    setup,
    testSteps,
    coverageReport: detection.coverageReport,
    coverageRegex: coverageRegexFor(detection),
    securitySteps,
    image: imageFor(detection),
    environments,
    deploy: options.deploy,
    findings,
  };
}
