/**
 * Structural checks of a `.gitlab-ci.yml` (GitLab publishes no schema we can run offline that matches its linter):
 * visible jobs vs hidden templates, `extends` chains, stages and `needs` that must exist, jobs that have nothing to run.
 */
import type { RuleFinding } from '../finding.js';
import { isRecord, type YamlFile } from '../yaml-document.js';

/** Top-level keys that configure the pipeline rather than define a job. */
const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec']);
/** Stages GitLab provides when `stages:` is absent (`.pre`/`.post` always exist). */
const DEFAULT_STAGES = ['build', 'test', 'deploy'];

export interface GitlabSummary {
  jobs: string[];
  templates: string[];
  stages: string[];
  include: boolean;
}

export interface GitlabValidation {
  findings: RuleFinding[];
  summary: GitlabSummary;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** Merge a job with everything it extends (GitLab's deep-merge for mappings, replace otherwise). */
function resolveJob(name: string, config: Record<string, unknown>, missing: Set<string>, seen: string[] = []): Record<string, unknown> {
  const job = config[name];
  if (!isRecord(job)) return {};
  if (seen.includes(name)) return job;
  let merged: Record<string, unknown> = {};
  for (const parent of asList(job.extends)) {
    if (typeof parent !== 'string') continue;
    if (!(parent in config)) {
      missing.add(parent);
      continue;
    }
    merged = deepMerge(merged, resolveJob(parent, config, missing, [...seen, name]));
  }
  return deepMerge(merged, job);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = out[key];
    out[key] = isRecord(previous) && isRecord(value) ? deepMerge(previous, value) : value;
  }
  return out;
}

/** Validate the parsed file (YAML errors and duplicate keys are the caller's). */
export function validateGitlabCi(parsed: YamlFile): GitlabValidation {
  const config = isRecord(parsed.value) ? parsed.value : {};
  const keys = Object.keys(config);
  const templates = keys.filter((key) => key.startsWith('.'));
  const jobs = keys.filter((key) => !key.startsWith('.') && !GLOBAL_KEYWORDS.has(key));
  const include = config.include !== undefined;
  const declaredStages = Array.isArray(config.stages) ? config.stages.filter((s): s is string => typeof s === 'string') : DEFAULT_STAGES;
  const stages = ['.pre', ...declaredStages, '.post'];
  // Names that might come from an `include:` are unknowable offline: report them, but not as blocking.
  const unresolvedSeverity = include ? 'medium' : 'high';
  const findings: RuleFinding[] = [];

  for (const name of jobs) {
    const raw = config[name];
    if (!isRecord(raw)) {
      findings.push({ rule: 'job-not-mapping', severity: 'high', line: parsed.lineOf([name]), message: `\`${name}\` is not a job mapping (found ${typeof raw}).`, fix: 'Make it a mapping with `script:`, or move it under `variables:`.' });
      continue;
    }
    const missing = new Set<string>();
    const job = resolveJob(name, config, missing);
    for (const parent of missing) {
      findings.push({
        rule: 'unknown-extends',
        severity: unresolvedSeverity,
        line: parsed.lineOf([name, 'extends']),
        message: `Job \`${name}\` extends \`${parent}\`, which is not defined in this file${include ? ' (it may come from an include)' : ''}.`,
        fix: `Define \`${parent}\` or fix the name.`,
      });
    }
    if (job.script === undefined && job.trigger === undefined && job.run === undefined && missing.size === 0) {
      findings.push({ rule: 'job-without-script', severity: 'high', line: parsed.lineOf([name]), message: `Job \`${name}\` has no \`script:\` or \`trigger:\` (after applying \`extends\`); GitLab rejects the pipeline.`, fix: 'Add a `script:` (or `trigger:`), or hide the job by prefixing its name with a dot.' });
    }
    const stage = typeof job.stage === 'string' ? job.stage : 'test';
    if (!stages.includes(stage)) {
      findings.push({ rule: 'unknown-stage', severity: 'high', line: parsed.lineOf([name, 'stage']), message: `Job \`${name}\` uses stage \`${stage}\`, which is not in \`stages:\` (${declaredStages.join(', ')}).`, fix: `Add \`${stage}\` to \`stages:\` or use one of the declared stages.` });
    }
    for (const need of asList(job.needs)) {
      const target = typeof need === 'string' ? need : isRecord(need) && typeof need.job === 'string' && need.project === undefined && need.pipeline === undefined ? need.job : null;
      if (target === null || jobs.includes(target)) continue;
      if (isRecord(need) && need.optional === true) continue;
      findings.push({ rule: 'unknown-needs', severity: unresolvedSeverity, line: parsed.lineOf([name, 'needs']), message: `Job \`${name}\` needs \`${target}\`, which is not a job in this file.`, fix: `Define \`${target}\`, fix the name, or mark the need \`optional: true\`.` });
    }
  }
  return { findings, summary: { jobs, templates, stages: declaredStages, include } };
}
