/** Validate one pipeline file's text: detect its kind, parse it, run that kind's checks, and summarise. */
import { z } from 'zod';
import { isArgocdApplication, validateArgocdApplication } from './argocd/validate-argocd.js';
import { countBySeverity, PipelineFinding, SeverityCounts, sortFindings, type RuleFinding } from './finding.js';
import { validateGithubWorkflow } from './github/validate-github.js';
import { validateGitlabCi } from './gitlab/validate-gitlab.js';
import { isRecord, parseYaml, type YamlFile } from './yaml-document.js';

export const PipelineKind = z.enum(['github', 'gitlab', 'argocd', 'unknown']);
export type PipelineKind = z.infer<typeof PipelineKind>;

export const PipelineSummary = z.object({
  triggers: z.array(z.string()).describe('GitHub: events under `on:`'),
  jobs: z.array(z.string()).describe('Visible jobs'),
  templates: z.array(z.string()).describe('GitLab: hidden keys (names starting with a dot)'),
  uses: z.array(z.string()).describe('GitHub: remote actions and reusable workflows referenced'),
  stages: z.array(z.string()).describe('GitLab: declared (or default) stages'),
  permissions: z.boolean().nullable().describe('GitHub: top-level `permissions:` present'),
  argocd: z
    .object({
      name: z.string().nullable(),
      namespace: z.string(),
      namespaceExplicit: z.boolean(),
      sources: z.number().int(),
      automated: z.boolean(),
      destinationNamespace: z.string().nullable(),
    })
    .nullable(),
});
export type PipelineSummary = z.infer<typeof PipelineSummary>;

export const PipelineValidation = z.object({
  file: z.string(),
  kind: PipelineKind,
  findings: z.array(PipelineFinding),
  counts: SeverityCounts,
  yamlErrors: z.number().int().describe('YAML syntax errors and duplicate keys'),
  schemaErrors: z.number().int().describe('GitHub workflow schema violations'),
  valid: z.boolean().describe('No high finding and no YAML or schema error'),
  summary: PipelineSummary,
});
export type PipelineValidation = z.infer<typeof PipelineValidation>;

const EMPTY_SUMMARY: PipelineSummary = { triggers: [], jobs: [], templates: [], uses: [], stages: [], permissions: null, argocd: null };

/** Decide what a file is from its path first, then from its shape. */
export function detectKind(file: string, value: unknown): PipelineKind {
  const normalized = file.replace(/\\/g, '/');
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(normalized) || /(^|\/)\.gitlab\//.test(normalized)) return 'gitlab';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(normalized)) return 'github';
  if (isArgocdApplication(value)) return 'argocd';
  if (isRecord(value) && 'on' in value && isRecord(value.jobs)) return 'github';
  if (isRecord(value) && (Array.isArray(value.stages) || Object.values(value).some((job) => isRecord(job) && 'script' in job))) return 'gitlab';
  return 'unknown';
}

function yamlFindings(parsed: YamlFile): RuleFinding[] {
  return [
    ...parsed.errors.map((error) => ({
      rule: 'yaml-syntax',
      severity: 'high' as const,
      line: error.line,
      message: `YAML ${error.code}: ${error.message}`,
      fix: 'Fix the YAML syntax at that line (indentation, quoting, a missing colon).',
    })),
    ...parsed.duplicates.map((dup) => ({
      rule: 'duplicate-key',
      severity: 'high' as const,
      line: dup.line,
      message: `Key \`${dup.key}\`${dup.parent ? ` under \`${dup.parent}\`` : ' at the top level'} is defined twice (lines ${dup.firstLine} and ${dup.line}); YAML forbids it and most CI parsers silently keep only the last one, dropping the first definition.`,
      fix: `Rename or merge one of the two \`${dup.key}\` entries (lines ${dup.firstLine} and ${dup.line}).`,
    })),
  ];
}

/** Validate `text` (the contents of `file`, a repository-relative path used for reporting and kind detection). */
export function validatePipelineText(file: string, text: string, kindHint?: PipelineKind): PipelineValidation {
  const parsed = parseYaml(text);
  const kind = kindHint ?? detectKind(file, parsed.value);
  const findings: RuleFinding[] = yamlFindings(parsed);
  let schemaErrors = 0;
  let summary: PipelineSummary = { ...EMPTY_SUMMARY };
  if (parsed.errors.length === 0) {
    if (kind === 'github') {
      const result = validateGithubWorkflow(text, parsed);
      findings.push(...result.findings);
      schemaErrors = result.schemaErrors;
      summary = { ...summary, ...result.summary };
    } else if (kind === 'gitlab') {
      const result = validateGitlabCi(parsed);
      findings.push(...result.findings);
      summary = { ...summary, jobs: result.summary.jobs, templates: result.summary.templates, stages: result.summary.stages };
    } else if (kind === 'argocd') {
      const result = validateArgocdApplication(parsed);
      findings.push(...result.findings);
      summary = { ...summary, jobs: [], argocd: result.summary };
    } else {
      findings.push({
        rule: 'unknown-kind',
        severity: 'medium',
        line: null,
        message: `${file} is not recognisably a GitHub Actions workflow, a .gitlab-ci.yml or an Argo CD Application; only its YAML was checked.`,
        fix: 'Put workflows under .github/workflows/, name GitLab files .gitlab-ci.yml, or check the path.',
      });
    }
  }
  const withFile = sortFindings(findings.map((finding) => ({ ...finding, file })));
  const counts = countBySeverity(withFile);
  const yamlErrors = parsed.errors.length + parsed.duplicates.length;
  return { file, kind, findings: withFile, counts, yamlErrors, schemaErrors, valid: counts.high === 0 && yamlErrors === 0 && schemaErrors === 0, summary };
}
