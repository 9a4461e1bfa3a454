/** Structural checks of an Argo CD `Application`: sources, `$ref` value files, destination, sync policy. */
import type { RuleFinding } from '../finding.js';
import { isRecord, type YamlFile } from '../yaml-document.js';

/** Namespace Argo CD's controller watches when `metadata.namespace` is absent (the install default). */
export const ARGOCD_DEFAULT_NAMESPACE = 'argocd';

export interface ArgocdSummary {
  name: string | null;
  /** metadata.namespace, or the controller default it falls back to. */
  namespace: string;
  namespaceExplicit: boolean;
  sources: number;
  automated: boolean;
  destinationNamespace: string | null;
}

export interface ArgocdValidation {
  findings: RuleFinding[];
  summary: ArgocdSummary;
}

/** Is this parsed document an Argo CD Application? */
export function isArgocdApplication(value: unknown): boolean {
  return isRecord(value) && typeof value.apiVersion === 'string' && value.apiVersion.startsWith('argoproj.io/') && value.kind === 'Application';
}

/** Validate an Application manifest. */
export function validateArgocdApplication(parsed: YamlFile): ArgocdValidation {
  const app = isRecord(parsed.value) ? parsed.value : {};
  const metadata = isRecord(app.metadata) ? app.metadata : {};
  const spec = isRecord(app.spec) ? app.spec : {};
  const findings: RuleFinding[] = [];
  const high = (rule: string, path: (string | number)[], message: string, fix: string) =>
    findings.push({ rule, severity: 'high', line: parsed.lineOf(path), message, fix });

  if (typeof metadata.name !== 'string') high('argocd-name-missing', ['metadata'], 'The Application has no `metadata.name`.', 'Set `metadata.name`.');
  const namespaceExplicit = typeof metadata.namespace === 'string';
  if (!namespaceExplicit) {
    findings.push({
      rule: 'argocd-namespace-default',
      severity: 'low',
      line: parsed.lineOf(['metadata']),
      message: `No \`metadata.namespace\`: the Application lands in whatever namespace \`kubectl apply\` uses, and Argo CD only sees it there if that is its controller namespace (\`${ARGOCD_DEFAULT_NAMESPACE}\` by default).`,
      fix: `Set \`metadata.namespace: ${ARGOCD_DEFAULT_NAMESPACE}\` (or your Argo CD namespace).`,
    });
  }

  const single = isRecord(spec.source) ? [spec.source] : [];
  const multi = Array.isArray(spec.sources) ? spec.sources.filter(isRecord) : [];
  if (single.length > 0 && multi.length > 0) high('argocd-source-and-sources', ['spec', 'sources'], 'Both `spec.source` and `spec.sources` are set; Argo CD ignores `source` when `sources` exists.', 'Keep one of them.');
  const sources = multi.length > 0 ? multi : single;
  const sourceKey = multi.length > 0 ? 'sources' : 'source';
  if (sources.length === 0) high('argocd-source-missing', ['spec'], 'The Application has no `spec.source` or `spec.sources`.', 'Add a source with `repoURL` and `path` (or `chart`).');
  const refs = new Set(sources.map((source) => source.ref).filter((ref): ref is string => typeof ref === 'string'));
  sources.forEach((source, index) => {
    const path = multi.length > 0 ? ['spec', sourceKey, index] : ['spec', sourceKey];
    if (typeof source.repoURL !== 'string') high('argocd-repo-missing', path, `Source ${index + 1} has no \`repoURL\`.`, 'Set `repoURL`.');
    if (source.path === undefined && source.chart === undefined && source.ref === undefined) {
      high('argocd-source-empty', path, `Source ${index + 1} has neither \`path\`, \`chart\` nor \`ref\`.`, 'Point it at a directory (`path`), a Helm chart (`chart`), or name it with `ref` for value files.');
    }
    const valueFiles = isRecord(source.helm) && Array.isArray(source.helm.valueFiles) ? source.helm.valueFiles : [];
    for (const file of valueFiles) {
      const ref = typeof file === 'string' ? /^\$([^/]+)\//.exec(file)?.[1] : undefined;
      if (ref && !refs.has(ref)) high('argocd-unknown-ref', [...path, 'helm', 'valueFiles'], `Value file \`${file}\` refers to \`$${ref}\`, but no source has \`ref: ${ref}\`.`, `Add \`ref: ${ref}\` to the source holding the values, or fix the name.`);
    }
  });

  const destination = isRecord(spec.destination) ? spec.destination : null;
  if (!destination || (destination.server === undefined && destination.name === undefined)) {
    high('argocd-destination-missing', ['spec', 'destination'], 'The Application has no `spec.destination.server` or `.name`.', 'Set `destination.server: https://kubernetes.default.svc` (in-cluster) or the cluster name.');
  }
  const syncPolicy = isRecord(spec.syncPolicy) ? spec.syncPolicy : {};
  return {
    findings,
    summary: {
      name: typeof metadata.name === 'string' ? metadata.name : null,
      namespace: namespaceExplicit ? (metadata.namespace as string) : ARGOCD_DEFAULT_NAMESPACE,
      namespaceExplicit,
      sources: sources.length,
      automated: syncPolicy.automated !== undefined && syncPolicy.automated !== null,
      destinationNamespace: destination && typeof destination.namespace === 'string' ? destination.namespace : null,
    },
  };
}
