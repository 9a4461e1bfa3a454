/**
 * The series a PromQL expression selects, read with Prometheus' own grammar (@prometheus-io/lezer-promql),
 * so function names, keywords (`OR`, `by`), durations and label names are never mistaken for metrics.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';

export interface PromqlSelector {
  /** Metric name, or null for a selector without one (`{job="x"}` with only label matchers). */
  metric: string | null;
  /** Label names the selector matches on (excluding `__name__`). */
  labels: string[];
  /** Equality matchers (`label="value"`), e.g. the `job` an `absent()` result will carry. */
  equals: Record<string, string>;
}

export interface PromqlReading {
  selectors: PromqlSelector[];
  /** Character offset of the first syntax error, or null when the grammar accepts the expression. */
  errorAt: number | null;
}

/** Parse a PromQL string literal ('…', "…" or `…`) into its value. */
function unquote(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  const body = text.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function readMatchers(node: SyntaxNode, expr: string, selector: PromqlSelector): void {
  for (let matcher = node.firstChild; matcher; matcher = matcher.nextSibling) {
    const nameNode = matcher.getChild('LabelName') ?? matcher.getChild('QuotedLabelName');
    const op = matcher.getChild('MatchOp');
    const value = matcher.getChild('StringLiteral');
    if (!value) continue;
    const text = unquote(expr.slice(value.from, value.to));
    // Prometheus 3 allows a bare quoted metric name inside braces: {"my.metric", job="x"}.
    if (!nameNode) {
      selector.metric = text;
      continue;
    }
    const raw = expr.slice(nameNode.from, nameNode.to);
    const label = nameNode.name === 'QuotedLabelName' ? unquote(raw) : raw;
    const isEquality = op !== null && expr.slice(op.from, op.to) === '=';
    if (label === '__name__') {
      if (isEquality) selector.metric = text;
      continue;
    }
    selector.labels.push(label);
    if (isEquality) selector.equals[label] = text;
  }
}

/** Every vector selector in `expr` with its metric name and matched labels. */
export function readSelectors(expr: string): PromqlReading {
  const tree = parser.parse(expr);
  const selectors: PromqlSelector[] = [];
  let errorAt: number | null = null;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && errorAt === null) errorAt = ref.from;
      if (ref.name !== 'VectorSelector') return;
      const node = ref.node;
      const selector: PromqlSelector = { metric: null, labels: [], equals: {} };
      const identifier = node.getChild('Identifier');
      if (identifier) selector.metric = expr.slice(identifier.from, identifier.to);
      const matchers = node.getChild('LabelMatchers');
      if (matchers) readMatchers(matchers, expr, selector);
      selectors.push(selector);
    },
  });
  return { selectors, errorAt };
}

/** The distinct metric names an expression reads. */
export function metricNames(expr: string): string[] {
  return [...new Set(readSelectors(expr).selectors.flatMap((s) => (s.metric ? [s.metric] : [])))];
}
