/** Secret redaction shared by the ledger, the logs and the report. */

const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|authorization|auth|credential|private[-_]?key|webhook)/i;

const SECRET_PATTERNS: RegExp[] = [
  /\b(sk-[A-Za-z0-9_-]{16,})\b/g, // OpenAI-style keys
  /\b(gh[pousr]_[A-Za-z0-9]{20,})\b/g, // GitHub tokens
  /\b(xox[abprs]-[A-Za-z0-9-]{10,})\b/g, // Slack tokens
  /\b(AKIA[0-9A-Z]{16})\b/g, // AWS access key ids
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(https:\/\/hooks\.slack\.com\/services\/)[A-Za-z0-9/]+/g,
  /(:\/\/[^:/\s]+:)[^@/\s]+(@)/g, // user:password@ in URLs
];

/** Mask the known secret shapes inside free text. */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, ...groups: unknown[]) => {
      const first = typeof groups[0] === 'string' ? groups[0] : '';
      const second = typeof groups[1] === 'string' ? groups[1] : '';
      if (pattern.source.startsWith('(Bearer') || pattern.source.startsWith('(https')) return `${first}[REDACTED]`;
      if (pattern.source.startsWith('(:')) return `${first}[REDACTED]${second}`;
      return match.length > 0 ? '[REDACTED]' : match;
    });
  }
  return out;
}

/** Deep copy of a value with secret-looking keys masked and secret shapes removed from strings. */
export function redact<T>(value: T, extraSecrets: readonly string[] = []): T {
  const seen = new WeakSet<object>();
  const visit = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      if (key && SECRET_KEY.test(key) && v.length > 0) return '[REDACTED]';
      let out = redactText(v);
      for (const secret of extraSecrets) if (secret.length >= 4) out = out.split(secret).join('[REDACTED]');
      return out;
    }
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    if (Array.isArray(v)) return v.map((item) => visit(item));
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) out[k] = visit(item, k);
    return out;
  };
  return visit(value) as T;
}
