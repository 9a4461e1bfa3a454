/** A GitHub Actions workflow as rules see it: triggers, jobs and steps, each with its value path (for line numbers). */
import { isRecord } from '../yaml-document.js';

export type ValuePath = (string | number)[];

export interface JobRef {
  id: string;
  path: ValuePath;
  job: Record<string, unknown>;
}

export interface StepRef {
  jobId: string;
  index: number;
  path: ValuePath;
  step: Record<string, unknown>;
}

export interface WorkflowModel {
  root: Record<string, unknown>;
  /** Event names from `on:` (string, list or mapping form). */
  triggers: string[];
  jobs: JobRef[];
  steps: StepRef[];
}

/** Build the model from a parsed workflow (non-mapping parts are skipped; the schema check reports them). */
export function readWorkflow(root: Record<string, unknown>): WorkflowModel {
  const jobs: JobRef[] = [];
  const steps: StepRef[] = [];
  const jobMap = isRecord(root.jobs) ? root.jobs : {};
  for (const [id, job] of Object.entries(jobMap)) {
    if (!isRecord(job)) continue;
    jobs.push({ id, path: ['jobs', id], job });
    const list = Array.isArray(job.steps) ? job.steps : [];
    list.forEach((step, index) => {
      if (isRecord(step)) steps.push({ jobId: id, index, path: ['jobs', id, 'steps', index], step });
    });
  }
  return { root, triggers: readTriggers(root.on), jobs, steps };
}

function readTriggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((event): event is string => typeof event === 'string');
  if (isRecord(on)) return Object.keys(on);
  return [];
}

export interface ActionRef {
  kind: 'action' | 'local' | 'docker';
  /** owner/repo (lower-cased) for remote actions and reusable workflows. */
  name: string;
  /** Full `owner/repo/sub/path` before the @. */
  full: string;
  ref: string | null;
}

/** Parse a `uses:` value: `owner/repo[/path]@ref`, `./local`, or `docker://image`. */
export function parseUses(uses: string): ActionRef {
  if (uses.startsWith('./') || uses.startsWith('../')) return { kind: 'local', name: uses, full: uses, ref: null };
  if (uses.startsWith('docker://')) {
    const image = uses.slice('docker://'.length);
    const digest = image.includes('@sha256:');
    return { kind: 'docker', name: image, full: image, ref: digest ? image.split('@')[1] ?? null : null };
  }
  const at = uses.lastIndexOf('@');
  const full = at === -1 ? uses : uses.slice(0, at);
  const [owner = '', repo = ''] = full.split('/');
  return { kind: 'action', name: `${owner}/${repo}`.toLowerCase(), full, ref: at === -1 ? null : uses.slice(at + 1) };
}

/** Is `ref` a full commit SHA (the only immutable way to reference an action)? */
export function isFullSha(ref: string | null): boolean {
  return ref !== null && /^[0-9a-f]{40}$/i.test(ref);
}

/** GitHub-owned actions (actions/*, github/*): maintained by GitHub, still mutable when referenced by tag. */
export function isFirstParty(name: string): boolean {
  return name.startsWith('actions/') || name.startsWith('github/');
}

/** The `${{ … }}` expressions inside a string. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => (match[1] ?? '').trim());
}
