/** Go modules: go.mod, `go test` with a statement-coverage profile, govulncheck. */
import { NO_COMMANDS, type ProjectDetection } from './detection.js';
import type { ProjectFiles } from './project-files.js';

/** Shell check of the total in a Go cover profile against a minimum (go has no built-in threshold flag). */
export function goCoverageGate(threshold: number): string[] {
  const script =
    'total=$(go tool cover -func=coverage.out | awk \'/^total:/ { sub("%", "", $3); print $3 }\'); ' +
    `echo "statement coverage: \${total}% (minimum ${threshold}%)"; ` +
    `awk -v t="$total" -v min=${threshold} 'BEGIN { exit !(t + 0 >= min) }'`;
  return ['sh', '-c', script];
}

/** Detect a Go module, or null without go.mod. */
export function detectGo(files: ProjectFiles, threshold: number): ProjectDetection | null {
  const mod = files.text('go.mod');
  if (mod === null) return null;
  const reasons = ['Go: go.mod'];
  const version = /^go\s+(\d+\.\d+(?:\.\d+)?)/m.exec(mod)?.[1] ?? null;
  if (version) reasons.push(`go.mod "go ${version}"`);
  const testify = /github\.com\/stretchr\/testify/.test(mod);
  reasons.push(`go test${testify ? ' (go.mod requires github.com/stretchr/testify)' : ''}; coverage from -coverprofile (statement coverage, checked against the threshold by a shell step)`);
  return {
    language: 'go',
    ecosystem: 'go',
    packageManager: 'go modules',
    testFramework: testify ? 'go test (testify)' : 'go test',
    coverageTool: 'go cover',
    runtimeVersion: version,
    coverageReport: 'coverage.out',
    commands: {
      ...NO_COMMANDS,
      install: ['go', 'mod', 'download'],
      build: ['go', 'build', './...'],
      lint: ['go', 'vet', './...'],
      test: ['go', 'test', './...'],
      coverage: ['go', 'test', '-coverprofile=coverage.out', './...'],
      coverageCheck: goCoverageGate(threshold),
      security: ['govulncheck', './...'],
    },
    reasons,
  };
}
